import { type TagKeys, tagValue } from '../applications/tagKeys';
import type { Estate } from '../domain/estate';
import type { FindingContext } from '../findings/context';
import { writtenTraffic } from '../findings/dependencyPairs';
import { aclOwner } from '../findings/reachPeers';
import { namespaceSegmentId, policySegmentId } from '../kubernetes/clusterSegments';
import { exposureAddedPairs } from './exposure';
import { openedPorts, stoppedPorts } from './internetEgress';
import type {
  AppImpact,
  Approver,
  DependencyImpact,
  EstateChanges,
  ExposureChange,
  FlowChange,
  InternetEgressChange,
  OutsideFlowChange,
  SegmentChange,
} from './types';

/** What the change touches, as the approvals and the risk are judged from it. */
export interface Touched {
  readonly changes: EstateChanges;
  readonly dependencies: readonly DependencyImpact[];
  readonly flows: readonly FlowChange[];
  readonly segments: readonly SegmentChange[];
  readonly exposure: readonly ExposureChange[];
  readonly internetEgress: readonly InternetEgressChange[];
  readonly outsideFlows: readonly OutsideFlowChange[];
}

/** Listed as the approver of apps and segments whose owner nobody recorded, so they are not missed. */
export const noOwner = '(no owner recorded)';

/**
 * The owners who must approve: the approvers but the placeholder, which lists what has no owner to
 * ask. Every figure of owners counts these, so the headline and the risk agree.
 */
export const namedOwners = (approvers: readonly Approver[]) => approvers.filter((a) => a.owner !== noOwner);

const effectWords: Record<DependencyImpact['effect'], string> = {
  breaks: 'breaks',
  'may-break': 'may break (becomes undecidable)',
  restored: 'is restored',
  changes: 'changes',
};

/**
 * The segments the change edits: groups (rules, members, or the entries of a prefix list a rule
 * names), ACLs (entries), NetworkPolicies and the namespaces they or relabelled pods are in.
 */
export function editedSegments(changes: EstateChanges): {
  groups: string[];
  /** Of `groups`, those edited only through a prefix list their rules name. */
  throughPrefixLists: string[];
  acls: string[];
  namespaces: string[];
  policies: string[];
} {
  const { rules, aclEntries, aclAssociations, prefixListEntries, workloads, networkPolicies, pods } = changes;
  const direct = new Set([
    ...[...rules.added, ...rules.removed, ...rules.changed].map((rule) => rule.segment),
    ...workloads.flatMap((w) => [...w.groupsAdded, ...w.groupsRemoved]),
  ]);
  const throughPrefixLists = prefixListEntries.namedBy.filter((group) => !direct.has(group));
  const acls = [
    ...[...aclEntries.added, ...aclEntries.removed, ...aclEntries.changed].map((entry) => entry.segment),
    ...aclAssociations.flatMap((association) => association.aclIds),
  ];
  const policies = [...networkPolicies.added, ...networkPolicies.removed, ...networkPolicies.changed];
  const namespaces = [
    ...policies.map((policy) => policy.segment),
    ...pods.map((pod) => namespaceSegmentId(pod.namespace)),
  ];
  const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();
  return {
    groups: sorted([...direct, ...throughPrefixLists]),
    throughPrefixLists: sorted(throughPrefixLists),
    acls: sorted(acls),
    namespaces: sorted(namespaces),
    policies: sorted(policies.map((policy) => policy.id)),
  };
}

/**
 * Everyone who must approve: the owners of every app the change touches (a dependency whose verdict
 * changes, a flow that opens or closes, an exposure) and of every segment it edits or opens or closes
 * flows of (owner tags of groups and ACLs, by the workspace's owner keys).
 */
export function approversOf(ctx: FindingContext, touched: Touched, before: Estate): Approver[] {
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
        add(appOwners(app), `app ${app}: ${d.from} → ${d.to} ${writtenTraffic(d)} ${effectWords[d.effect]}`);
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
      add(appOwners(app), `app ${app}: ${exposure.workloadId} ${exposedWords[String(exposure.reachable)]}`);
  }
  for (const egress of touched.internetEgress) {
    const what = [
      ...(stoppedPorts(egress).length ? ['connections out to the internet stop'] : []),
      ...(openedPorts(egress).length ? ['connections out to the internet open'] : []),
    ];
    for (const app of egress.apps) for (const one of what) add(appOwners(app), `app ${app}: ${one}`);
  }
  for (const flow of touched.outsideFlows) {
    if (flow.app)
      add(
        appOwners(flow.app),
        `app ${flow.app}: connections from outside ${flow.after === false ? 'stop' : 'may stop'}`,
      );
  }
  const edited = editedSegments(touched.changes);
  for (const groupId of edited.groups)
    add(
      [ctx.segmentOwner(groupId)],
      `segment ${ctx.groupLabel(groupId)}: ${edited.throughPrefixLists.includes(groupId) ? 'its rules name an edited prefix list' : 'rules or members edited'}`,
    );
  const { aclEntries, aclAssociations } = touched.changes;
  const withEntries = new Set(
    [...aclEntries.added, ...aclEntries.removed, ...aclEntries.changed].map((entry) => entry.segment),
  );
  const withSubnets = new Set(aclAssociations.flatMap((association) => association.aclIds));
  for (const aclId of edited.acls) {
    const what = [withEntries.has(aclId) && 'entries', withSubnets.has(aclId) && 'subnets'].filter(Boolean);
    add([aclOwner(ctx, aclId)], `network ACL ${aclId}: ${what.join(' and ')} edited`);
  }
  // A table's owner tag names who answers for its routes and subnets; untagged, its VPC's owner.
  const routeTables = new Map([...ctx.estate.routeTables, ...before.routeTables].map((t) => [t.id, t]));
  for (const line of touched.changes.routes) {
    const tagged = routeTables.get(line.routeTableId)?.tags ?? {};
    const vpc = ctx.estate.vpcs.find((one) => one.id === line.vpcId);
    add(
      [tagValue(tagged, ctx.tagKeys.owner) ?? (vpc ? tagValue(vpc.tags, ctx.tagKeys.owner) : null)],
      line.what === 'route'
        ? `route table ${line.routeTableId} of ${line.vpcId}: routes edited`
        : `subnet ${line.id}: its route table changed`,
    );
  }
  const gateways = new Map(
    // The tags as the snapshot had them win: later entries of a Map replace earlier ones.
    [...ctx.estate.transitGateways, ...before.transitGateways].map((gateway) => [gateway.id, gateway]),
  );
  for (const line of touched.changes.transitGateways) {
    for (const gatewayId of line.gatewayIds) {
      const gateway = gateways.get(gatewayId);
      add(
        [gateway ? tagValue(gateway.tags, ctx.tagKeys.owner) : null],
        `transit gateway ${gatewayId}: ${line.what} edited`,
      );
    }
  }
  const cluster = clusterSegmentOwners([before, ctx.estate], ctx.tagKeys);
  const addCluster = (id: string, what: string) => {
    const segment = cluster.get(id);
    if (segment) add([segment.owner], `${segment.label}: ${what}`);
  };
  for (const id of edited.namespaces) addCluster(id, 'NetworkPolicies or pod labels edited');
  for (const id of edited.policies) addCluster(id, 'edited');
  for (const segment of touched.segments) {
    const what = segment.opened.length ? 'flows open' : 'flows close';
    for (const id of new Set([segment.fromGroup, segment.toGroup])) {
      if (cluster.has(id)) addCluster(id, what);
      else add([ctx.segmentOwner(id)], `segment ${ctx.groupLabel(id)}: ${what}`);
    }
  }
  return [...reasons]
    .map(([owner, why]) => ({ owner, reasons: [...why].sort() }))
    .sort(
      (a, b) => Number(a.owner === noOwner) - Number(b.owner === noOwner) || a.owner.localeCompare(b.owner),
    );
}

/**
 * Each namespace and NetworkPolicy segment with its owner, by the workspace's owner keys on its
 * labels (a policy without one is its namespace's), and how a reason names it. Both estates count:
 * a removed policy still has an owner.
 */
function clusterSegmentOwners(
  estates: readonly Estate[],
  tagKeys: TagKeys,
): Map<string, { owner: string | null; label: string }> {
  const segments = new Map<string, { owner: string | null; label: string }>();
  for (const { kubernetes } of estates) {
    for (const namespace of kubernetes?.namespaces ?? [])
      segments.set(namespaceSegmentId(namespace.name), {
        owner: tagValue(namespace.labels, tagKeys.owner),
        label: `namespace ${namespace.name}`,
      });
  }
  for (const { kubernetes } of estates) {
    for (const policy of kubernetes?.networkPolicies ?? [])
      segments.set(policySegmentId(policy), {
        owner:
          tagValue(policy.labels, tagKeys.owner) ??
          segments.get(namespaceSegmentId(policy.namespace))?.owner ??
          null,
        label: `networkpolicy ${policy.namespace}/${policy.name}`,
      });
  }
  return segments;
}

/** What added exposure is, as the exposure table says it (a latent one is no exposure yet). */
const exposedWords: Record<string, string> = {
  true: 'exposed to the internet',
  unknown: 'exposed to the internet, unless what the export does not show stops it',
  false: 'opened to the internet, latent: the ACL or routing stops it',
};

/** The impact per app, most hit first. */
export function appImpacts(ctx: FindingContext, touched: Touched): AppImpact[] {
  const apps = new Set([
    ...touched.dependencies.flatMap((d) => [d.fromApp, d.toApp].filter((app): app is string => !!app)),
    ...touched.flows.flatMap((flow) => [...flow.from.apps, ...flow.to.apps]),
    ...touched.exposure.flatMap((one) => one.apps),
    ...touched.outsideFlows.flatMap((flow) => (flow.app ? [flow.app] : [])),
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
      exposureAdded: exposureAddedPairs(touched.exposure.filter((one) => one.apps.includes(app))),
      outsideStopped: touched.outsideFlows.filter((flow) => flow.after === false && flow.app === app).length,
    }))
    .sort(
      (a, b) =>
        b.dependenciesBroken - a.dependenciesBroken ||
        b.outsideStopped - a.outsideStopped ||
        b.exposureAdded - a.exposureAdded ||
        b.pairsOpened + b.pairsClosed - (a.pairsOpened + a.pairsClosed) ||
        a.app.localeCompare(b.app),
    );
}
