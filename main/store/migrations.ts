/**
 * Forward-only schema migrations. Index i holds the SQL that takes a workspace from version i to
 * i + 1; `PRAGMA user_version` records the version reached. Never edit a released migration: add one.
 *
 * Each estate table keeps the columns that identify and relate objects (so SQLite enforces the
 * references), the domain object as JSON (`data`) and the provider's original JSON (`raw`).
 * Every table is keyed by snapshot, and deleting a snapshot cascades to everything it holds.
 * Snapshot ids are never reused (AUTOINCREMENT): a report naming snapshot 7 keeps meaning one import.
 *
 * Estate tables are rowid tables even though their keys are not integers: their rows carry kilobytes
 * of JSON, and WITHOUT ROWID stores such rows in a B-tree ordered by random-looking AWS ids, with most
 * of each row in half-empty overflow pages. As rowid tables the rows are appended in import order and
 * only the small key index is random. With the 16 KiB pages Workspace sets, the file of the bench
 * estate is 40% smaller and its write phase four times faster (docs/performance.md). Narrow tables
 * (source files, memberships) stay WITHOUT ROWID.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    provider TEXT NOT NULL,
    counts TEXT NOT NULL
  );
  CREATE TABLE source_file (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    file TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('imported', 'skipped')),
    kind TEXT,
    records INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    reason TEXT,
    PRIMARY KEY (snapshot_id, ordinal)
  ) WITHOUT ROWID;
  CREATE TABLE vpc (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id)
  );
  CREATE TABLE subnet (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    vpc_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id),
    FOREIGN KEY (snapshot_id, vpc_id) REFERENCES vpc(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE TABLE security_group (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    vpc_id TEXT,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id)
  );
  CREATE TABLE security_group_rule (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    key TEXT NOT NULL,
    group_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, ordinal),
    UNIQUE (snapshot_id, key),
    FOREIGN KEY (snapshot_id, group_id) REFERENCES security_group(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE INDEX security_group_rule_by_group ON security_group_rule (snapshot_id, group_id);
  CREATE TABLE network_acl (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    vpc_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id),
    FOREIGN KEY (snapshot_id, vpc_id) REFERENCES vpc(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE TABLE network_acl_entry (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    acl_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, ordinal),
    FOREIGN KEY (snapshot_id, acl_id) REFERENCES network_acl(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE TABLE workload (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    subnet_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id),
    FOREIGN KEY (snapshot_id, subnet_id) REFERENCES subnet(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE TABLE workload_group (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    workload_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, workload_id, group_id),
    FOREIGN KEY (snapshot_id, workload_id) REFERENCES workload(snapshot_id, id) ON DELETE CASCADE,
    FOREIGN KEY (snapshot_id, group_id) REFERENCES security_group(snapshot_id, id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX workload_group_by_group ON workload_group (snapshot_id, group_id);
  CREATE TABLE instance (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id)
  );
  CREATE TABLE prefix_list (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id)
  );
  CREATE TABLE route_table (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    vpc_id TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id),
    FOREIGN KEY (snapshot_id, vpc_id) REFERENCES vpc(snapshot_id, id) ON DELETE CASCADE
  );
  CREATE TABLE peering_connection (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, id)
  );
  `,
  // v2: what the application side of a snapshot says (catalog, dependencies files, flow logs), and
  // workspace settings such as the tag keys that name applications.
  `
  CREATE TABLE application_source (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('service', 'dependency', 'api', 'flow')),
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, kind, ordinal)
  );
  CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // v3: findings computed for a snapshot, kept with the tag keys they were computed with.
  `
  CREATE TABLE finding_run (
    snapshot_id INTEGER PRIMARY KEY REFERENCES snapshot(id) ON DELETE CASCADE,
    computed_at TEXT NOT NULL,
    tag_keys TEXT NOT NULL,
    alignment TEXT NOT NULL
  );
  CREATE TABLE finding (
    snapshot_id INTEGER NOT NULL REFERENCES finding_run(snapshot_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, ordinal),
    UNIQUE (snapshot_id, id)
  );
  CREATE INDEX finding_by_kind ON finding (snapshot_id, kind);
  `,
  // v4: Kubernetes objects of a snapshot. Cluster-scoped objects (namespaces) have namespace ''.
  `
  CREATE TABLE kubernetes_object (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('namespace', 'pod', 'service', 'controller', 'network-policy')),
    ordinal INTEGER NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, kind, ordinal)
  );
  `,
  // v5: analysis results worth keeping across restarts (the segment graph, the views' topology), each
  // valid for the basis it was computed on (analysis version, tag keys).
  `
  CREATE TABLE analysis_result (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    basis TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, kind)
  );
  `,
];

export const schemaVersion = migrations.length;
