import { createService } from '../../main/service/createService';
import { Workspace } from '../../main/store/workspace';
import { peakRssMb, timed } from './timing';

/** What the views ask for when they open a snapshot, in the order they ask. */
const viewCalls = ['applications', 'segmentGraph', 'topology', 'findings'] as const;
type ViewCall = (typeof viewCalls)[number];

export interface AppAnalysisFigures {
  /** Each call's time in a fresh service: computed, then stored with the snapshot. */
  readonly firstMs: Record<ViewCall, number>;
  /** The same in another fresh service: read back from the store. */
  readonly laterMs: Record<ViewCall, number>;
  readonly apps: number;
  readonly findings: number;
  /** A what-if: one ingress rule admitting tcp/6443 from the VPC's CIDR into a group with members. */
  readonly whatIf: { readonly ms: number; readonly pairsOpened: number; readonly approvers: number };
  readonly peakRssMb: number;
}

/**
 * The analysis the app runs on a snapshot, through the service as the views and the what-if panel
 * call it. It stores results in the workspace, so it runs after the measurements that read it.
 */
export async function measureAppAnalysis(dbFile: string, snapshotId: number): Promise<AppAnalysisFigures> {
  const firstMs = await timeViewCalls(dbFile, snapshotId);
  const laterMs = await timeViewCalls(dbFile, snapshotId);
  const { service, close } = await createService({ dbFile });
  try {
    const apps = (await service.applications({ snapshotId })).apps.length;
    const findings = (await service.findings({ snapshotId })).findings.length;
    const change = {
      title: 'bench what-if',
      edits: [{ op: 'add-rule' as const, rule: benchRule(dbFile, snapshotId) }],
    };
    const impact = await timed(() => service.impact({ snapshotId, change }));
    const whatIf = {
      ms: impact.ms,
      pairsOpened: impact.value.figures.pairsOpened,
      approvers: impact.value.approvers.length,
    };
    return { firstMs, laterMs, apps, findings, whatIf, peakRssMb: peakRssMb() };
  } finally {
    close();
  }
}

async function timeViewCalls(dbFile: string, snapshotId: number): Promise<Record<ViewCall, number>> {
  const { service, close } = await createService({ dbFile });
  try {
    const times: Partial<Record<ViewCall, number>> = {};
    for (const call of viewCalls) {
      const run = service[call].bind(service) as (args: { snapshotId: number }) => Promise<unknown>;
      times[call] = (await timed(() => run({ snapshotId }))).ms;
    }
    return times as Record<ViewCall, number>;
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
