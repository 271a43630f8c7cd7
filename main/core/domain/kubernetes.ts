/**
 * The Kubernetes part of a snapshot: namespaces, pods (the workloads), services, controllers and
 * NetworkPolicies (networking.k8s.io/v1). Every object keeps where it was read and its original
 * JSON, so a verdict can quote the exact policy and rule. Semantics: docs/semantics/kubernetes.md.
 */
import type { SourceRef } from './estate';

/** Label keys to values; built with Object.fromEntries, so a hostile key stays an own property. */
export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A metav1.LabelSelector: matchLabels and matchExpressions, all of them must hold. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelRequirement[];
}

export type KubeProtocol = 'TCP' | 'UDP' | 'SCTP';

interface KubeObject {
  readonly name: string;
  readonly labels: Labels;
  readonly source: SourceRef;
  /** The object exactly as kubectl or the manifest wrote it. */
  readonly raw: unknown;
}

interface Namespaced extends KubeObject {
  readonly namespace: string;
}

export interface KubeNamespace extends KubeObject {
  /**
   * False for a namespace the import names (a pod's or policy's) without its Namespace object: only
   * its `kubernetes.io/metadata.name` label is known, so other namespace selectors cannot be decided.
   */
  readonly declared: boolean;
}

export interface ContainerPort {
  readonly name: string | null;
  readonly port: number;
  readonly protocol: KubeProtocol;
}

export type ControllerKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet';

export interface Pod extends Namespaced {
  /** status.podIPs (or podIP); empty for a pod that has none yet or a pod standing for a template. */
  readonly ips: readonly string[];
  readonly ports: readonly ContainerPort[];
  /** Whether NetworkPolicy applies to host-network pods depends on the network plugin: their verdicts are unknown. */
  readonly hostNetwork: boolean;
  /** spec.nodeName: the node the pod was scheduled to; null when not said (a manifest, a template). */
  readonly nodeName: string | null;
  /** status.hostIPs (or hostIP): the addresses of the pod's node; a host-network pod's IPs are these. */
  readonly hostIps: readonly string[];
  /** status.phase as exported (Pending, Running, Unknown; finished pods are not kept); null when not said. */
  readonly phase: string | null;
  /** The Ready condition (status.conditions): true or false where the export says, else null. */
  readonly ready: boolean | null;
  /**
   * Set when this pod is not one kubectl listed but a controller's pod template standing for its
   * pods, because the import lists none of them (manifests, Helm output).
   */
  readonly templateOf: { readonly kind: ControllerKind; readonly name: string } | null;
}

export interface ServicePort {
  readonly name: string | null;
  readonly port: number;
  readonly protocol: KubeProtocol;
  /** A number or a container port name, as written; null when the spec left it to default to `port`. */
  readonly targetPort: number | string | null;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface KubeService extends Namespaced {
  /** As written; the API server defaults a missing type to ClusterIP. */
  readonly type: ServiceType;
  /**
   * Cluster (the default) lets a node forward outside traffic to a pod on another node, replacing the
   * client's address with the node's; Local keeps the client's address (and serves only local pods).
   */
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /** null for a service without a selector (its endpoints are managed by hand). */
  readonly selector: Labels | null;
  readonly ports: readonly ServicePort[];
  readonly clusterIps: readonly string[];
}

export interface Controller extends Namespaced {
  readonly kind: ControllerKind;
  readonly selector: LabelSelector;
  /** The controller that owns this one (a Deployment owning a ReplicaSet), from ownerReferences. */
  readonly ownedBy: string | null;
}

export type PolicyPeer =
  | {
      readonly kind: 'selector';
      /** null: any pod of the selected namespaces (or of the policy's namespace). */
      readonly podSelector: LabelSelector | null;
      /** null: the policy's own namespace. */
      readonly namespaceSelector: LabelSelector | null;
    }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

export interface PolicyPort {
  readonly protocol: KubeProtocol;
  /** A port number, a named container port, or null for every port of the protocol. */
  readonly port: number | string | null;
  readonly endPort: number | null;
}

export interface PolicyRule {
  /** `from` / `to`; null when missing or empty, which matches every peer. */
  readonly peers: readonly PolicyPeer[] | null;
  /** null when missing or empty, which matches every port of every protocol NetworkPolicy decides (TCP, UDP, SCTP). */
  readonly ports: readonly PolicyPort[] | null;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy extends Namespaced {
  readonly podSelector: LabelSelector;
  /** As written, or defaulted: Ingress always, Egress when the egress list has a rule. */
  readonly policyTypes: readonly PolicyType[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

export interface KubernetesEstate {
  readonly namespaces: readonly KubeNamespace[];
  readonly pods: readonly Pod[];
  readonly services: readonly KubeService[];
  readonly controllers: readonly Controller[];
  readonly networkPolicies: readonly NetworkPolicy[];
}

export const kubernetesKeys = [
  'namespaces',
  'pods',
  'services',
  'controllers',
  'networkPolicies',
] as const satisfies readonly (keyof KubernetesEstate)[];

export type KubernetesCounts = { readonly [K in (typeof kubernetesKeys)[number]]: number };

export function countKubernetes(estate: KubernetesEstate): KubernetesCounts {
  return Object.fromEntries(kubernetesKeys.map((k) => [k, estate[k].length])) as unknown as KubernetesCounts;
}

/** The label every namespace carries since Kubernetes 1.21, set by the API server to its name. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** How a pod is named as a workload: in flows, the application model and the views. */
export const podWorkloadId = (pod: { readonly namespace: string; readonly name: string }): string =>
  `${pod.namespace}/${pod.name}`;
