import Database from 'better-sqlite3';
import { withBulkWriteSettings } from '../../main/store/bulkWrite';
import { workspacePageSize } from '../../main/store/workspace';
import { awsId } from '../estate/random';
import { peakRssMb, timed } from './timing';

export interface CeilingFigures {
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
}

/** About the width of an imported object's `data` column. */
const payload = JSON.stringify({
  kind: 'instance',
  vpcId: 'vpc-0123456789abcdef0',
  subnetId: 'subnet-0123456789abcdef0',
  privateIps: ['10.1.2.3'],
  groupIds: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
  tags: { Name: 'app-17-1234', app: 'app-17', team: 'team-5', env: 'bench' },
  source: { file: 'describe-network-interfaces.json', path: '$.NetworkInterfaces[12345]' },
});

/**
 * What better-sqlite3 can do at best on this machine: one prepared INSERT, one transaction, a fresh
 * WAL file with the workspace's page size and import settings, rows about as wide as the estate
 * tables' and keyed by random-looking ids as theirs are. The import cannot write faster than this.
 */
export async function measureSqliteCeiling(dbFile: string, rows = 100_000): Promise<CeilingFigures> {
  const db = new Database(dbFile);
  try {
    db.pragma(`page_size = ${workspacePageSize}`);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE ceiling (
      snapshot_id INTEGER NOT NULL, id TEXT NOT NULL, ordinal INTEGER NOT NULL,
      parent_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (snapshot_id, id)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT INTO ceiling VALUES (?, ?, ?, ?, ?)');
    const write = db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(1, awsId('eni', i), i, 'subnet-1', payload);
    });
    const { ms } = await timed(() => withBulkWriteSettings(db, write));
    return { rows, ms, rowsPerSecond: rows / (ms / 1000), peakRssMb: peakRssMb() };
  } finally {
    db.close();
  }
}
