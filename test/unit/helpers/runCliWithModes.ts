import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const nobody = 65534;
const root = join(import.meta.dirname, '../../..');

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs node with `args` as a user that file modes apply to: as this user, unless it is root, which
 * ignores them; then as `nobody` through setpriv. Null where that is not available; the reason is
 * printed. Files the child needs must be readable by others, and folders it writes in writable by them.
 */
export function runNodeWithModes(args: readonly string[]): Run | null {
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
    console.log('skipped: running as root, which ignores file modes, and setpriv is not available');
    return null;
  }
  const command = [process.execPath, ...args];
  const [file = '', ...rest] = asRoot
    ? ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', ...command]
    : command;
  const child = spawnSync(file, rest, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HOME: '/tmp' },
  });
  return { code: child.status ?? -1, out: child.stdout, err: child.stderr };
}

/** `faultline ARGV...` as a user that file modes apply to (see runNodeWithModes). */
export function runCliWithModes(...argv: string[]): Run | null {
  return runNodeWithModes([join(root, 'bin/faultline.mjs'), ...argv]);
}

/**
 * The service's `importPaths`, as the app's worker calls it, as a user that file modes apply to: its
 * answer as the Result the app receives.
 */
export function importPathsWithModes(db: string, paths: readonly string[]): Run | null {
  return runNodeWithModes([
    '--import',
    'tsx',
    join(import.meta.dirname, 'importPathsScript.ts'),
    db,
    ...paths,
  ]);
}
