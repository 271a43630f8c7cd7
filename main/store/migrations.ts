/**
 * Forward-only schema migrations. Index i holds the SQL that takes a workspace from version i to
 * i + 1; `PRAGMA user_version` records the version reached. Never edit a released migration: add one.
 *
 * Every table is keyed by snapshot, and deleting a snapshot cascades to everything it holds.
 * Snapshot ids are never reused (AUTOINCREMENT): a report naming snapshot 7 keeps meaning one import.
 *
 * v1 kept one row per estate object, with relation columns and foreign keys between them. v6 replaced
 * those tables with pages of objects (`estate_page`): an import of 100,000 rules spent most of its time
 * on per-row work in SQLite (key indexes, foreign-key lookups), and nothing ever queried single
 * objects. The importer checks every reference and id before anything is written
 * (`main/core/aws/linkEstate.ts`), which is what the foreign keys used to repeat.
 */
/** The v1 estate tables by estate key, children before the parents their foreign keys name. */
const v1Tables = [
  ['securityGroupRules', 'security_group_rule'],
  ['networkAclEntries', 'network_acl_entry'],
  ['workloads', 'workload'],
  ['subnets', 'subnet'],
  ['networkAcls', 'network_acl'],
  ['routeTables', 'route_table'],
  ['securityGroups', 'security_group'],
  ['vpcs', 'vpc'],
  ['instances', 'instance'],
  ['prefixLists', 'prefix_list'],
  ['peeringConnections', 'peering_connection'],
] as const;

/** Pages of 1,000 rows by ordinal: the v1 ordinals of a kind run from 0 without gaps. */
const pagesFrom = (kind: string, table: string) => `
  INSERT INTO estate_page (snapshot_id, kind, page, content)
    SELECT snapshot_id, '${kind}', ordinal / 1000, json_object(
      'objects', json_group_array(json(data) ORDER BY ordinal),
      'raws', json_group_array(json(raw) ORDER BY ordinal),
      'rawIndex', json_group_array(ordinal % 1000 ORDER BY ordinal))
    FROM ${table} GROUP BY snapshot_id, ordinal / 1000;`;

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
  // v6: estate objects in pages of up to 1,000 per kind, in import order (see the comment above).
  // The store writes `content` as brotli-compressed JSON of the objects without their original JSON
  // and which original is each one's, and `raws` as the page's distinct originals (rules of one
  // IpPermission share one), apart so that loading need not read them (main/store/estatePage.ts).
  // Rows moved over from the v1 tables here keep everything in `content` as plain JSON text, with
  // `raws` NULL; the store reads both. Then the v1 tables go.
  `
  CREATE TABLE estate_page (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    page INTEGER NOT NULL,
    content BLOB NOT NULL,
    raws BLOB,
    PRIMARY KEY (snapshot_id, kind, page)
  );
  ${v1Tables.map(([kind, table]) => pagesFrom(kind, table)).join('\n')}
  DROP TABLE workload_group;
  ${v1Tables.map(([, table]) => `DROP TABLE ${table};`).join('\n  ')}
  `,
  // v7: the export files themselves, whole and brotli-compressed, by the sha256 `source_file`
  // records (main/store/sourceOriginals.ts), instead of each object's original JSON in
  // `estate_page.raws`: no view or analysis read those, and printing them again cost a third of an
  // import. Snapshots imported before v7 keep their objects but no originals.
  `
  CREATE TABLE source_original (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (snapshot_id, sha256)
  );
  ALTER TABLE estate_page DROP COLUMN raws;
  `,
  // v8: what is stored of the analysis (findings, the segment graph, the views' topology) compressed:
  // as JSON text, a finding per row, they took 180 MB of a 212 MB workspace on the 50,000-ENI bench
  // estate once its views had been opened. Findings go in pages of up to 1,000, like estate objects
  // (nothing ever read single findings). These are caches of what the snapshot gives, so the old rows
  // go and are computed again at the next opening.
  `
  DROP TABLE finding;
  DELETE FROM finding_run;
  CREATE TABLE finding_page (
    snapshot_id INTEGER NOT NULL REFERENCES finding_run(snapshot_id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (snapshot_id, page)
  );
  DROP TABLE analysis_result;
  CREATE TABLE analysis_result (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    basis TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (snapshot_id, kind)
  );
  `,
  // v9: the catalog's consumed APIs no file provides, kept with the snapshot so \`apps\` can list
  // them (they were computed and dropped). SQLite cannot widen a CHECK in place: the table is rebuilt.
  `
  CREATE TABLE application_source_v9 (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('service', 'dependency', 'api', 'unresolved', 'flow')),
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, kind, ordinal)
  );
  INSERT INTO application_source_v9 SELECT snapshot_id, kind, ordinal, data FROM application_source;
  DROP TABLE application_source;
  ALTER TABLE application_source_v9 RENAME TO application_source;
  `,
];

export const schemaVersion = migrations.length;
