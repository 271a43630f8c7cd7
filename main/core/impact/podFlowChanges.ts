import type { ServiceDependency, ServiceNode } from '../applications/model';
import { type KubeProtocol, type KubernetesEstate, type Pod, podWorkloadId } from '../domain/kubernetes';
import { namespaceSegmentId, podClassKey, policySegmentId } from '../kubernetes/clusterSegments';
import { NetworkPolicies, podPeer, portsAllowedBy } from '../kubernetes/networkPolicy';
import { flowProtocolOf } from '../kubernetes/protocol';
import {
  addToSegments,
  changeablePairs,
  type FlowDiff,
  flowChange,
  type PortVerdicts,
  portChange,
  type SegmentSum,
  segmentChanges,
} from './flowChanges';
import type { Endpoints, FlowChange } from './types';

const protocols: readonly KubeProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** One side of the cluster: its policies, and for each pod a representative of its class. */
interface ClusterSide {
  readonly policies: NetworkPolicies;
  /** The segments a pod is in: its namespace, and the policies selecting it in either direction. */
  readonly segments: (pod: Pod) => { namespace: string[]; policies: string[] };
}

/** Pods in one class before and one class after: NetworkPolicy treats them alike on both sides. */
interface Joint {
  readonly before: Pod;
  readonly after: Pod;
  readonly podIds: string[];
  affected: boolean;
}

/**
 * The flows between pods whose verdict differs: per pair of joint pod classes with an affected
 * member and per protocol NetworkPolicy names (TCP, UDP, SCTP), the ports that open, close or become
 * undecidable, from the same rule matching as the segment graph (docs/semantics/kubernetes.md,
 * "Segments"). Cost: one evaluation per pair of joint classes, the segment graph's bound.
 */
export function diffPodFlows(
  before: KubernetesEstate | undefined,
  after: KubernetesEstate | undefined,
  affected: ReadonlySet<string>,
  serviceOf: ReadonlyMap<string, ServiceNode>,
  dependencies: readonly ServiceDependency[],
): FlowDiff {
  if (before === undefined || after === undefined || affected.size === 0) return { flows: [], segments: [] };
  const [was, now] = [clusterSide(before), clusterSide(after)];
  const joints = jointClasses(before, after, affected);
  const flows: FlowChange[] = [];
  const segments = new Map<string, SegmentSum>();
  for (const from of joints) {
    for (const to of joints) {
      const pairs = changeablePairs(from, to, from.podIds.length, to.podIds.length);
      if (pairs === 0) continue;
      const old = openPorts(was, from.before, to.before);
      const next = openPorts(now, from.after, to.after);
      protocols.forEach((kubeProtocol, at) => {
        const change = portChange(old[at] as PortVerdicts, next[at] as PortVerdicts);
        if (change === null) return;
        const protocol = flowProtocolOf(kubeProtocol);
        flows.push(
          flowChange(
            { from: endpoints(from, now, serviceOf), to: endpoints(to, now, serviceOf), protocol, pairs },
            change,
            { from: from.podIds, to: to.podIds, serviceOf, dependencies },
          ),
        );
        // Namespaces join namespaces and policies join policies, as in the segment graph.
        for (const kind of ['namespace', 'policies'] as const) {
          const sides = (joint: Joint) => ({
            before: was.segments(joint.before)[kind],
            after: now.segments(joint.after)[kind],
          });
          addToSegments(segments, sides(from), sides(to), protocol, change, pairs);
        }
      });
    }
  }
  return { flows, segments: segmentChanges(segments) };
}

function clusterSide(estate: KubernetesEstate): ClusterSide {
  const policies = new NetworkPolicies(estate);
  return {
    policies,
    segments: (pod) => ({
      namespace: [namespaceSegmentId(pod.namespace)],
      policies: [
        ...new Set([...policies.selecting(pod, 'Ingress'), ...policies.selecting(pod, 'Egress')]),
      ].map(policySegmentId),
    }),
  };
}

/**
 * Per protocol (in `protocols` order), the ports the source's egress and the destination's ingress
 * both allow, surely or possibly: a port is allowed when both sides surely allow it, denied when
 * either surely does not, and unknown otherwise (a rule whose peer cannot be decided may allow it),
 * as a flow's verdict combines its two layers.
 */
function openPorts(side: ClusterSide, from: Pod, to: Pod): PortVerdicts[] {
  const [toPeer, fromPeer] = [podPeer(to), podPeer(from)];
  const rules = (certainty: 'surely' | 'possibly') => ({
    egress: side.policies.allowingRules(from, 'egress', toPeer, certainty),
    ingress: side.policies.allowingRules(to, 'ingress', fromPeer, certainty),
  });
  const [surely, possibly] = [rules('surely'), rules('possibly')];
  const ports = (both: typeof surely, protocol: KubeProtocol) =>
    portsAllowedBy(both.egress, toPeer, protocol).intersect(portsAllowedBy(both.ingress, toPeer, protocol));
  return protocols.map((protocol) => {
    const allowed = ports(surely, protocol);
    return { allowed, unknown: ports(possibly, protocol).subtract(allowed) };
  });
}

function jointClasses(
  before: KubernetesEstate,
  after: KubernetesEstate,
  affected: ReadonlySet<string>,
): Joint[] {
  const [keyBefore, keyAfter] = [podClassKey(before), podClassKey(after)];
  const afterPods = new Map(after.pods.map((pod) => [podWorkloadId(pod), pod]));
  const joints = new Map<string, Joint>();
  for (const pod of before.pods) {
    const id = podWorkloadId(pod);
    const next = afterPods.get(id);
    if (next === undefined) continue;
    const key = `${keyBefore(pod)}|${keyAfter(next)}`;
    const joint = joints.get(key) ?? { before: pod, after: next, podIds: [], affected: false };
    joints.set(key, joint);
    joint.podIds.push(id);
    joint.affected ||= affected.has(id);
  }
  return [...joints.values()];
}

/** Pods as a flow's end: their namespace stands where a subnet would, the policies selecting them as groups. */
function endpoints(joint: Joint, side: ClusterSide, serviceOf: ReadonlyMap<string, ServiceNode>): Endpoints {
  const segments = side.segments(joint.after);
  return {
    workloadIds: joint.podIds,
    subnetId: segments.namespace[0] ?? '',
    groupIds: segments.policies,
    apps: [...new Set(joint.podIds.flatMap((id) => serviceOf.get(id)?.app ?? []))].sort(),
  };
}
