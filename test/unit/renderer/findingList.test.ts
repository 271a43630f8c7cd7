import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { sortedFindings, visibleFindings } from '../../../renderer/src/graph/findingList';
import type { Finding } from '../../../renderer/src/graph/viewData';
import { tempDbFile } from '../helpers/tempWorkspace';

const sample = join(import.meta.dirname, '../../../resources/sample');
let findings: readonly Finding[] = [];

beforeAll(async () => {
  const { service, close } = await createService({ dbFile: tempDbFile() });
  const { snapshot } = await service.importPaths([sample], 'sample');
  findings = (await service.findings({ snapshotId: snapshot.id })).findings;
  close();
});

describe('the findings list', () => {
  it('puts the most severe first, then orders by title, and filters by kind', () => {
    const sorted = sortedFindings(findings, null);
    expect(sorted).toHaveLength(findings.length);
    const rank = { high: 0, medium: 1, low: 2 };
    for (const [at, next] of sorted.slice(1).entries()) {
      const previous = sorted[at] as Finding;
      expect(rank[previous.severity] <= rank[next.severity]).toBe(true);
      if (previous.severity === next.severity)
        expect(previous.title.localeCompare(next.title)).toBeLessThanOrEqual(0);
    }
    const blocked = sortedFindings(findings, 'blocked-dependency');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((f) => f.kind === 'blocked-dependency')).toBe(true);
  });

  it('shows the first page, and keeps a chosen finding past it in the list', () => {
    const sorted = sortedFindings(findings, null);
    expect(sorted.length).toBeGreaterThan(10);
    expect(visibleFindings(sorted, 5, null)).toEqual(sorted.slice(0, 5));
    const far = sorted[sorted.length - 1] as Finding;
    expect(visibleFindings(sorted, 5, far.id)).toEqual([...sorted.slice(0, 5), far]);
    expect(visibleFindings(sorted, 5, (sorted[2] as Finding).id)).toEqual(sorted.slice(0, 5));
    expect(visibleFindings(sorted, 5, 'no-such-finding')).toEqual(sorted.slice(0, 5));
    expect(visibleFindings(sorted, 1000, null)).toEqual(sorted);
  });
});
