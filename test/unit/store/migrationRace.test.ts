import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations, schemaVersion } from '../../../main/store/migrations';
import { Workspace, workspacePageSize } from '../../../main/store/workspace';
import { tempDbFile } from '../helpers/tempWorkspace';

const repoRoot = new URL('../../../', import.meta.url).pathname;

/** Opens the workspace in a process of its own, as a second CLI command or the app would. */
function openElsewhere(file: string): Promise<{ code: number | null; stderr: string }> {
  const script = `import { Workspace } from './main/store/workspace.ts'; Workspace.open(${JSON.stringify(file)}).close();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('opening an old workspace from two processes at once', () => {
  it('takes each migration step once: the second process sees the steps the first took while it waited', async () => {
    const file = tempDbFile();
    const old = new Database(file);
    old.pragma(`page_size = ${workspacePageSize}`);
    old.pragma('journal_mode = WAL');
    for (const sql of migrations.slice(0, 5)) old.exec(sql);
    old.pragma('user_version = 5');
    // This connection upgrades the file inside a transaction it holds open: the other process reads
    // version 5, then waits for the write lock, and gets it only once every step is committed.
    old.exec('BEGIN IMMEDIATE');
    for (const [version, sql] of migrations.entries()) {
      if (version < 5) continue;
      old.exec(sql);
      old.pragma(`user_version = ${version + 1}`);
    }
    const other = openElsewhere(file);
    // Long enough for the other process to start and read the version; well inside its 5 s busy timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    old.exec('COMMIT');
    old.close();
    const { code, stderr } = await other;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    workspace.close();
  }, 30_000);
});
