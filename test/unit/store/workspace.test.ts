import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApplicationSources } from '../../../main/core/domain/applications';
import { type Estate, estateKeys, type SecurityGroupRule } from '../../../main/core/domain/estate';
import type { FileOutcome } from '../../../main/core/domain/importReport';
import { schemaVersion } from '../../../main/store/migrations';
import { DamagedCopyError } from '../../../main/store/snapshotStore';
import { SourceOriginals } from '../../../main/store/sourceOriginals';
import { Workspace, WorkspaceFileError, WorkspaceVersionError } from '../../../main/store/workspace';
import { smallEstate } from '../helpers/estateBuilder';
import { dumpDatabase, tempDbFile } from '../helpers/tempWorkspace';

const files: FileOutcome[] = [
  {
    file: 'a.json',
    status: 'imported',
    kind: 'describe-vpcs',
    records: 1,
    sha256: 'ab',
    size: 10,
    reason: null,
    place: null,
  },
  {
    file: 'notes.md',
    status: 'skipped',
    kind: null,
    records: 0,
    sha256: 'cd',
    size: 3,
    reason: 'not JSON',
    place: null,
  },
];

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function create(workspace: Workspace, name = 'one', at = '2026-11-01T10:00:00.000Z') {
  return workspace.snapshots.create({ name, importedAt: new Date(at), estate: smallEstate(), files });
}

describe('Workspace', () => {
  it('creates a versioned schema with WAL and foreign keys on', () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    workspace.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    db.close();
  });

  it('reopens an existing workspace without migrating again', async () => {
    const file = tempDbFile();
    const first = Workspace.open(file);
    await create(first);
    first.close();
    const second = Workspace.open(file);
    expect(second.snapshots.list().map((s) => s.name)).toEqual(['one']);
    second.close();
  });

  it('refuses a workspace written by a newer version, leaving it untouched', () => {
    const file = tempDbFile();
    const db = new Database(file);
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    const before = dumpDatabase(file);
    expect(() => Workspace.open(file)).toThrow(WorkspaceVersionError);
    expect(() => Workspace.open(file)).toThrow(/newer than this Faultline understands/);
    expect(dumpDatabase(file)).toBe(before);
  });

  it('says how to upgrade an older workspace opened read-only, and leaves it untouched', () => {
    const file = tempDbFile();
    const db = new Database(file);
    db.pragma(`user_version = ${schemaVersion - 1}`);
    db.close();
    const before = dumpDatabase(file);
    expect(() => Workspace.open(file, { readonly: true })).toThrow(
      /older than this Faultline's .* read-only/,
    );
    expect(dumpDatabase(file)).toBe(before);
  });
});

/** The names in the file's folder, and the sha256 of the file when it is one. */
function folderState(file: string): { names: string[]; sha256: string | null } {
  const names = readdirSync(dirname(file)).sort();
  return { names, sha256: statSync(file).isFile() ? sha256(readFileSync(file)) : null };
}

describe('Workspace.open on a path that holds no workspace', () => {
  /** A workspace file cut short: its first page names a page size the file does not hold. */
  const damaged = (file: string) => {
    Workspace.open(file).close();
    truncateSync(file, 5000);
  };
  const notSqlite = (file: string) => writeFileSync(file, 'not sqlite at all\n');
  const otherProgram = (file: string) => {
    const db = new Database(file);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
  };

  it.each([
    ['a folder', (file: string) => mkdirSync(file), /^(.*) is a folder, not a workspace file$/],
    ['not SQLite', notSqlite, /^(.*) is not a Faultline workspace \(not an SQLite database\)$/],
    ['a damaged workspace', damaged, /^(.*) is damaged \(database disk image is malformed\): restore it/],
    [
      "another program's database",
      otherProgram,
      /^(.*) is not a Faultline workspace \(an SQLite database of/,
    ],
  ])('refuses %s, naming the file, and leaves it untouched', (_, make, message) => {
    const file = tempDbFile();
    make(file);
    const before = folderState(file);
    for (const options of [{}, { existing: true }, { readonly: true }]) {
      let error: unknown;
      try {
        Workspace.open(file, options).close();
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(WorkspaceFileError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.match(message)?.[1]).toBe(file);
      // A read-only connection cannot remove the -wal and -shm files SQLite makes beside a file to read it.
      if (!options.readonly) expect(folderState(file)).toEqual(before);
    }
  });

  it('refuses a file in a folder that does not exist, creating nothing', () => {
    const file = join(tempDbFile(), 'typo.db');
    expect(() => Workspace.open(file)).toThrow(`${file}: the folder ${dirname(file)} does not exist`);
    expect(readdirSync(dirname(dirname(file)))).toEqual([]);
  });

  it('opened for reading only, makes no workspace at a path holding none, nor of an empty file', () => {
    const file = tempDbFile();
    for (const options of [{ existing: true }, { readonly: true }])
      expect(() => Workspace.open(file, options)).toThrow(`there is no workspace at ${file} (no such file)`);
    expect(readdirSync(dirname(file))).toEqual([]);
    writeFileSync(file, '');
    expect(() => Workspace.open(file, { existing: true })).toThrow(
      `${file} is empty, not a Faultline workspace`,
    );
    expect(readdirSync(dirname(file))).toEqual(['workspace.db']);
    expect(readFileSync(file).byteLength).toBe(0);
  });
});

describe('SnapshotStore', () => {
  it('stores a snapshot with its counts and source files, and lists newest first', async () => {
    const workspace = Workspace.open(tempDbFile());
    const older = await create(workspace, 'older', '2026-11-01T10:00:00.000Z');
    const newer = await create(workspace, 'newer', '2026-11-02T10:00:00.000Z');
    expect(older.counts).toMatchObject({
      vpcs: 1,
      subnets: 1,
      securityGroups: 2,
      securityGroupRules: 2,
      workloads: 2,
    });
    expect(older.files.map((f) => [f.file, f.status, f.sha256, f.size])).toEqual([
      ['a.json', 'imported', 'ab', 10],
      ['notes.md', 'skipped', 'cd', 3],
    ]);
    expect(workspace.snapshots.list().map((s) => s.id)).toEqual([newer.id, older.id]);
    workspace.close();
  });

  it('loads the estate back in import order with hostile tag keys kept as data', async () => {
    const workspace = Workspace.open(tempDbFile());
    const { id } = await create(workspace);
    const estate = workspace.snapshots.loadEstate(id);
    expect(estate).toEqual(smallEstate());
    expect(estate.securityGroups.map((g) => g.id)).toEqual(['sg-b', 'sg-a']);
    const tags = estate.workloads[0]?.tags ?? {};
    expect(Object.hasOwn(tags, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    workspace.close();
  });

  it('loads route tables stored before their tags were read with none', async () => {
    const workspace = Workspace.open(tempDbFile());
    const table = {
      id: 'rtb-a',
      vpcId: 'vpc-a',
      isMain: true,
      subnetIds: [],
      routes: [],
      source: { file: 'describe-route-tables.json', path: '$.RouteTables[0]' },
    };
    const tagged = { ...table, id: 'rtb-b', tags: { Name: 'app-rt' } };
    // What an older Faultline stored: a route table without its tags.
    const older = { ...smallEstate(), routeTables: [table, tagged] as unknown as Estate['routeTables'] };
    const { id } = await workspace.snapshots.create({
      name: 'old',
      importedAt: new Date(0),
      estate: older,
      files,
    });
    expect(workspace.snapshots.loadEstate(id).routeTables.map((t) => [t.id, t.tags])).toEqual([
      ['rtb-a', {}],
      ['rtb-b', { Name: 'app-rt' }],
    ]);
    workspace.close();
  });

  it('renames and deletes, and deleting removes every row the snapshot held', async () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const keep = await create(workspace, 'keep');
    const originals = new SourceOriginals();
    originals.keep('ab', Buffer.from('{ "Vpcs": [] }'));
    const gone = await workspace.snapshots.create({
      name: 'gone',
      importedAt: new Date(),
      estate: smallEstate(),
      files,
      originals,
    });
    expect(workspace.snapshots.originalFiles(gone.id)).toHaveLength(1);
    expect(workspace.snapshots.rename(gone.id, 'renamed').name).toBe('renamed');
    workspace.snapshots.delete(gone.id);
    expect(workspace.snapshots.list().map((s) => s.id)).toEqual([keep.id]);
    workspace.close();
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%snapshot_id%'")
      .all();
    expect(tables.length).toBeGreaterThan(5);
    const rowsOf = (id: number) =>
      (tables as { name: string }[]).reduce(
        (sum, { name }) =>
          sum +
          (db.prepare(`SELECT count(*) AS n FROM ${name} WHERE snapshot_id = ?`).get(id) as { n: number }).n,
        0,
      );
    expect(rowsOf(gone.id)).toBe(0);
    // Its files, and one page per kind the small estate has.
    const kinds = estateKeys.filter((key) => smallEstate()[key].length > 0).length;
    expect(kinds).toBeGreaterThan(3);
    expect(rowsOf(keep.id)).toBe(files.length + kinds);
    db.close();
  });

  it('stores each kind as compressed pages that load back the same objects', async () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const { id } = await create(workspace);
    expect(workspace.snapshots.loadEstate(id)).toEqual(smallEstate());
    workspace.close();
    const db = new Database(file, { readonly: true });
    const pages = db.prepare('SELECT kind, typeof(content) AS type FROM estate_page').all() as {
      kind: string;
      type: string;
    }[];
    db.close();
    expect(pages.map((p) => p.kind).sort()).toEqual(
      estateKeys.filter((key) => smallEstate()[key].length > 0).sort(),
    );
    expect(new Set(pages.map((p) => p.type))).toEqual(new Set(['blob']));
  });

  it('keeps the export files whole, recovered byte for byte and checked against their sha256', async () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const vpcs = Buffer.from('{ "Vpcs": [] }\n');
    const [vpcsFile, notes] = files as [FileOutcome, FileOutcome];
    const imported = [{ ...vpcsFile, sha256: sha256(vpcs), size: vpcs.byteLength }, notes];
    const originals = new SourceOriginals();
    originals.keep(sha256(vpcs), vpcs);
    originals.keep(sha256(vpcs), Buffer.from('the same file twice is kept once'));
    const { id } = await workspace.snapshots.create({
      name: 'originals',
      importedAt: new Date(),
      estate: smallEstate(),
      files: imported,
      originals,
    });
    // The skipped file was never an export: nothing of it is kept.
    const kept = { file: 'a.json', sha256: sha256(vpcs), size: vpcs.byteLength };
    expect(workspace.snapshots.originalFiles(id)).toEqual([kept]);
    expect(workspace.snapshots.readOriginal(id, kept)).toEqual(vpcs);
    const without = (await create(workspace)).id;
    expect(workspace.snapshots.originalFiles(without)).toEqual([]);
    expect(() => workspace.snapshots.readOriginal(without, kept)).toThrow(/keeps no copy of a\.json/);
    workspace.close();
    // Damaged two ways: other bytes than were imported, and bytes that are no brotli at all.
    const readAfterDamage = (content: Buffer): unknown => {
      const db = new Database(file);
      db.prepare('UPDATE source_original SET content = ?').run(content);
      db.close();
      const reopened = Workspace.open(file);
      try {
        return reopened.snapshots.readOriginal(id, kept);
      } catch (error) {
        return error;
      } finally {
        reopened.close();
      }
    };
    const otherBytes = readAfterDamage(brotliCompressSync(Buffer.from('{}')));
    expect(otherBytes).toBeInstanceOf(DamagedCopyError);
    expect((otherBytes as Error).message).toMatch(
      /stored copy of a\.json in snapshot \d+ is damaged \(sha256 [0-9a-f]{64}, imported as/,
    );
    const noBrotli = readAfterDamage(Buffer.from('not brotli at all'));
    expect(noBrotli).toBeInstanceOf(DamagedCopyError);
    expect((noBrotli as Error).message).toMatch(/is damaged \(it does not decompress\)/);
  });

  it('keeps import order across pages', async () => {
    const workspace = Workspace.open(tempDbFile());
    const estate = smallEstate();
    const [rule] = estate.securityGroupRules;
    if (!rule) throw new Error('the small estate has rules');
    const rules = Array.from({ length: 2500 }, (_, k) => ({
      ...rule,
      key: `${rule.groupId}/ingress/${k}/0`,
    }));
    const { id } = await workspace.snapshots.create({
      name: 'pages',
      importedAt: new Date(),
      estate: { ...estate, securityGroupRules: rules },
      files,
    });
    const loaded = workspace.snapshots.loadEstate(id).securityGroupRules;
    workspace.close();
    expect(loaded).toEqual(rules);
  });

  it('never reuses the id of a deleted snapshot', async () => {
    const workspace = Workspace.open(tempDbFile());
    const first = await create(workspace, 'first');
    workspace.snapshots.delete(first.id);
    expect((await create(workspace, 'second')).id).toBeGreaterThan(first.id);
    workspace.close();
  });

  it('reports unknown snapshots as not found', () => {
    const workspace = Workspace.open(tempDbFile());
    expect(() => workspace.snapshots.rename(99, 'x')).toThrow(/no snapshot 99/);
    expect(() => workspace.snapshots.delete(99)).toThrow(/no snapshot 99/);
    expect(() => workspace.snapshots.loadEstate(99)).toThrow(/no snapshot 99/);
    workspace.close();
  });

  it('writes all or nothing: a failure half-way leaves the store exactly as it was', async () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    await create(workspace);
    const before = dumpDatabase(file);
    // A value JSON cannot print, in an estate object: refused while the pages are prepared.
    const broken = { ...smallEstate() };
    const [firstRule] = broken.securityGroupRules;
    if (!firstRule) throw new Error('the small estate has rules');
    broken.securityGroupRules = [
      ...broken.securityGroupRules,
      { ...firstRule, key: 'x', n: 1n } as SecurityGroupRule,
    ];
    await expect(
      workspace.snapshots.create({ name: 'bad', importedAt: new Date(), estate: broken, files }),
    ).rejects.toThrow(/BigInt/);
    expect(dumpDatabase(file)).toBe(before);
    // And in the application sources, written after the snapshot, its files and its pages.
    const applications = { services: [{ n: 1n }], dependencies: [], providedApis: [], flows: [] };
    await expect(
      workspace.snapshots.create({
        name: 'bad too',
        importedAt: new Date(),
        estate: smallEstate(),
        files,
        applications: applications as unknown as ApplicationSources,
      }),
    ).rejects.toThrow(/BigInt/);
    workspace.close();
    expect(dumpDatabase(file)).toBe(before);
  });
});
