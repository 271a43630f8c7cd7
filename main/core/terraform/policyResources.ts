import type { PolicyManifest } from '../impact/change';
import type { JsonCursor } from '../input/jsonCursor';
import { networkPolicyApiVersion } from '../kubernetes/networkPolicies';
import type { ResourceChange } from './planFile';
import { type Sides, sides } from './ruleResources';

/**
 * Fields a policy is read by. The metadata block also holds values the API server sets (uid,
 * resource_version, generation), unknown on every create and irrelevant to a verdict.
 */
const policyFields = ['metadata.0.name', 'metadata.0.namespace', 'metadata.0.labels', 'spec'];

/**
 * The NetworkPolicy of a kubernetes_network_policy or kubernetes_network_policy_v1 resource, before
 * and after, as the manifest the Kubernetes importer reads (the provider's snake_case blocks, each a
 * list of one object, turned back into the API's fields). null for other resource types.
 */
export function declaredPolicies(change: ResourceChange): Sides<PolicyManifest> | null {
  if (change.type !== 'kubernetes_network_policy' && change.type !== 'kubernetes_network_policy_v1')
    return null;
  return sides(change, policyFields, (resource) => [manifest(resource)]);
}

function manifest(resource: JsonCursor): PolicyManifest {
  const [metadata] = resource.list('metadata');
  const [spec] = resource.list('spec');
  if (metadata === undefined) return resource.at('metadata').fail('a metadata block');
  if (spec === undefined) return resource.at('spec').fail('a spec block');
  const rules = (key: 'ingress' | 'egress', peers: 'from' | 'to') =>
    spec.list(key).map((rule) => ({
      [peers]: rule.list(peers).map(peer),
      ports: rule.list('ports').map(port),
    }));
  return {
    apiVersion: networkPolicyApiVersion,
    kind: 'NetworkPolicy',
    metadata: {
      name: metadata.str('name'),
      // The provider's default, as kubectl's: a policy without a namespace is in `default`.
      namespace: metadata.optStr('namespace') || 'default',
      labels: metadata.at('labels').value ?? {},
    },
    spec: {
      podSelector: selector(spec.list('pod_selector')[0]),
      policyTypes: spec.at('policy_types').value ?? [],
      ingress: rules('ingress', 'from'),
      egress: rules('egress', 'to'),
    },
  };
}

/** A label selector block; a missing or empty one selects everything, as `{}` does. */
function selector(block: JsonCursor | undefined): Record<string, unknown> {
  if (block === undefined) return {};
  return {
    matchLabels: block.at('match_labels').value ?? {},
    matchExpressions: block.list('match_expressions').map((expression) => ({
      key: expression.at('key').value,
      operator: expression.at('operator').value,
      values: expression.at('values').value ?? [],
    })),
  };
}

function peer(block: JsonCursor): Record<string, unknown> {
  const [ipBlock] = block.list('ip_block');
  const [namespaces] = block.list('namespace_selector');
  const [pods] = block.list('pod_selector');
  return {
    ...(ipBlock && { ipBlock: { cidr: ipBlock.at('cidr').value, except: ipBlock.at('except').value ?? [] } }),
    ...(namespaces && { namespaceSelector: selector(namespaces) }),
    ...(pods && { podSelector: selector(pods) }),
  };
}

/**
 * The provider writes `port` as a string holding a number or a port name, as intstr.Parse reads it
 * (`"8080"` is the number); an empty string or a zero `end_port` is unset.
 */
function port(block: JsonCursor): Record<string, unknown> {
  const written = block.at('port').value;
  const number = typeof written === 'string' && /^\d+$/.test(written) ? Number(written) : written;
  const endPort = block.at('end_port').value;
  const protocol = block.at('protocol').value;
  return {
    ...(number !== null && number !== undefined && number !== '' && { port: number }),
    ...(endPort !== null && endPort !== undefined && endPort !== 0 && { endPort }),
    ...(protocol !== null && protocol !== undefined && protocol !== '' && { protocol }),
  };
}
