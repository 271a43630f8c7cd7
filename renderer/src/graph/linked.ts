import { keyOf, parseKey } from './keys';
import type { ViewIndex } from './viewData';

/**
 * The keys, in both views, of what an object is made of and where it lives: for an app, service or
 * workload, its workloads and their subnets, VPCs and security groups; for a segment, subnet, VPC or
 * NACL, the workloads in it and their services and apps. A transit gateway or peering and the VPCs
 * it joins light each other. The object's own key is included.
 */
export function relatedKeys(index: ViewIndex, key: string): Set<string> {
  const workloadIds = workloadsOf(index, key);
  const related = new Set<string>([key, ...joinedKeys(index, key)]);
  for (const id of workloadIds) {
    const workload = index.workloads.get(id);
    if (!workload) continue;
    related.add(keyOf('workload', id));
    related.add(keyOf('subnet', workload.subnetId));
    related.add(keyOf('vpc', workload.vpcId));
    if (workload.service) related.add(keyOf('service', workload.service));
    if (workload.app) related.add(keyOf('app', workload.app));
    // A network object lights up the apps inside it, not every other group those apps carry.
    if (isAppSide(key)) for (const groupId of workload.groupIds) related.add(keyOf('segment', groupId));
  }
  return related;
}

/** The VPCs a transit gateway or peering joins, or the transit gateways and peerings of a VPC. */
function joinedKeys(index: ViewIndex, key: string): string[] {
  const parsed = parseKey(key);
  if (parsed?.kind === 'tgw' || parsed?.kind === 'pcx')
    return joinedVpcs(index, key).map((vpcId) => keyOf('vpc', vpcId));
  if (parsed?.kind !== 'vpc') return [];
  const { transitGateways, peerings } = index.data.topology;
  return [
    ...transitGateways
      .filter((gateway) => gateway.attachments.some((a) => a.vpcId === parsed.id))
      .map((gateway) => keyOf('tgw', gateway.id)),
    ...peerings.filter((peering) => peering.vpcIds.includes(parsed.id)).map((p) => keyOf('pcx', p.id)),
  ];
}

function joinedVpcs(index: ViewIndex, key: string): string[] {
  const parsed = parseKey(key);
  const { transitGateways, peerings } = index.data.topology;
  if (parsed?.kind === 'pcx') return [...(peerings.find((one) => one.id === parsed.id)?.vpcIds ?? [])];
  const gateway = transitGateways.find((one) => one.id === parsed?.id);
  return [...new Set(gateway?.attachments.map((a) => a.vpcId))];
}

function isAppSide(key: string): boolean {
  const kind = parseKey(key)?.kind;
  return kind === 'app' || kind === 'service' || kind === 'workload';
}

function workloadsOf(index: ViewIndex, key: string): readonly string[] {
  const parsed = parseKey(key);
  if (!parsed) return [];
  const { kind, id } = parsed;
  switch (kind) {
    case 'app':
      return index.apps.get(id)?.services.flatMap((s) => s.workloadIds) ?? [];
    case 'service':
      return index.services.get(id)?.workloadIds ?? [];
    case 'workload':
      return [id];
    case 'segment':
      return index.members.get(id) ?? [];
    case 'subnet':
      return index.subnetWorkloads.get(id) ?? [];
    case 'vpc':
      return index.data.topology.workloads.filter((w) => w.vpcId === id).map((w) => w.id);
    case 'acl': {
      const subnets = index.data.topology.networkAcls.find((a) => a.id === id)?.subnetIds ?? [];
      return subnets.flatMap((s) => index.subnetWorkloads.get(s) ?? []);
    }
    case 'tgw':
    case 'pcx': {
      const vpcs = new Set(joinedVpcs(index, key));
      return index.data.topology.workloads.filter((w) => vpcs.has(w.vpcId)).map((w) => w.id);
    }
  }
}
