import { type PackedSegmentGraph, SegmentEdgeSums } from '../analysis/flowGraph/packedSegments';
import type { Segment } from '../analysis/flowGraph/types';
import type { KubeProtocol, KubernetesEstate, NetworkPolicy, Pod } from '../domain/kubernetes';
import { type FlowPeer, NetworkPolicies, podPeer, portsAllowedBy } from './networkPolicy';
import { clusterScope } from './podFlows';
import { flowProtocolOf } from './protocol';

const protocols: readonly KubeProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** How a namespace appears among the segments: apart from security group ids, inside the cluster. */
export function namespaceSegmentId(namespace: string): string {
  return `namespace/${namespace}`;
}

export function policySegmentId(policy: NetworkPolicy): string {
  return `networkpolicy/${policy.namespace}/${policy.name}`;
}

interface PodClass {
  readonly pod: Pod;
  /** Built once per class: a million pairs would otherwise parse a million addresses. */
  readonly peer: FlowPeer;
  /** Indexes into the segment list: the class's namespace, and the policies selecting its pods. */
  readonly namespace: number;
  readonly policies: readonly number[];
  size: number;
}

/**
 * The cluster in the shape of the security-group segment graph, with two kinds of segments: each
 * namespace (all its pods), and each NetworkPolicy (the pods it selects in either direction, as a
 * security group holds the ENIs carrying it). An edge A→B per protocol carries the ports
 * NetworkPolicy surely allows from some pod of A to some pod of B, and the ordered pod pairs behind
 * it; namespace edges join namespaces, policy edges join policies. Pods alike in everything a policy
 * can look at are evaluated once.
 */
export function clusterSegments(estate: KubernetesEstate): PackedSegmentGraph {
  const policies = new NetworkPolicies(estate);
  const segments = [...namespaceSegments(estate), ...policySegments(estate)];
  const indexOf = new Map(segments.map((segment, at) => [segment.groupId, at]));
  const classes = podClasses(estate, policies, indexOf);
  const sums = new SegmentEdgeSums(segments.length);
  for (const from of classes) {
    for (const to of classes) {
      const pairs = from.size * (from === to ? from.size - 1 : to.size);
      if (pairs === 0) continue;
      const egress = policies.allowingRules(from.pod, 'egress', to.peer);
      if (egress?.length === 0) continue;
      const ingress = policies.allowingRules(to.pod, 'ingress', from.peer);
      if (ingress?.length === 0) continue;
      for (const protocol of protocols) {
        const open = portsAllowedBy(egress, to.peer, protocol).intersect(
          portsAllowedBy(ingress, to.peer, protocol),
        );
        if (open.isEmpty()) continue;
        const p = sums.protocolIndex(flowProtocolOf(protocol));
        sums.add(from.namespace, to.namespace, p, open, pairs);
        for (const fromPolicy of from.policies) {
          for (const toPolicy of to.policies) sums.add(fromPolicy, toPolicy, p, open, pairs);
        }
      }
    }
  }
  const selected = new Map<number, number>();
  for (const one of classes) {
    for (const p of one.policies) selected.set(p, (selected.get(p) ?? 0) + one.size);
  }
  return sums.packed(
    segments.map((segment, at) => {
      const members = selected.get(at);
      return members === undefined ? segment : { ...segment, members };
    }),
  );
}

function namespaceSegments(estate: KubernetesEstate): Segment[] {
  const members = new Map<string, number>();
  for (const pod of estate.pods) members.set(pod.namespace, (members.get(pod.namespace) ?? 0) + 1);
  return estate.namespaces.map((namespace) => ({
    groupId: namespaceSegmentId(namespace.name),
    name: namespace.name,
    vpcId: clusterScope,
    members: members.get(namespace.name) ?? 0,
  }));
}

/** Members are counted once the pods are classed (clusterSegments). */
function policySegments(estate: KubernetesEstate): Segment[] {
  return estate.networkPolicies.map((policy) => ({
    groupId: policySegmentId(policy),
    name: `${policy.namespace}/${policy.name}`,
    vpcId: clusterScope,
    members: 0,
  }));
}

/**
 * Pods a policy cannot tell apart share a key: same namespace, labels, container ports and host
 * networking, and the same IP when some policy has an ipBlock (otherwise IPs decide nothing).
 */
export function podClassKey(estate: KubernetesEstate): (pod: Pod) => string {
  const ipsMatter = estate.networkPolicies.some((policy) =>
    [...policy.ingress, ...policy.egress].some((rule) => rule.peers?.some((peer) => peer.kind === 'ipBlock')),
  );
  return (pod) =>
    JSON.stringify([pod.namespace, pod.labels, pod.ports, pod.hostNetwork, ipsMatter ? pod.ips : []]);
}

/** The pods grouped by podClassKey, each class with its segments. */
function podClasses(
  estate: KubernetesEstate,
  policies: NetworkPolicies,
  indexOf: ReadonlyMap<string, number>,
): PodClass[] {
  const keyOf = podClassKey(estate);
  const classes = new Map<string, PodClass>();
  for (const pod of estate.pods) {
    const key = keyOf(pod);
    const found = classes.get(key);
    if (found) {
      found.size++;
      continue;
    }
    const selecting = new Set([...policies.selecting(pod, 'Ingress'), ...policies.selecting(pod, 'Egress')]);
    classes.set(key, {
      pod,
      peer: podPeer(pod),
      namespace: indexOf.get(namespaceSegmentId(pod.namespace)) as number,
      policies: [...selecting].map((policy) => indexOf.get(policySegmentId(policy)) as number),
      size: 1,
    });
  }
  return [...classes.values()];
}
