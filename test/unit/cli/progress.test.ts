import { afterEach, describe, expect, it, vi } from 'vitest';
import { openService, ProgressLine } from '../../../main/cli/progress';
import { captureIo } from '../helpers/captureIo';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const step = (done: number) => ({ phase: 'parsing', file: 'big.json', done, total: 10 }) as const;

afterEach(() => vi.useRealTimers());

describe('ProgressLine', () => {
  it('stays silent for the first 2 s and then reports at most every 250 ms', () => {
    vi.useFakeTimers({ now: 0 });
    const io = captureIo();
    const progress = new ProgressLine(io);
    progress.report(step(1));
    vi.setSystemTime(1900);
    progress.report(step(1));
    expect(io.err()).toBe('');
    vi.setSystemTime(2000);
    progress.report(step(2));
    vi.setSystemTime(2100);
    progress.report(step(3));
    vi.setSystemTime(2250);
    progress.report(step(4));
    expect(io.err()).toBe('parsing 2/10 big.json\nparsing 4/10 big.json\n');
  });

  it('says how far into a large file the import is', () => {
    vi.useFakeTimers({ now: 0 });
    const io = captureIo();
    const progress = new ProgressLine(io);
    vi.setSystemTime(3000);
    progress.report({ ...step(3), fileBytes: { done: 450, total: 1000 } });
    expect(io.err()).toBe('parsing 3/10 big.json 45%\n');
  });

  it('redraws one line on a terminal and clears it at the end', () => {
    vi.useFakeTimers({ now: 0 });
    const io = { ...captureIo(), stderrIsTty: true };
    const lines: string[] = [];
    const progress = new ProgressLine({ ...io, stderr: (t) => lines.push(t) });
    vi.setSystemTime(3000);
    progress.report(step(5));
    progress.clear();
    expect(lines).toEqual(['\r\x1b[2Kparsing 5/10 big.json', '\r\x1b[2K']);
  });

  it('clears the progress line of a command before it writes its answer', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
    const log: string[] = [];
    const io = {
      stdout: (text: string) => log.push(`out:${text}`),
      stderr: (text: string) => log.push(`err:${text}`),
      stderrIsTty: true,
    };
    const { service, io: answer, close } = await openService(io, { dbFile: tempDbFile() });
    // Long enough after the start for the first report to be drawn.
    vi.setSystemTime(3000);
    await service.importPaths([sampleDir]);
    answer.stdout('Imported.\n');
    close();
    const drawn = log.findIndex((line) => line.startsWith('err:\r\x1b[2Kreading'));
    const answered = log.indexOf('out:Imported.\n');
    expect(drawn).toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(drawn);
    expect(log[answered - 1]).toBe('err:\r\x1b[2K');
  });
});
