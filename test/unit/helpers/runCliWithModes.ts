import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './runCli';

const nobody = 65534;
const root = join(import.meta.dirname, '../../..');

/**
 * Runs the CLI as a user that file modes apply to: in-process for an ordinary user; for root, which
 * ignores them, as `nobody` through setpriv. Null where neither is possible; the reason is printed.
 * Files the child needs must be readable by others, and folders it writes in writable by them.
 */
export async function runCliWithModes(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string } | null> {
  if (process.getuid?.() !== 0) return runCli(...argv);
  if (spawnSync('setpriv', ['--version']).status !== 0) {
    console.log('skipped: running as root, which ignores file modes, and setpriv is not available');
    return null;
  }
  const child = spawnSync(
    'setpriv',
    [
      `--reuid=${nobody}`,
      `--regid=${nobody}`,
      '--clear-groups',
      process.execPath,
      join(root, 'bin/faultline.mjs'),
      ...argv,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } },
  );
  return { code: child.status ?? -1, out: child.stdout, err: child.stderr };
}
