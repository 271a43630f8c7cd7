import { main } from '../../../main/cli/main';
import { captureIo } from './captureIo';

/** Runs the CLI in-process, as `faultline ARGV...` would, capturing both streams. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
