import type Database from 'better-sqlite3';
import type { ApplicationSources } from '../core/domain/applications';

const kinds = {
  service: 'services',
  dependency: 'dependencies',
  api: 'providedApis',
  unresolved: 'unresolvedApis',
  flow: 'flows',
} as const satisfies Record<string, keyof ApplicationSources>;

type Kind = keyof typeof kinds;

/** The application sources of each snapshot, written inside the snapshot's own import transaction. */
export class ApplicationStore {
  constructor(private readonly db: Database.Database) {}

  insert(snapshotId: number, sources: ApplicationSources): void {
    const insert = this.db.prepare(
      'INSERT INTO application_source (snapshot_id, kind, ordinal, data) VALUES (?, ?, ?, ?)',
    );
    for (const [kind, key] of Object.entries(kinds) as [Kind, keyof ApplicationSources][]) {
      for (const [ordinal, item] of sources[key].entries()) {
        insert.run(snapshotId, kind, ordinal, JSON.stringify(item));
      }
    }
  }

  load(snapshotId: number): ApplicationSources {
    const rows = this.db
      .prepare('SELECT kind, data FROM application_source WHERE snapshot_id = ? ORDER BY kind, ordinal')
      .all(snapshotId) as { kind: Kind; data: string }[];
    const sources = { services: [], dependencies: [], providedApis: [], unresolvedApis: [], flows: [] } as {
      [K in keyof ApplicationSources]: unknown[];
    };
    for (const row of rows) sources[kinds[row.kind]].push(JSON.parse(row.data));
    return sources as unknown as ApplicationSources;
  }
}

export const emptyApplicationSources: ApplicationSources = {
  services: [],
  dependencies: [],
  providedApis: [],
  unresolvedApis: [],
  flows: [],
};
