/**
 * Kubernetes: kubectl JSON and YAML manifests read into namespaces, pods, services, controllers and
 * NetworkPolicies, and flows between pods decided by NetworkPolicy. See docs/semantics/kubernetes.md.
 */
export { classifyKubernetesFile, type KubernetesFileKind } from './detect';
export { kubernetesOutcome } from './fileOutcome';
export { PodFlows } from './podFlows';
export { type KubernetesFile, readKubernetesFiles } from './readKubernetes';
