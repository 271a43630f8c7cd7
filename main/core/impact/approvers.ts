import type { FindingContext } from '../findings/context';
import { aclOwner } from '../findings/reachPeers';
import type {
  AppImpact,
  Approver,
  DependencyImpact,
  EstateChanges,
  ExposureChange,
  FlowChange,
  SegmentChange,
} from './types';

/** What the change touches, as the approvals and the risk are judged from it. */
export interface Touched {
  readonly changes: EstateChanges;
  readonly dependencies: readonly DependencyImpact[];
  readonly flows: readonly FlowChange[];
  readonly segments: readonly SegmentChange[];
  readonly exposure: readonly ExposureChange[];
}

/** Listed as the approver of apps and segments whose owner nobody recorded, so they are not missed. */
export const noOwner = '(no owner recorded)';

const effectWords: Record<DependencyImpact['effect'], string> = {
  breaks: 'breaks',
  'may-break': 'may break (becomes undecidable)',
  restored: 'is restored',
  changes: 'changes',
};

/** The groups and ACLs the change edits: their rules, entries or members. */
export function editedSegments(changes: EstateChanges): { groups: string[]; acls: string[] } {
  const { rules, aclEntries, workloads } = changes;
  const groups = [
    ...[...rules.added, ...rules.removed, ...rules.changed].map((rule) => rule.segment),
    ...workloads.flatMap((w) => [...w.groupsAdded, ...w.groupsRemoved]),
  ];
  const acls = [...aclEntries.added, ...aclEntries.removed, ...aclEntries.changed].map(
    (entry) => entry.segment,
  );
  return { groups: [...new Set(groups)].sort(), acls: [...new Set(acls)].sort() };
}

/**
 * Everyone who must approve: the owners of every app the change touches (a dependency whose verdict
 * changes, a flow that opens or closes, an exposure) and of every segment it edits or opens or closes
 * flows of (owner tags of groups and ACLs, by the workspace's owner keys).
 */
export function approversOf(ctx: FindingContext, touched: Touched): Approver[] {
  const reasons = new Map<string, Set<string>>();
  const add = (owners: readonly (string | null)[], reason: string) => {
    const named = owners.filter((owner): owner is string => !!owner);
    for (const owner of named.length ? named : [noOwner])
      reasons.set(owner, (reasons.get(owner) ?? new Set()).add(reason));
  };
  const appOwners = (app: string | null) =>
    ctx.applications.apps.find((node) => node.name === app)?.owners ?? [];
  for (const d of touched.dependencies) {
    for (const app of new Set([d.fromApp, d.toApp])) {
      if (app)
        add(
          appOwners(app),
          `app ${app}: ${d.from} → ${d.to} ${d.protocol}/${d.port} ${effectWords[d.effect]}`,
        );
    }
  }
  for (const flow of touched.flows) {
    const what = flow.opened.length
      ? 'flows open'
      : flow.closed.length
        ? 'flows close'
        : 'flows become undecidable';
    for (const app of new Set([...flow.from.apps, ...flow.to.apps]))
      add(appOwners(app), `app ${app}: ${what}`);
  }
  for (const exposure of touched.exposure.filter((one) => one.added.length > 0)) {
    for (const app of exposure.apps)
      add(appOwners(app), `app ${app}: ${exposure.workloadId} exposed to the internet`);
  }
  const edited = editedSegments(touched.changes);
  for (const groupId of edited.groups)
    add([ctx.segmentOwner(groupId)], `segment ${ctx.groupLabel(groupId)}: rules or members edited`);
  for (const aclId of edited.acls) add([aclOwner(ctx, aclId)], `network ACL ${aclId}: entries edited`);
  for (const segment of touched.segments) {
    const what = segment.opened.length ? 'flows open' : 'flows close';
    for (const groupId of new Set([segment.fromGroup, segment.toGroup]))
      add([ctx.segmentOwner(groupId)], `segment ${ctx.groupLabel(groupId)}: ${what}`);
  }
  return [...reasons]
    .map(([owner, why]) => ({ owner, reasons: [...why].sort() }))
    .sort(
      (a, b) => Number(a.owner === noOwner) - Number(b.owner === noOwner) || a.owner.localeCompare(b.owner),
    );
}

/** The impact per app, most hit first. */
export function appImpacts(ctx: FindingContext, touched: Touched): AppImpact[] {
  const apps = new Set([
    ...touched.dependencies.flatMap((d) => [d.fromApp, d.toApp].filter((app): app is string => !!app)),
    ...touched.flows.flatMap((flow) => [...flow.from.apps, ...flow.to.apps]),
    ...touched.exposure.flatMap((one) => one.apps),
  ]);
  const pairs = (app: string, side: 'opened' | 'closed') =>
    touched.flows
      .filter((flow) => flow[side].length > 0 && (flow.from.apps.includes(app) || flow.to.apps.includes(app)))
      .reduce((sum, flow) => sum + flow.workloadPairs, 0);
  return [...apps]
    .map((app) => ({
      app,
      owners: ctx.applications.apps.find((node) => node.name === app)?.owners ?? [],
      dependenciesBroken: touched.dependencies.filter(
        (d) => d.effect === 'breaks' && (d.fromApp === app || d.toApp === app),
      ).length,
      pairsOpened: pairs(app, 'opened'),
      pairsClosed: pairs(app, 'closed'),
      exposureAdded: touched.exposure.filter((one) => one.added.length > 0 && one.apps.includes(app)).length,
    }))
    .sort(
      (a, b) =>
        b.dependenciesBroken - a.dependenciesBroken ||
        b.exposureAdded - a.exposureAdded ||
        b.pairsOpened + b.pairsClosed - (a.pairsOpened + a.pairsClosed) ||
        a.app.localeCompare(b.app),
    );
}
