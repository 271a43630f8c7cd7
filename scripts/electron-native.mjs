#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the Electron ABI, once per Electron version, into
 * .native/electron-<version>-<platform>-<arch>/better_sqlite3.node. The main process hands that
 * file to better-sqlite3 as `nativeBinding`, so node_modules keeps the Node build that the CLI and
 * the tests load: nothing is ever flipped back and forth. Packaging rebuilds in place instead
 * (see README, "Native module").
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const target = join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const binary = join(target, 'better_sqlite3.node');

if (existsSync(binary)) process.exit(0);

console.log(
  `Building better-sqlite3 for Electron ${electronVersion} (once per Electron version, about a minute)...`,
);
const work = mkdtempSync(join(tmpdir(), 'faultline-native-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
  // A user-level nodedir would point node-gyp at Node's headers instead of Electron's.
  const env = { ...process.env, npm_config_nodedir: '', npm_config_runtime: 'electron' };
  const run = (command, args) =>
    spawnSync(command, args, { cwd: work, env, stdio: 'inherit', shell: false }).status === 0;
  const electronArgs = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
  const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...electronArgs]);
  const built =
    prebuilt ||
    run(process.execPath, [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      ...electronArgs,
      '--dist-url=https://electronjs.org/headers',
    ]);
  const output = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(output)) {
    console.error(
      'Could not build better-sqlite3 for Electron: neither a prebuilt binary nor Electron headers could be downloaded.\n' +
        'Check your network connection (or proxy settings) and run `npm start` again.',
    );
    process.exit(1);
  }
  mkdirSync(target, { recursive: true });
  cpSync(output, binary);
  console.log(`Built ${binary}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
