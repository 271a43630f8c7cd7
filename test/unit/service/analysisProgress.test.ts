import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import type { ApiEventName, ApiEvents } from '../../../preload/contract';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

type Progress = ApiEvents['analysisProgress'];

/** A service over the sample whose analysis progress is recorded. */
async function recorded(dbFile: string) {
  const events: Progress[] = [];
  const opened = await createService({
    dbFile,
    seedSampleFrom: sampleDir,
    emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => {
      if (event === 'analysisProgress') events.push(payload as Progress);
    },
  });
  return { ...opened, events };
}

/** The phases in the order they were reported, each once. */
const phasesOf = (events: readonly Progress[]) =>
  events.map((e) => e.phase).filter((phase, at, all) => all[at - 1] !== phase);

describe('analysis progress', () => {
  it('reports each phase of the views first opening, for the snapshot asked about, to its end', async () => {
    const { service, close, events } = await recorded(tempDbFile());
    const [snapshot] = await service.listSnapshots();
    const snapshotId = snapshot?.id as number;
    await service.applications({ snapshotId });
    await service.segmentGraph({ snapshotId });
    await service.topology({ snapshotId });
    await service.findings({ snapshotId });
    close();

    expect(phasesOf(events)).toEqual([
      'loading',
      'applications',
      'flows',
      'segments',
      'saving',
      'topology',
      'saving',
      'findings',
      'saving',
    ]);
    expect(new Set(events.map((e) => e.snapshotId))).toEqual(new Set([snapshotId]));
    for (const phase of new Set(events.map((e) => e.phase))) {
      const ofPhase = events.filter((e) => e.phase === phase);
      const last = ofPhase.at(-1) as Progress;
      expect(last.done, phase).toBe(last.total);
      expect(ofPhase.every((e) => e.done <= e.total)).toBe(true);
    }
    // The sample's flow graph is swept class by class.
    const flows = events.filter((e) => e.phase === 'flows');
    expect(flows.at(-1)?.total).toBeGreaterThan(1);
  });

  it('reports only loading when the views were computed before', async () => {
    const dbFile = tempDbFile();
    const first = await recorded(dbFile);
    await first.service.segmentGraph({});
    await first.service.topology({});
    await first.service.findings({});
    first.close();

    const second = await recorded(dbFile);
    await second.service.segmentGraph({});
    await second.service.topology({});
    await second.service.findings({});
    second.close();
    expect(phasesOf(second.events)).toEqual(['loading']);
  });
});
