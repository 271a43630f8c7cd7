import type { ImportProgress } from '../core/domain/importReport';
import type { CliIo } from './io';

const throttleMs = 250;

/**
 * Import progress on stderr: redrawn in place on a terminal, a throttled line at a time otherwise,
 * so stdout stays clean for --json and huge imports do not flood logs.
 */
export class ProgressLine {
  // Starting the clock now keeps short imports silent: progress appears only once one runs a while.
  private lastDrawn = Date.now();
  private drawn = false;

  constructor(private readonly io: CliIo) {}

  report(progress: ImportProgress): void {
    const now = Date.now();
    if (progress.phase === 'done' || now - this.lastDrawn < throttleMs) return;
    this.lastDrawn = now;
    const text = `${progress.phase} ${progress.done}/${progress.total}${progress.file ? ` ${progress.file}` : ''}`;
    if (this.io.stderrIsTty) {
      this.io.stderr(`\r\x1b[2K${text.slice(0, 120)}`);
      this.drawn = true;
    } else {
      this.io.stderr(`${text}\n`);
    }
  }

  clear(): void {
    if (this.drawn) this.io.stderr('\r\x1b[2K');
    this.drawn = false;
  }
}
