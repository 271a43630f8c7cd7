/**
 * What a Kubernetes segment id names (main/core/kubernetes/clusterSegments.ts writes them):
 * `namespace/NAME` a namespace, `networkpolicy/NAMESPACE/NAME` a policy. Kubernetes names hold no
 * `/`, so the split is exact. Security group ids are neither.
 */
export type ClusterSegment =
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'policy'; readonly namespace: string; readonly name: string };

export function clusterSegment(id: string): ClusterSegment | null {
  const [prefix, namespace, name, ...rest] = id.split('/');
  if (rest.length > 0 || !namespace) return null;
  if (prefix === 'namespace' && name === undefined) return { kind: 'namespace', namespace };
  if (prefix === 'networkpolicy' && name) return { kind: 'policy', namespace, name };
  return null;
}
