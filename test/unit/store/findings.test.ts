import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { FindingsReport } from '../../../main/core/findings/types';
import { Workspace } from '../../../main/store/workspace';
import { smallEstate } from '../helpers/estateBuilder';
import { tempDbFile } from '../helpers/tempWorkspace';

const report: FindingsReport = {
  findings: [
    {
      id: 'shared-segment:sg-a',
      kind: 'shared-segment',
      severity: 'high',
      title: 'sg-a serves 3 apps',
      explanation: 'Editing sg-a touches shop, billing and search.',
      objects: [{ type: 'security-group', id: 'sg-a', label: 'sg-a (shared)' }],
      owners: ['team-a', 'team-b'],
      evidence: { rules: [], dependencies: [], flows: [], figures: { apps: 3 } },
      suggestion: null,
    },
  ],
  alignment: {
    dependenciesAllowed: { allowed: 3, total: 4 },
    rulesUsed: { used: 1, total: 2 },
    segmentsPerApp: [{ app: 'shop', segments: 2 }],
    appsPerSegment: [{ groupId: 'sg-a', apps: 3 }],
    ownersPerSegment: [{ groupId: 'sg-a', owners: 2 }],
  },
};

describe('finding store', () => {
  it('keeps a report per snapshot, valid only for the tag keys it was computed with, gone with the snapshot', async () => {
    const workspace = Workspace.open(tempDbFile());
    const { id } = await workspace.snapshots.create({
      name: 's',
      importedAt: new Date(),
      estate: smallEstate(),
      files: [],
    });
    expect(workspace.findings.load(id, defaultTagKeys)).toBeNull();
    workspace.findings.save(id, defaultTagKeys, report, new Date());
    workspace.findings.save(id, defaultTagKeys, report, new Date());
    expect(workspace.findings.load(id, defaultTagKeys)).toEqual(report);
    expect(workspace.findings.load(id, { ...defaultTagKeys, owner: ['owner'] })).toBeNull();
    workspace.snapshots.delete(id);
    expect(workspace.findings.load(id, defaultTagKeys)).toBeNull();
    workspace.close();
  });

  it('recomputes what older finding rules stored: a report of another rules version is not reused', async () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const { id } = await workspace.snapshots.create({
      name: 's',
      importedAt: new Date(),
      estate: smallEstate(),
      files: [],
    });
    workspace.findings.save(id, defaultTagKeys, report, new Date());
    expect(workspace.findings.load(id, defaultTagKeys)).toEqual(report);
    const raw = new Database(file);
    raw.prepare("UPDATE finding_run SET tag_keys = '1:' || substr(tag_keys, instr(tag_keys, ':') + 1)").run();
    raw.close();
    expect(workspace.findings.load(id, defaultTagKeys)).toBeNull();
    workspace.close();
  });
});
