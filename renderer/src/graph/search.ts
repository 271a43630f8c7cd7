import { keyOf } from './keys';
import type { ViewIndex } from './viewData';

const maxMatches = 200;

/**
 * Keys of the objects whose name, id or address contains the query (case-insensitive): apps and
 * services first, then segments, subnets, VPCs, what joins them and workloads, as a user scanning a list expects.
 */
export function searchKeys(index: ViewIndex, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const hit = (...texts: (string | null | undefined)[]) => texts.some((t) => t?.toLowerCase().includes(q));
  const { topology } = index.data;
  const matches = [
    ...[...index.apps.keys()].filter((name) => hit(name)).map((name) => keyOf('app', name)),
    ...[...index.services.keys()].filter((name) => hit(name)).map((name) => keyOf('service', name)),
    ...topology.segments.filter((s) => hit(s.name, s.groupId)).map((s) => keyOf('segment', s.groupId)),
    ...topology.subnets.filter((s) => hit(s.name, s.id, s.cidrBlock)).map((s) => keyOf('subnet', s.id)),
    ...topology.vpcs.filter((v) => hit(v.name, v.id)).map((v) => keyOf('vpc', v.id)),
    ...topology.transitGateways.filter((g) => hit(g.name, g.id)).map((g) => keyOf('tgw', g.id)),
    ...topology.peerings.filter((p) => hit(p.id)).map((p) => keyOf('pcx', p.id)),
    ...topology.workloads
      .filter((w) => hit(w.name, w.id, w.privateIp, w.publicIp))
      .map((w) => keyOf('workload', w.id)),
  ];
  return matches.slice(0, maxMatches);
}
