import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { estateKeys } from '../../../main/core/domain/estate';
import type { FileOutcome } from '../../../main/core/domain/importReport';
import { schemaVersion } from '../../../main/store/migrations';
import { Workspace, WorkspaceVersionError } from '../../../main/store/workspace';
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

function create(workspace: Workspace, name = 'one', at = '2026-11-01T10:00:00.000Z') {
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

  it('reopens an existing workspace without migrating again', () => {
    const file = tempDbFile();
    const first = Workspace.open(file);
    create(first);
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

describe('SnapshotStore', () => {
  it('stores a snapshot with its counts and source files, and lists newest first', () => {
    const workspace = Workspace.open(tempDbFile());
    const older = create(workspace, 'older', '2026-11-01T10:00:00.000Z');
    const newer = create(workspace, 'newer', '2026-11-02T10:00:00.000Z');
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

  it('loads the estate back in import order with raw JSON and hostile tag keys kept as data', () => {
    const workspace = Workspace.open(tempDbFile());
    const { id } = create(workspace);
    const estate = workspace.snapshots.loadEstate(id);
    expect(estate).toEqual(smallEstate());
    expect(estate.securityGroups.map((g) => g.id)).toEqual(['sg-b', 'sg-a']);
    const tags = estate.workloads[0]?.tags ?? {};
    expect(Object.hasOwn(tags, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    workspace.close();
  });

  it('renames and deletes, and deleting removes every row the snapshot held', () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const keep = create(workspace, 'keep');
    const gone = create(workspace, 'gone');
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

  it('stores each kind as compressed pages that load back the same objects', () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const { id } = create(workspace);
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

  it("reads the objects' original JSON only when asked for it", () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const { id } = create(workspace);
    workspace.close();
    // Originals that cannot be read: loading still works, because it does not read them.
    const db = new Database(file);
    db.prepare("UPDATE estate_page SET raws = x'00' WHERE kind = 'securityGroupRules'").run();
    db.close();
    const reopened = Workspace.open(file);
    const estate = reopened.snapshots.loadEstate(id);
    reopened.close();
    const [rule] = estate.securityGroupRules;
    expect(rule?.key).toBe(smallEstate().securityGroupRules[0]?.key);
    expect(() => rule?.raw).toThrow();
    // Elsewhere the original is there when read, and printed with the object.
    const [vpc] = estate.vpcs;
    expect(vpc?.raw).toEqual(smallEstate().vpcs[0]?.raw);
    expect(JSON.parse(JSON.stringify(vpc))).toEqual(JSON.parse(JSON.stringify(smallEstate().vpcs[0])));
  });

  it('keeps import order across pages, and each rule with its own IpPermission', () => {
    const workspace = Workspace.open(tempDbFile());
    const estate = smallEstate();
    const [rule] = estate.securityGroupRules;
    if (!rule) throw new Error('the small estate has rules');
    // 2,500 rules, three to each IpPermission (one permission with three peers is three rules sharing
    // its raw object); 999 and 1,000 share one across the page boundary.
    const permissions = Array.from({ length: 834 }, (_, p) => ({ IpProtocol: 'tcp', FromPort: p }));
    const rules = Array.from({ length: 2500 }, (_, k) => ({
      ...rule,
      key: `${rule.groupId}/ingress/${Math.floor(k / 3)}/${k % 3}`,
      raw: permissions[Math.floor(k / 3)],
    }));
    const { id } = workspace.snapshots.create({
      name: 'pages',
      importedAt: new Date(),
      estate: { ...estate, securityGroupRules: rules },
      files,
    });
    const loaded = workspace.snapshots.loadEstate(id).securityGroupRules;
    workspace.close();
    expect(loaded.map((r) => r.key)).toEqual(rules.map((r) => r.key));
    expect(loaded.map((r) => r.raw)).toEqual(rules.map((r) => r.raw));
  });

  it('never reuses the id of a deleted snapshot', () => {
    const workspace = Workspace.open(tempDbFile());
    const first = create(workspace, 'first');
    workspace.snapshots.delete(first.id);
    expect(create(workspace, 'second').id).toBeGreaterThan(first.id);
    workspace.close();
  });

  it('reports unknown snapshots as not found', () => {
    const workspace = Workspace.open(tempDbFile());
    expect(() => workspace.snapshots.rename(99, 'x')).toThrow(/no snapshot 99/);
    expect(() => workspace.snapshots.delete(99)).toThrow(/no snapshot 99/);
    expect(() => workspace.snapshots.loadEstate(99)).toThrow(/no snapshot 99/);
    workspace.close();
  });

  it('writes all or nothing: a failure half-way leaves the store exactly as it was', () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    create(workspace);
    const before = dumpDatabase(file);
    const broken = { ...smallEstate() };
    const [firstRule] = broken.securityGroupRules;
    if (!firstRule) throw new Error('the small estate has rules');
    // A value JSON cannot print fails the write after the pages of earlier kinds were written.
    broken.securityGroupRules = [...broken.securityGroupRules, { ...firstRule, key: 'x', raw: { n: 1n } }];
    expect(() =>
      workspace.snapshots.create({ name: 'bad', importedAt: new Date(), estate: broken, files }),
    ).toThrow(/BigInt/);
    workspace.close();
    expect(dumpDatabase(file)).toBe(before);
  });
});
