import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import type { ApiEventName, ApiEvents } from '../../../preload/contract';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

type Progress = ApiEvents['analysisProgress'];

/** A service over the sample whose analysis and impact progress are recorded. */
async function recorded(dbFile: string) {
  const events: Progress[] = [];
  const impactEvents: ApiEvents['impactProgress'][] = [];
  const opened = await createService({
    dbFile,
    seedSampleFrom: sampleDir,
    emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => {
      if (event === 'analysisProgress') events.push(payload as Progress);
      if (event === 'impactProgress') impactEvents.push(payload as ApiEvents['impactProgress']);
    },
  });
  return { ...opened, events, impactEvents };
}

/** The phases in the order they were reported, each once. */
const phasesOf = (events: readonly { phase: string }[]) =>
  events.map((e) => e.phase).filter((phase, at, all) => all[at - 1] !== phase);

/** Every phase's last report says it is complete, and no report counts past its total. */
function expectEachPhaseEnds(events: readonly { phase: string; done: number; total: number }[]): void {
  for (const phase of new Set(events.map((e) => e.phase))) {
    const ofPhase = events.filter((e) => e.phase === phase);
    const last = ofPhase.at(-1);
    expect(last?.done, phase).toBe(last?.total);
    expect(ofPhase.every((e) => e.done <= e.total)).toBe(true);
  }
}

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
    expectEachPhaseEnds(events);
    // The sample's flow graph is swept class by class.
    const flows = events.filter((e) => e.phase === 'flows');
    expect(flows[0]).toMatchObject({ done: 0, total: 0 });
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

  it('reports each phase of a what-if, the flow graphs class by class', async () => {
    const { service, close, impactEvents } = await recorded(tempDbFile());
    // The sample's postgres group loses both its ingress rules.
    const edits = [
      { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/0' },
      { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' },
    ] as const;
    const report = await service.impact({ change: { title: 'tighten postgres', edits: [...edits] } });
    close();
    expect(report.figures.pairsClosed).toBeGreaterThan(0);
    expect(phasesOf(impactEvents)).toEqual([
      'applying',
      'comparing',
      'flows-before',
      'flows-after',
      'dependencies',
      'exposure',
      'approvers',
    ]);
    expectEachPhaseEnds(impactEvents);
    // Reported before its classes are known, then class by class.
    const flowsAfter = impactEvents.filter((e) => e.phase === 'flows-after');
    expect(flowsAfter[0]).toEqual({ phase: 'flows-after', done: 0, total: 0 });
    expect(flowsAfter.at(-1)?.total).toBeGreaterThan(1);
  });
});
