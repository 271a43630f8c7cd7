import type { Segment, SegmentEdge, SegmentGraph } from '../analysis/flowGraph/types';
import type { PortSet } from '../analysis/portSet';
import type { KubeProtocol, KubernetesEstate, Pod } from '../domain/kubernetes';
import { type FlowPeer, NetworkPolicies, podPeer, portsAllowedBy } from './networkPolicy';
import { clusterScope } from './podFlows';
import { flowProtocolOf } from './protocol';

const protocols: readonly KubeProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** How a namespace appears among the segments: apart from security group ids, inside the cluster. */
export function namespaceSegmentId(namespace: string): string {
  return `namespace/${namespace}`;
}

interface PodClass {
  readonly pod: Pod;
  /** Built once per class: a million pairs would otherwise parse a million addresses. */
  readonly peer: FlowPeer;
  readonly segmentId: string;
  size: number;
}

/**
 * The cluster seen by namespace, in the shape of the security-group segment graph: an edge A→B per
 * protocol carries the ports NetworkPolicy surely allows from some pod of A to some pod of B, and
 * the ordered pod pairs behind it. Pods alike in everything a policy can look at are evaluated once.
 */
export function namespaceGraph(estate: KubernetesEstate): SegmentGraph {
  const policies = new NetworkPolicies(estate);
  const classes = podClasses(estate);
  const edges = new Map<string, { edge: Omit<SegmentEdge, 'ports'>; ports: PortSet }>();
  for (const from of classes) {
    for (const to of classes) {
      const pairs = from.size * (from === to ? from.size - 1 : to.size);
      if (pairs === 0) continue;
      const [source, destination] = [from.peer, to.peer];
      const egress = policies.allowingRules(from.pod, 'egress', destination);
      if (egress?.length === 0) continue;
      const ingress = policies.allowingRules(to.pod, 'ingress', source);
      if (ingress?.length === 0) continue;
      for (const protocol of protocols) {
        const open = portsAllowedBy(egress, destination, protocol).intersect(
          portsAllowedBy(ingress, destination, protocol),
        );
        if (open.isEmpty()) continue;
        const [fromGroup, toGroup] = [
          namespaceSegmentId(from.pod.namespace),
          namespaceSegmentId(to.pod.namespace),
        ];
        const key = `${fromGroup}\0${toGroup}\0${protocol}`;
        const found = edges.get(key);
        if (found === undefined) {
          const edge = { fromGroup, toGroup, protocol: flowProtocolOf(protocol), workloadPairs: pairs };
          edges.set(key, { edge, ports: open });
        } else {
          found.ports = found.ports.union(open);
          found.edge = { ...found.edge, workloadPairs: found.edge.workloadPairs + pairs };
        }
      }
    }
  }
  const members = new Map<string, number>();
  for (const pod of estate.pods) members.set(pod.namespace, (members.get(pod.namespace) ?? 0) + 1);
  const segments: Segment[] = estate.namespaces.map((namespace) => ({
    groupId: namespaceSegmentId(namespace.name),
    name: namespace.name,
    vpcId: clusterScope,
    members: members.get(namespace.name) ?? 0,
  }));
  return {
    segments,
    edges: [...edges.values()].map(({ edge, ports }) => ({
      ...edge,
      ports: ports.ranges().map(({ from, to }) => ({ from, to })),
    })),
  };
}

/**
 * Pods a policy cannot tell apart: same namespace, labels, container ports and host networking, and
 * the same IP when some policy has an ipBlock (otherwise IPs decide nothing).
 */
function podClasses(estate: KubernetesEstate): PodClass[] {
  const ipsMatter = estate.networkPolicies.some((policy) =>
    [...policy.ingress, ...policy.egress].some((rule) => rule.peers?.some((peer) => peer.kind === 'ipBlock')),
  );
  const classes = new Map<string, PodClass>();
  for (const pod of estate.pods) {
    const key = JSON.stringify([
      pod.namespace,
      pod.labels,
      pod.ports,
      pod.hostNetwork,
      ipsMatter ? pod.ips : [],
    ]);
    const found = classes.get(key);
    if (found) found.size++;
    else classes.set(key, { pod, peer: podPeer(pod), segmentId: namespaceSegmentId(pod.namespace), size: 1 });
  }
  return [...classes.values()];
}
