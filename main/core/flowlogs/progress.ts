import type { ImportProgress } from '../domain/importReport';

const intervalMs = 100;

/** Reports bytes read at most every intervalMs: a report per chunk would flood an IPC channel. */
export class ThrottledProgress {
  private done = 0;
  private last = 0;

  constructor(
    private readonly report: ((progress: ImportProgress) => void) | undefined,
    private readonly total: number,
  ) {}

  advance(file: string, bytes: number): void {
    this.done += bytes;
    const now = Date.now();
    if (this.report === undefined || now - this.last < intervalMs) return;
    this.last = now;
    this.report({ phase: 'reading', file, done: this.done, total: this.total });
  }

  /** The last report, always sent, so a listener sees the read end at 100 %. */
  finish(): void {
    this.report?.({ phase: 'reading', file: null, done: this.total, total: this.total });
  }
}
