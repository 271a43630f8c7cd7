import { tagValue } from '../applications/tagKeys';
import {
  type KubernetesEstate,
  type LabelSelector,
  type NetworkPolicy,
  type Pod,
  type PolicyRule,
  podWorkloadId,
} from '../domain/kubernetes';
import type { FindingContext } from '../findings/context';
import { namespaceSegmentId, policySegmentId } from '../kubernetes/clusterSegments';
import { NetworkPolicies } from '../kubernetes/networkPolicy';
import { clusterScope } from '../kubernetes/podFlows';
import { editablePolicyManifest } from './policyManifest';
import type { RuleLine, Topology } from './types';

type ClusterPart = Pick<Topology, 'vpcs' | 'subnets' | 'segments' | 'workloads'>;

/**
 * A Kubernetes cluster in the shapes the views already draw for AWS: the cluster stands where a VPC
 * does, each namespace is both a box (like a subnet) holding its pods and a segment (all its pods),
 * and each NetworkPolicy is a segment of the pods it selects, as a security group is of its ENIs.
 * The ids are the segment graph's (`namespace/…`, `networkpolicy/…`), so its edges and the findings
 * land on these nodes.
 */
export function clusterTopology(ctx: FindingContext, cluster: KubernetesEstate): ClusterPart {
  const policies = new NetworkPolicies(cluster);
  const owner = (labels: Readonly<Record<string, string>>) => tagValue(labels, ctx.tagKeys.owner);
  return {
    vpcs: [{ id: clusterScope, name: 'Kubernetes cluster', cidrBlocks: [] }],
    subnets: cluster.namespaces.map((namespace) => ({
      id: namespaceSegmentId(namespace.name),
      vpcId: clusterScope,
      name: `namespace ${namespace.name}`,
      cidrBlock: '',
      availabilityZone: null,
      networkAclId: null,
    })),
    segments: [
      ...cluster.namespaces.map((namespace) => ({
        groupId: namespaceSegmentId(namespace.name),
        name: namespace.name,
        description: `every pod of namespace ${namespace.name}`,
        vpcId: clusterScope,
        owner: owner(namespace.labels),
        tags: namespace.labels,
        rules: [],
      })),
      ...cluster.networkPolicies.map((policy) => ({
        groupId: policySegmentId(policy),
        name: policy.name,
        description: `NetworkPolicy in ${policy.namespace} (${policy.policyTypes.join(', ')}), podSelector ${selectorText(policy.podSelector)}`,
        vpcId: clusterScope,
        owner:
          owner(policy.labels) ??
          owner(cluster.namespaces.find((n) => n.name === policy.namespace)?.labels ?? {}),
        tags: policy.labels,
        rules: policyLines(policy),
        ...optionalManifest(policy),
      })),
    ],
    workloads: cluster.pods.map((pod) => {
      const service = ctx.serviceOf.get(podWorkloadId(pod));
      return {
        id: podWorkloadId(pod),
        name: pod.name,
        kind: 'pod' as const,
        vpcId: clusterScope,
        subnetId: namespaceSegmentId(pod.namespace),
        groupIds: podSegments(policies, pod),
        privateIp: pod.ips[0] ?? null,
        publicIp: null,
        app: service?.app ?? null,
        service: service?.name ?? null,
        tags: pod.labels,
      };
    }),
  };
}

function optionalManifest(policy: NetworkPolicy) {
  const manifest = editablePolicyManifest(policy.raw);
  return manifest ? { manifest } : {};
}

/** The pod's namespace and the policies that select it in either direction. */
export function podSegments(policies: NetworkPolicies, pod: Pod): string[] {
  const selecting = [...policies.selecting(pod, 'Ingress'), ...policies.selecting(pod, 'Egress')];
  return [namespaceSegmentId(pod.namespace), ...new Set(selecting.map(policySegmentId))];
}

function policyLines(policy: NetworkPolicy): RuleLine[] {
  const lines = (direction: 'ingress' | 'egress', rules: readonly PolicyRule[]) =>
    rules.map((rule, index) => ({
      key: `${policy.namespace}/${policy.name}/${direction}/${index}`,
      text: `${direction}[${index}] ${direction === 'ingress' ? 'from' : 'to'} ${peersText(rule)} on ${portsText(rule)}`,
      description: null,
    }));
  return [...lines('ingress', policy.ingress), ...lines('egress', policy.egress)];
}

function peersText(rule: PolicyRule): string {
  if (rule.peers === null) return 'everywhere';
  return rule.peers
    .map((peer) => {
      if (peer.kind === 'ipBlock')
        return `ipBlock ${peer.cidr}${peer.except.length ? ` except ${peer.except.join(', ')}` : ''}`;
      const parts = [
        peer.namespaceSelector ? `namespaceSelector ${selectorText(peer.namespaceSelector)}` : null,
        peer.podSelector ? `podSelector ${selectorText(peer.podSelector)}` : null,
      ].filter((part): part is string => part !== null);
      return parts.join(' and ') || 'the same namespace';
    })
    .join('; ');
}

function portsText(rule: PolicyRule): string {
  if (rule.ports === null) return 'every port';
  return rule.ports
    .map((port) => {
      const number = port.port ?? 'every port';
      return `${port.protocol} ${number}${port.endPort !== null ? `-${port.endPort}` : ''}`;
    })
    .join(', ');
}

/** `{app: web}`, with expressions as written: `{tier In (web, api)}`; `{}` selects everything. */
function selectorText(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels).map(([key, value]) => `${key}: ${value}`);
  const expressions = selector.matchExpressions.map(
    (e) => `${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(', ')})` : ''}`,
  );
  return `{${[...labels, ...expressions].join(', ')}}`;
}
