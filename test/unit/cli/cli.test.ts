import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
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
    expect((await run('snapshots', '--db', db, '--json')).out).toBe('[]\n');
  });

  it('applies a size limit given on the command line, naming the flag', async () => {
    const db = tempDbFile();
    const { code, err } = await run('import', '--db', db, '--max-file-mb', '0.001', sampleDir);
    expect(code).toBe(1);
    expect(err).toMatch(/over the 1 KB limit \(set with --max-file-mb\)/);
    expect((await run('snapshots', '--db', db, '--json')).out).toBe('[]\n');
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
    const { code, out } = await run('snapshots', '--db', tempDbFile());
    expect(code).toBe(0);
    expect(out).toMatch(/No snapshots yet/);
  });
});

describe('npm run cli', () => {
  it('runs the TypeScript CLI from a fresh checkout with no build step', async () => {
    const db = tempDbFile();
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
