import { type CreateServiceOptions, createService } from '../service/createService';
import type { CliIo } from './io';

const throttleMs = 250;
/** Work shorter than this shows no progress: a line for a second's analysis is noise in a script's log. */
const quietMs = 2000;

/**
 * Progress of an import or an analysis on stderr: redrawn in place on a terminal, a throttled line at
 * a time otherwise, so stdout stays clean for --json and huge imports do not flood logs.
 */
export class ProgressLine {
  private readonly quietUntil = Date.now() + quietMs;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(private readonly io: CliIo) {}

  report(progress: {
    readonly phase: string;
    readonly done: number;
    readonly total: number;
    readonly file?: string | null;
    readonly fileBytes?: { readonly done: number; readonly total: number };
  }): void {
    const now = Date.now();
    if (progress.phase === 'done' || now < this.quietUntil || now - this.lastDrawn < throttleMs) return;
    this.lastDrawn = now;
    const within = progress.fileBytes
      ? ` ${Math.floor((100 * progress.fileBytes.done) / progress.fileBytes.total)}%`
      : '';
    const text = `${progress.phase} ${progress.done}/${progress.total}${progress.file ? ` ${progress.file}` : ''}${within}`;
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

/**
 * The service for a command, its long work (an import, the first analysis of a large snapshot)
 * shown on stderr. The io it returns clears the progress line before writing, so an answer never
 * shares a line with it.
 */
export async function openService(io: CliIo, options: CreateServiceOptions) {
  const progress = new ProgressLine(io);
  const { service, close } = await createService({
    ...options,
    emit: (_event, payload) => progress.report(payload),
  });
  const cleared = (write: (text: string) => void) => (text: string) => {
    progress.clear();
    write(text);
  };
  return {
    service,
    io: { ...io, stdout: cleared(io.stdout), stderr: cleared(io.stderr) },
    close: () => {
      progress.clear();
      close();
    },
  };
}
