import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/store/workspace';
import { smallEstate } from '../helpers/estateBuilder';
import { runCli as run } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';
import { buildZip } from '../input/zipBuilder';

const sampleFiles = () => readdirSync(sampleDir).filter((name) => name.endsWith('.json'));

describe('faultline sources', () => {
  it('writes back every export file of the snapshot byte for byte', async () => {
    const db = tempDbFile();
    expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
    const out = join(dirname(db), 'recovered');
    const { code, out: printed } = await run('sources', '--db', db, '--out', out, '--json');
    expect(code).toBe(0);
    const written = JSON.parse(printed) as { name: string; file: string; sha256: string; size: number }[];
    expect(written.map((w) => w.file.split('/').pop()).sort()).toEqual(sampleFiles().sort());
    for (const { name, file, sha256 } of written) {
      const original = readFileSync(join(sampleDir, file.split('/').pop() as string));
      const recovered = readFileSync(join(out, name));
      expect(recovered.equals(original)).toBe(true);
      expect(createHash('sha256').update(recovered).digest('hex')).toBe(sha256);
    }
    expect(readdirSync(out).sort()).toEqual(written.map((w) => w.name).sort());
  });

  it('flattens archive members to safe names, and never overwrites', async () => {
    const db = tempDbFile();
    const dir = join(dirname(db), 'in');
    mkdirSync(dir);
    const vpcs = readFileSync(join(sampleDir, 'describe-vpcs.json'));
    writeFileSync(
      join(dir, 'estate.zip'),
      buildZip([{ name: 'exports/eu west/describe-vpcs.json', data: vpcs }]),
    );
    expect((await run('import', '--db', db, dir)).code).toBe(0);
    const out = join(dirname(db), 'out');
    const first = await run('sources', '--db', db, '--out', out);
    expect(first.code).toBe(0);
    const [name] = readdirSync(out);
    expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*describe-vpcs\.json$/);
    expect(readFileSync(join(out, name as string)).equals(vpcs)).toBe(true);
    expect(first.out).toContain('Wrote 1 file(s) of snapshot 1');
    const again = await run('sources', '--db', db, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; sources never overwrites/);
  });

  it('gives files whose names flatten alike distinct names, also where a numbered name is taken', async () => {
    const db = tempDbFile();
    const dir = join(dirname(db), 'in');
    const vpcs = readFileSync(join(sampleDir, 'describe-vpcs.json'), 'utf8');
    // A file given alone keeps its own name: `3-in_a_x_y.json`, what the third file, the second
    // `in_a_x_y.json`, would be numbered.
    const single = join(dirname(db), '3-in_a_x_y.json');
    const paths = [single, join(dir, 'a/x/y.json'), join(dir, 'a/x_y.json')];
    for (const [n, path] of paths.entries()) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, vpcs + ' '.repeat(n)); // stored copies are kept once per content
    }
    expect((await run('import', '--db', db, single, dir)).code).toBe(0);
    const out = join(dirname(db), 'out');
    const { code, err } = await run('sources', '--db', db, '--out', out);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(readdirSync(out)).toHaveLength(paths.length);
  });

  it('names a damaged copy and stops there, exit 1', async () => {
    const db = tempDbFile();
    expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
    const store = new Database(db);
    store.prepare('UPDATE source_original SET content = ?').run(brotliCompressSync(Buffer.from('{}')));
    store.close();
    const { code, err } = await run('sources', '--db', db, '--out', join(dirname(db), 'out'));
    expect(code).toBe(1);
    expect(err).toMatch(
      /^faultline: The stored copy of \S+ in snapshot 1 is damaged .* 0 file\(s\) were written/,
    );
  });

  it('refuses an --out that is a file, or under one, and a --db naming no file, exit 1 with one line', async () => {
    const db = tempDbFile();
    expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
    const file = join(dirname(db), 'afile');
    writeFileSync(file, 'hi\n');
    expect(await run('sources', '--db', db, '--out', file)).toEqual({
      code: 1,
      out: '',
      err: `faultline: ${file} is a file: --out names the folder the export files are written into\n`,
    });
    expect(await run('sources', '--db', db, '--out', join(file, 'sub'))).toEqual({
      code: 1,
      out: '',
      err: `faultline: cannot create the folder ${join(file, 'sub')}: part of its path is a file\n`,
    });
    expect(readFileSync(file, 'utf8')).toBe('hi\n');
    const missing = join(dirname(db), 'typo.db');
    const typo = await run('sources', '--db', missing, '--out', join(dirname(db), 'out'));
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(
      new RegExp(`^faultline: there is no workspace at ${missing} \\(no such file\\)`),
    );
    expect(readdirSync(dirname(db)).sort()).toEqual(['afile', 'workspace.db']);
  });

  it('says so when a snapshot kept no export files, and needs --out', async () => {
    const db = tempDbFile();
    const workspace = Workspace.open(db);
    await workspace.snapshots.create({
      name: 'bare',
      importedAt: new Date(),
      estate: smallEstate(),
      files: [],
    });
    workspace.close();
    const none = await run('sources', '--db', db, '--out', join(dirname(db), 'x'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/keeps no export files/);
    const usage = await run('sources', '--db', db);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--out DIR is required/);
  });
});
