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
  /** A second what-if in the same service, on another group: what a user trying changes waits. */
  readonly nextMs: number;
  readonly nextPairsOpened: number;
  /** A third: a route to a peered VPC removed, which every workload of the table's VPC may feel. */
  readonly routeMs: number;
  readonly routeWorkloads: number;
  readonly routePairsClosed: number;
  readonly peakRssMb: number;
}

function answerFigures(value: unknown): AnswerFigures {
  const jsonBytes = Buffer.byteLength(JSON.stringify(value));
  const start = performance.now();
  structuredClone(value);
  return { jsonBytes, cloneMs: performance.now() - start };
}

/**
 * A what-if in a fresh service: one ingress rule admitting tcp/6443 from its VPC into a group with
 * members. Then another, on the group of a workload half-way down the list.
 */
export async function measureWhatIf(dbFile: string, snapshotId: number): Promise<WhatIfFigures> {
  const [rule, nextRule, route] = benchEdits(dbFile, snapshotId);
  const { service, close } = await createService({ dbFile });
  try {
    const whatIf = (added: typeof rule) =>
      timed(() =>
        service.impact({
          snapshotId,
          change: { title: 'bench what-if', edits: [{ op: 'add-rule', rule: added }] },
        }),
      );
    const impact = await whatIf(rule);
    const next = await whatIf(nextRule);
    const routed = await timed(() =>
      service.impact({ snapshotId, change: { title: 'bench route what-if', edits: [route] } }),
    );
    return {
      ms: impact.ms,
      pairsOpened: impact.value.figures.pairsOpened,
      approvers: impact.value.approvers.length,
      nextMs: next.ms,
      nextPairsOpened: next.value.figures.pairsOpened,
      routeMs: routed.ms,
      routeWorkloads: routed.value.figures.workloadsAffected,
      routePairsClosed: routed.value.figures.pairsClosed,
      peakRssMb: peakRssMb(),
    };
  } finally {
    close();
  }
}

export interface CompareFigures {
  readonly ms: number;
  readonly workloadsAffected: number;
  readonly pairsClosed: number;
  readonly peakRssMb: number;
}

/** Two snapshots of the estate compared in a fresh service, as `faultline impact --compare` does. */
export async function measureCompare(dbFile: string, older: number, newer: number): Promise<CompareFigures> {
  const { service, close } = await createService({ dbFile });
  try {
    const { ms, value } = await timed(() => service.impact({ compare: [older, newer] }));
    return {
      ms,
      workloadsAffected: value.figures.workloadsAffected,
      pairsClosed: value.figures.pairsClosed,
      peakRssMb: peakRssMb(),
    };
  } finally {
    close();
  }
}

/**
 * Rules opening tcp/6443 to their VPC into the first group of the estate's first workload in a group,
 * then of one half-way down; and the removal of the route to a peered VPC from the table routing the
 * most subnets.
 */
function benchEdits(dbFile: string, snapshotId: number) {
  const workspace = Workspace.open(dbFile, { readonly: true });
  try {
    const estate = workspace.snapshots.loadEstate(snapshotId);
    const grouped = estate.workloads.filter((w) => w.groupIds.length > 0);
    const ruleFor = (workload: (typeof grouped)[number] | undefined) => {
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
    };
    const [table] = estate.routeTables
      .filter((one) => one.routes.some((r) => r.targetKind === 'vpc-peering'))
      .sort((a, b) => b.subnetIds.length - a.subnetIds.length);
    const peered = table?.routes.find((r) => r.targetKind === 'vpc-peering');
    if (table === undefined || peered === undefined) throw new Error('the bench estate routes no peering');
    const route = { op: 'remove-route', routeTableId: table.id, destination: peered.destination } as const;
    return [ruleFor(grouped[0]), ruleFor(grouped[Math.floor(grouped.length / 2)]), route] as const;
  } finally {
    workspace.close();
  }
}
