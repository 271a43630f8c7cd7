import type { FlowRecord } from './record';

/**
 * Counters of records set aside until the whole read is seen (those whose ports do not tell the
 * server). A class, not object literals spread together: every tally then has one hidden shape, and
 * the per-record update stays monomorphic.
 */
export class Tally {
  records = 0;
  packets = 0;
  bytes = 0;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = 0;

  add(record: FlowRecord): void {
    this.records++;
    this.packets += record.packets;
    this.bytes += record.bytes;
    if (record.start < this.firstSeen) this.firstSeen = record.start;
    if (record.end > this.lastSeen) this.lastSeen = record.end;
  }
}
