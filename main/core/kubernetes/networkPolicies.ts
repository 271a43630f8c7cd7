import { cidrContains, parseCidr } from '../domain/ip';
import type { NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';
import { readMetadata } from './metadata';
import { readPortNumber, readPortRef, readProtocol } from './protocol';
import { everything, readSelector } from './selector';

const policyTypes: readonly PolicyType[] = ['Ingress', 'Egress'];

export const networkPolicyApiVersion = 'networking.k8s.io/v1';

/**
 * A networking.k8s.io/v1 NetworkPolicy, with the defaults the API server applies and refusing what its
 * validation refuses (an empty peer, a peer mixing ipBlock and selectors, an except outside its cidr,
 * endPort with a named port): such a policy never exists in a cluster, so no verdict may rest on it.
 */
export function readNetworkPolicy(object: JsonCursor): NetworkPolicy {
  const spec = object.at('spec');
  const ingress = spec.list('ingress').map((rule) => readRule(rule, 'from'));
  const egress = spec.list('egress').map((rule) => readRule(rule, 'to'));
  return {
    ...readMetadata(object),
    // The Go field is a struct, not a pointer: a missing podSelector decodes as {}, every pod.
    podSelector: spec.at('podSelector').optional(readSelector) ?? everything,
    policyTypes: readPolicyTypes(spec.at('policyTypes'), egress.length > 0),
    ingress,
    egress,
    source: object.source,
    raw: object.value,
  };
}

/**
 * A NetworkPolicy manifest on its own, as a proposed change gives one: its kind and version checked as
 * an import checks them, then read as an imported policy is.
 */
export function readNetworkPolicyManifest(object: JsonCursor): NetworkPolicy {
  if (object.str('kind') !== 'NetworkPolicy') object.at('kind').fail('NetworkPolicy');
  if (object.str('apiVersion') !== networkPolicyApiVersion)
    object.at('apiVersion').fail(networkPolicyApiVersion);
  return readNetworkPolicy(object);
}

/** Missing or empty: Ingress, and Egress when the egress list has a rule (an empty list does not count). */
function readPolicyTypes(cursor: JsonCursor, hasEgressRules: boolean): PolicyType[] {
  const written = cursor.optional((c) => c.items()) ?? [];
  if (written.length === 0) return hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
  const types = written.map((item) => {
    const type = item.string() as PolicyType;
    if (!policyTypes.includes(type)) item.fail('Ingress or Egress');
    return type;
  });
  if (new Set(types).size !== types.length) cursor.fail('each of Ingress and Egress at most once');
  return types;
}

function readRule(rule: JsonCursor, peersKey: 'from' | 'to'): PolicyRule {
  rule.object();
  const peers = rule.list(peersKey).map(readPeer);
  const ports = rule.list('ports').map(readPolicyPort);
  return { peers: peers.length > 0 ? peers : null, ports: ports.length > 0 ? ports : null };
}

function readPeer(cursor: JsonCursor): PolicyPeer {
  const podSelector = cursor.at('podSelector').optional(readSelector);
  const namespaceSelector = cursor.at('namespaceSelector').optional(readSelector);
  const ipBlock = cursor.at('ipBlock');
  if (!ipBlock.isMissing) {
    if (podSelector !== null || namespaceSelector !== null)
      cursor.fail('a peer with either ipBlock or selectors (the API server refuses both in one peer)');
    return readIpBlock(ipBlock);
  }
  if (podSelector === null && namespaceSelector === null)
    cursor.fail('a peer with podSelector, namespaceSelector or ipBlock');
  return { kind: 'selector', podSelector, namespaceSelector };
}

function readIpBlock(cursor: JsonCursor): PolicyPeer {
  const cidrField = cursor.at('cidr');
  const cidr = parseCidr(cidrField.string()) ?? cidrField.fail('a CIDR such as 10.0.0.0/16');
  const except = cursor.list('except').map((item) => {
    const inner = parseCidr(item.string());
    const strictSubset =
      inner !== null &&
      inner.prefixLength > cidr.prefixLength &&
      cidrContains(cidr, { family: inner.family, value: inner.network });
    if (!strictSubset) item.fail(`a CIDR strictly inside ${cidr.text}`);
    return item.string();
  });
  return { kind: 'ipBlock', cidr: cidr.text, except };
}

function readPolicyPort(cursor: JsonCursor): PolicyPort {
  const port = cursor.at('port').optional(readPortRef);
  const endPortField = cursor.at('endPort');
  const endPort = endPortField.optional(readPortNumber);
  if (endPort !== null && typeof port !== 'number')
    endPortField.fail('no endPort, since port is not a number');
  if (endPort !== null && endPort < (port as number)) endPortField.fail(`an endPort at least port ${port}`);
  return { protocol: readProtocol(cursor.at('protocol')), port, endPort };
}
