import { createService } from '../../main/service/createService';
import { Workspace } from '../../main/store/workspace';
import { peakRssMb, timed } from './timing';

/** What the views ask for when they open a snapshot, in the order they ask. */
const viewCalls = ['applications', 'segmentGraph', 'topology', 'findings'] as const;
type ViewCall = (typeof viewCalls)[number];

/** An answer as it travels to the window: its JSON (the bridge) and one structured clone (Electron's IPC). */
export interface AnswerFigures {
  readonly jsonBytes: number;
  readonly cloneMs: number;
}

export interface ViewFigures {
  /** Each call's time in a fresh service: computed (and stored) the first time, read back later. */
  readonly ms: Record<ViewCall, number>;
  readonly answers: Record<ViewCall, AnswerFigures>;
  readonly apps: number;
  readonly findings: number;
  readonly peakRssMb: number;
}

/**
 * What the views ask for when they open a snapshot, in their order, through a fresh service. The
 * first run computes and stores the results in the workspace, so it runs after the measurements
 * that read the workspace; a second run in another process reads them back.
 */
export async function measureViews(dbFile: string, snapshotId: number): Promise<ViewFigures> {
  const { service, close } = await createService({ dbFile });
  try {
    const times: Partial<Record<ViewCall, number>> = {};
    const values: Partial<Record<ViewCall, unknown>> = {};
    for (const call of viewCalls) {
      const run = service[call].bind(service) as (args: { snapshotId: number }) => Promise<unknown>;
      const { ms, value } = await timed(() => run({ snapshotId }));
      times[call] = ms;
      values[call] = value;
    }
    // Before the clones below, which are the bench's own memory, not the app's.
    const peak = peakRssMb();
    const answers = Object.fromEntries(
      viewCalls.map((call) => [call, answerFigures(values[call])]),
    ) as Record<ViewCall, AnswerFigures>;
    return {
      ms: times as Record<ViewCall, number>,
      answers,
      apps: (await service.applications({ snapshotId })).apps.length,
      findings: (await service.findings({ snapshotId })).findings.length,
      peakRssMb: peak,
    };
  } finally {
    close();
  }
}

export interface WhatIfFigures {
  readonly ms: number;
  readonly pairsOpened: number;
  readonly approvers: number;
  readonly peakRssMb: number;
}

function answerFigures(value: unknown): AnswerFigures {
  const jsonBytes = Buffer.byteLength(JSON.stringify(value));
  const start = performance.now();
  structuredClone(value);
  return { jsonBytes, cloneMs: performance.now() - start };
}

/** A what-if in a fresh service: one ingress rule admitting tcp/6443 from its VPC into a group with members. */
export async function measureWhatIf(dbFile: string, snapshotId: number): Promise<WhatIfFigures> {
  const rule = benchRule(dbFile, snapshotId);
  const { service, close } = await createService({ dbFile });
  try {
    const change = { title: 'bench what-if', edits: [{ op: 'add-rule' as const, rule }] };
    const impact = await timed(() => service.impact({ snapshotId, change }));
    return {
      ms: impact.ms,
      pairsOpened: impact.value.figures.pairsOpened,
      approvers: impact.value.approvers.length,
      peakRssMb: peakRssMb(),
    };
  } finally {
    close();
  }
}

/** The group of the estate's first workload, opened on tcp/6443 to its whole VPC. */
function benchRule(dbFile: string, snapshotId: number) {
  const workspace = Workspace.open(dbFile, { readonly: true });
  try {
    const estate = workspace.snapshots.loadEstate(snapshotId);
    const workload = estate.workloads.find((w) => w.groupIds.length > 0);
    const vpc = estate.vpcs.find((v) => v.id === workload?.vpcId);
    const [groupId, cidr] = [workload?.groupIds[0], vpc?.cidrBlocks[0]];
    if (groupId === undefined || cidr === undefined)
      throw new Error('the bench estate has no workload in a group');
    return {
      groupId,
      direction: 'ingress',
      protocol: 'tcp',
      fromPort: 6443,
      toPort: 6443,
      peer: cidr,
    } as const;
  } finally {
    workspace.close();
  }
}
