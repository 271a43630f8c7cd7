import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { expect, it } from 'vitest';
import { readFlowLogs } from '../../../main/core/flowlogs';
import { tempTree, v2, v2Header } from './flowLogFixtures';

const lines = 200_000;
const clients = 50;
const ports = [443, 5432, 8080, 9000];

/** Line i: client i % 50 and port i % 4, request on even i, reply on odd; packets i % 7, bytes 100 per packet. */
function* log(): Generator<string> {
  yield `${v2Header}\n`;
  let batch: string[] = [];
  for (let i = 0; i < lines; i++) {
    const client = `10.1.0.${i % clients}`;
    const port = ports[i % ports.length] as number;
    const ephemeral = 32768 + (i % 20000);
    const extra = { packets: i % 7, bytes: (i % 7) * 100, start: 1000 + i, end: 1060 + i };
    const line =
      i % 2 === 0
        ? v2(client, '10.0.0.1', ephemeral, port, extra)
        : v2('10.0.0.1', client, port, ephemeral, extra);
    batch.push(line);
    // Batched: a stream write per line would make generating the log slower than reading it.
    if (batch.length === 10_000) {
      yield `${batch.join('\n')}\n`;
      batch = [];
    }
  }
}

it('streams a 200,000-line gzip log into exact aggregate totals', async () => {
  const dir = await tempTree({});
  const file = join(dir, 'big.log.gz');
  await pipeline(Readable.from(log()), createGzip(), createWriteStream(file));
  const read = await readFlowLogs([{ kind: 'path', path: file }]);
  let packets = 0;
  for (let i = 0; i < lines; i++) packets += i % 7;
  expect(read.lines).toBe(lines);
  expect(read.malformedCount).toBe(0);
  // lcm(50, 4) = 100: 100 distinct (client, port) pairs, each 2,000 records.
  expect(read.flows).toHaveLength(100);
  expect(read.flows.every((f) => f.server === '10.0.0.1' && f.records === lines / 100)).toBe(true);
  expect(read.flows.reduce((sum, f) => sum + f.records, 0)).toBe(lines);
  expect(read.flows.reduce((sum, f) => sum + f.packets, 0)).toBe(packets);
  expect(read.flows.reduce((sum, f) => sum + f.bytes, 0)).toBe(packets * 100);
  expect(Math.min(...read.flows.map((f) => f.firstSeen))).toBe(1000);
  expect(Math.max(...read.flows.map((f) => f.lastSeen))).toBe(1060 + lines - 1);
});
