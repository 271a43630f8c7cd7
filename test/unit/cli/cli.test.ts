import { execFile, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/store/workspace';
import { runCli } from '../helpers/runCli';
import { importPathsWithModes, runCliWithModes } from '../helpers/runCliWithModes';
import { sampleCounts, sampleDir } from '../helpers/sampleCounts';
import { dumpDatabase, tempDbFile } from '../helpers/tempWorkspace';

const run = runCli;

describe('faultline import', () => {
  it('imports the sample and prints the snapshot id and the counts of every kind', async () => {
    const db = tempDbFile();
    const { code, out } = await run('import', '--db', db, sampleDir);
    expect(code).toBe(0);
    expect(out).toMatch(/^Imported snapshot 1 "aws"/);
    const counts = sampleCounts();
    expect(out).toMatch(new RegExp(`Workloads \\(ENIs\\)\\s+${counts.workloads}\\n`));
    expect(out).toMatch(new RegExp(`Security group rules\\s+${counts.securityGroupRules}\\n`));
    expect(out).toMatch(new RegExp(`Network ACL entries\\s+${counts.networkAclEntries}\\n`));
  });

  it('prints machine-readable output with --json, counts equal to the export', async () => {
    const db = tempDbFile();
    const { code, out } = await run('import', '--db', db, '--json', '--name', 'Northwind', sampleDir);
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.snapshot.name).toBe('Northwind');
    expect(parsed.snapshot.counts).toEqual(sampleCounts());
    expect(parsed.files.every((f: { sha256: string }) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('exits 1 on bad input, names the file and the line, and leaves the workspace unchanged', async () => {
    const db = tempDbFile();
    await run('import', '--db', db, sampleDir);
    const before = dumpDatabase(db);
    const bad = join(dirname(db), 'export', 'broken.json');
    mkdirSync(dirname(bad));
    writeFileSync(bad, '{\n  "Vpcs": [\n    { "VpcId": "vpc-1", }\n  ]\n}\n');
    const { code, err, out } = await run('import', '--db', db, bad);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('broken.json');
    expect(err).toMatch(/line 3, column \d+/);
    expect(err).toContain('Nothing was imported; the workspace is unchanged.');
    expect(dumpDatabase(db)).toBe(before);
    // A first import that fails leaves no empty workspace behind.
    const fresh = join(dirname(db), 'mistyped.db');
    expect((await run('import', '--db', fresh, bad)).code).toBe(1);
    expect(readdirSync(dirname(db)).filter((name) => name.startsWith('mistyped'))).toEqual([]);
  });

  it('says why each file was skipped when none is an export, an AWS export printed as YAML among them', async () => {
    const db = tempDbFile();
    const folder = join(dirname(db), 'yaml-export');
    mkdirSync(folder);
    writeFileSync(join(folder, 'vpcs.yaml'), 'Vpcs:\n- VpcId: vpc-0a1\n  CidrBlock: 10.0.0.0/16\n');
    writeFileSync(join(folder, 'notes.txt'), 'exported on Monday\n');
    const { code, err } = await run('import', '--db', db, folder);
    expect(code).toBe(1);
    expect(err).toContain('None of the 2 file(s) is an export Faultline reads');
    expect(err).toContain(
      'skipped  yaml-export/vpcs.yaml  (not JSON: Faultline reads the JSON output of aws ec2 describe-* commands; this looks like describe-vpcs printed with --output yaml (Vpcs:): export it with --output json)',
    );
    expect(err).toContain(
      'skipped  yaml-export/notes.txt  (not JSON: Faultline reads the JSON output of aws ec2 describe-* commands)',
    );
    expect(readdirSync(dirname(db))).toEqual(['yaml-export']);
  });

  it('applies a size limit given on the command line, naming the flag', async () => {
    const db = tempDbFile();
    const { code, err } = await run('import', '--db', db, '--max-file-mb', '0.001', sampleDir);
    expect(code).toBe(1);
    expect(err).toMatch(/over the 1 KB limit \(set with --max-file-mb\)/);
    expect(readdirSync(dirname(db))).toEqual([]);
  });

  it.each([
    [[], /Usage: faultline/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['import', sampleDir], /--db FILE is required/],
    [['import', '--db', 'x.db'], /at least one file/],
    [['import', '--db', 'x.db', '--bogus', sampleDir], /Unknown option '--bogus'/],
    [['import', '--db', 'x.db', '--max-file-mb', 'lots', sampleDir], /--max-file-mb takes a positive number/],
    [
      ['import', '--db', 'x.db', '--max-archive-entries', '0', sampleDir],
      /--max-archive-entries takes a positive/,
    ],
    ...['1.5', '0x10', '1e1', ' 1', ''].map((text): [string[], RegExp] => [
      ['import', '--db', 'x.db', '--max-archive-entries', text, sampleDir],
      new RegExp(`import: --max-archive-entries takes a positive whole number, not "${text}"`),
    ]),
    ...['0x10', '1e3', ' 64', '.5', '0'].map((text): [string[], RegExp] => [
      ['import', '--db', 'x.db', '--max-file-mb', text, sampleDir],
      new RegExp(`import: --max-file-mb takes a positive number such as 64 or 0\\.5, not "${text}"`),
    ]),
    ...['0x1', '1e0', ' 1', '1.0', '0', ''].map((text): [string[], RegExp] => [
      ['findings', '--db', 'x.db', '--snapshot', text],
      new RegExp(`findings: --snapshot takes a snapshot id \\(see \`faultline snapshots\`\\), not "${text}"`),
    ]),
    [
      ['impact', '--db', 'x.db', '--compare', '1', '0x2'],
      /impact: --compare takes a snapshot id .*, not "0x2"/,
    ],
    [
      ['import', '--db', 'a.db', '--db', 'b.db', sampleDir],
      /import: --db is given more than once; give it once/,
    ],
    [['snapshots', '--db=a.db', '--db', 'a.db'], /snapshots: --db is given more than once/],
    [
      ['apps', '--db', 'a.db', '--snapshot', '1', '--snapshot', '2'],
      /apps: --snapshot is given more than once/,
    ],
    [
      ['impact', '--db', 'a.db', '--compare', '1', '2', '--format', 'json', '--format', 'md'],
      /--format is given more than once/,
    ],
    [['sources', '--db', 'a.db', '--out', 'a', '--out', 'b'], /--out is given more than once/],
    [['tag-keys', '--db', 'a.db', '--app', 'a', '--app', 'b'], /tag-keys: --app is given more than once/],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('faultline snapshots', () => {
  it('lists snapshots as a table and as JSON', async () => {
    const db = tempDbFile();
    await run('import', '--db', db, '--name', 'first', sampleDir);
    await run('import', '--db', db, '--name', 'second', sampleDir);
    const table = await run('snapshots', '--db', db);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+IMPORTED\s+WORKLOADS\s+GROUPS\s+RULES$/);
    expect(table.out).toMatch(/\n2\s+second\s/);
    const json = await run('snapshots', '--db', db, '--json');
    expect(JSON.parse(json.out).map((s: { name: string }) => s.name)).toEqual(['second', 'first']);
  });

  it('shows the bidirectional and control characters of a name instead of letting them act', async () => {
    const db = tempDbFile();
    const name = 'shop\u202E \u001b[2J prod';
    const imported = await run('import', '--db', db, '--name', name, sampleDir);
    expect(imported.out).toMatch(/^Imported snapshot 1 "shop<U\+202E> <U\+001B>\[2J prod"/);
    const table = await run('snapshots', '--db', db);
    expect(table.out).toMatch(/\n1\s+shop<U\+202E> <U\+001B>\[2J prod\s/);
    for (const text of [imported.out, table.out]) {
      expect(text).not.toMatch(/\p{Bidi_Control}/u);
      expect(text).not.toContain('\u001b');
    }
  });

  it('says how to start when the workspace is empty', async () => {
    const db = tempDbFile();
    Workspace.open(db).close();
    const { code, out } = await run('snapshots', '--db', db);
    expect(code).toBe(0);
    expect(out).toMatch(/No snapshots yet/);
  });
});

/** A FLOWS.csv of one flow, in a folder of its own. */
function flowsFile(): string {
  const file = tempDbFile('flows.csv');
  writeFileSync(file, 'source,destination,protocol,port\n10.0.0.1,10.0.0.2,tcp,443\n');
  return file;
}

describe('--db naming no workspace', () => {
  const readOnlyCommands = () => [
    ['snapshots'],
    ['apps'],
    ['findings'],
    ['check', flowsFile()],
    ['impact', '--compare', '1', '2'],
    ['sources', '--out', 'recovered'],
  ];

  it.each([
    ['a folder', (db: string) => mkdirSync(db), 'is a folder, not a workspace file'],
    [
      'not SQLite',
      (db: string) => writeFileSync(db, 'not sqlite at all\n'),
      'is not a Faultline workspace (not an SQLite database)',
    ],
  ])('%s: every command exits 1 with one line naming it, and leaves it as it was', async (_, make, why) => {
    const db = tempDbFile();
    make(db);
    for (const argv of [['import', sampleDir], ['tag-keys'], ...readOnlyCommands()]) {
      const [command = '', ...rest] = argv;
      const { code, err } = await run(command, '--db', db, ...rest);
      expect(code, `${command}: ${err}`).toBe(1);
      expect(err).toBe(`faultline: ${db} ${why}\n`);
    }
    expect(readdirSync(dirname(db))).toEqual(['workspace.db']);
  });

  it('in a folder that does not exist: says so, and creates nothing', async () => {
    const db = join(tempDbFile(), 'typo.db');
    for (const command of ['import', 'snapshots', 'findings']) {
      const { code, err } = await run(command, '--db', db, sampleDir);
      expect(code).toBe(1);
      expect(err).toBe(`faultline: ${db}: the folder ${dirname(db)} does not exist\n`);
    }
  });

  it('read-only commands say there is no workspace at a mistyped path, and create none', async () => {
    const db = tempDbFile('typo.db');
    for (const [command = '', ...rest] of readOnlyCommands()) {
      const { code, err } = await run(command, '--db', db, ...rest);
      expect(code, `${command}: ${err}`).toBe(1);
      expect(err).toContain(`faultline: there is no workspace at ${db} (no such file)`);
    }
    expect(readdirSync(dirname(db))).toEqual([]);
  });
});

describe('a read-only workspace', () => {
  it('import and tag-keys say so before reading anything, and leave no -wal or -shm file', async () => {
    const folder = dirname(tempDbFile());
    const db = join(folder, 'ro.db');
    expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
    const before = readFileSync(db);
    chmodSync(db, 0o444);
    // The folder is writable: only the file's mode makes the workspace read-only.
    chmodSync(folder, 0o777);
    // An input that cannot be read would fail the import if it were looked at first.
    const unread = join(folder, 'unread.json');
    writeFileSync(unread, '{"Vpcs": []}');
    chmodSync(unread, 0o000);
    const imported = runCliWithModes('import', '--db', db, unread);
    if (imported === null) return;
    expect(imported.code).toBe(1);
    expect(imported.err).toBe(`faultline: ${db} is read-only: this user may not write to it\n`);
    const tagged = runCliWithModes('tag-keys', '--db', db, '--app', 'Product');
    expect(tagged?.code).toBe(1);
    expect(tagged?.err).toBe(`faultline: ${db} is read-only: this user may not write to it\n`);
    expect(readdirSync(folder).sort()).toEqual(['ro.db', 'unread.json']);
    expect(readFileSync(db).equals(before)).toBe(true);
    // Reading it still works.
    const listed = runCliWithModes('snapshots', '--db', db, '--json');
    expect(listed?.code).toBe(0);
    expect(JSON.parse(listed?.out ?? '')).toHaveLength(1);
  });
});

describe('an input that cannot be read', () => {
  it('a file or a subfolder: exit 1 naming it, and the workspace unchanged; the service answers the same', async () => {
    const folder = dirname(tempDbFile());
    const db = join(folder, 'w.db');
    expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
    const before = dumpDatabase(db);
    const secretFolder = join(folder, 'unread-file');
    mkdirSync(secretFolder);
    copyFileSync(join(sampleDir, 'describe-vpcs.json'), join(secretFolder, 'describe-vpcs.json'));
    const secret = join(secretFolder, 'secret.json');
    writeFileSync(secret, '{"Vpcs": []}');
    const lockedFolder = join(folder, 'unread-folder');
    const locked = join(lockedFolder, 'sub');
    mkdirSync(locked, { recursive: true });
    for (const [path, mode] of [
      [folder, 0o777],
      [db, 0o666],
      [secret, 0o000],
      [locked, 0o000],
    ] as const)
      chmodSync(path, mode);
    for (const [input, path] of [
      [secretFolder, secret],
      [secret, secret],
      [lockedFolder, locked],
    ]) {
      const result = runCliWithModes('import', '--db', db, input as string);
      if (result === null) return;
      expect(result.code, result.err).toBe(1);
      expect(result.err).toMatch(new RegExp(`^faultline: cannot read ${path}: permission denied\n`));
      expect(result.err).toContain('Nothing was imported; the workspace is unchanged.');
      const answer = importPathsWithModes(db, [input as string]);
      expect(JSON.parse(answer?.out ?? '')).toMatchObject({
        ok: false,
        error: { code: 'bad-input', message: `cannot read ${path}: permission denied` },
      });
    }
    expect(dumpDatabase(db)).toBe(before);
  });
});

describe('npm run cli', () => {
  it('runs the TypeScript CLI from a fresh checkout with no build step', async () => {
    const db = tempDbFile();
    Workspace.open(db).close();
    const root = join(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'cli', '--', 'snapshots', '--db', db, '--json'],
      {
        cwd: root,
      },
    );
    expect(JSON.parse(stdout)).toEqual([]);
    const failed = await promisify(execFile)('node', ['bin/faultline.mjs', 'import'], { cwd: root }).catch(
      (e) => e,
    );
    expect(failed.code).toBe(2);
  });

  it('stops quietly when the reader closes the pipe early, as `faultline … | head` does', async () => {
    const root = join(import.meta.dirname, '../../..');
    const child = spawn('node', ['bin/faultline.mjs', '--help'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
