import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../domain/kubernetes';
import { flowProtocolOf } from '../kubernetes/protocol';

/** How the parts of a list are printed: as written, or as the set they are. */
type Order = (parts: string[]) => string[];

const asWritten: Order = (parts) => parts;

/**
 * Rules, peers, ports, selector terms and their values are sets: a policy admits what any rule
 * admits, a rule any peer and any port, and a selector needs every term, so neither order nor a
 * repeat changes what it admits (docs/semantics/kubernetes.md).
 */
const asSet: Order = (parts) => [...new Set(parts)].sort();

/** `app=api,tier in (a,b),!canary`, as kubectl writes selectors; `all` for the empty one. */
function selectorText(selector: LabelSelector, order: Order): string {
  const parts = order([
    ...Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`),
    ...selector.matchExpressions.map(({ key, operator, values }) => {
      if (operator === 'Exists') return key;
      if (operator === 'DoesNotExist') return `!${key}`;
      return `${key} ${operator === 'In' ? 'in' : 'notin'} (${order([...values]).join(',')})`;
    }),
  ]);
  return parts.length ? parts.join(',') : 'all';
}

function peerText(peer: PolicyPeer, order: Order): string {
  if (peer.kind === 'ipBlock')
    return peer.except.length ? `${peer.cidr} except ${order([...peer.except]).join(', ')}` : peer.cidr;
  const pods = peer.podSelector === null ? 'all pods' : `pods {${selectorText(peer.podSelector, order)}}`;
  const namespaces =
    peer.namespaceSelector === null
      ? 'of its namespace'
      : `in namespaces {${selectorText(peer.namespaceSelector, order)}}`;
  return `${pods} ${namespaces}`;
}

function portText(port: PolicyPort): string {
  const protocol = flowProtocolOf(port.protocol);
  if (port.port === null) return `${protocol} all`;
  return port.endPort === null ? `${protocol}/${port.port}` : `${protocol}/${port.port}-${port.endPort}`;
}

function ruleText(rule: PolicyRule, toward: 'from' | 'to', order: Order): string {
  const peers =
    rule.peers === null ? 'anywhere' : order(rule.peers.map((peer) => peerText(peer, order))).join(' or ');
  const ports = rule.ports === null ? 'every port' : order(rule.ports.map(portText)).join(', ');
  return `${toward} ${peers} on ${ports}`;
}

function line(policy: NetworkPolicy, order: Order): string {
  const direction = (type: 'Ingress' | 'Egress', rules: readonly PolicyRule[], toward: 'from' | 'to') => {
    if (!policy.policyTypes.includes(type)) return [];
    const name = type.toLowerCase();
    const texts = order(rules.map((rule) => `${name} ${ruleText(rule, toward, order)}`));
    return [texts.length ? texts.join('; ') : `${name} nothing`];
  };
  return [
    `${policy.namespace}/${policy.name}: pods {${selectorText(policy.podSelector, order)}}`,
    ...direction('Ingress', policy.ingress, 'from'),
    ...direction('Egress', policy.egress, 'to'),
  ].join('; ');
}

/**
 * `shop/api-in: pods {app=api}; ingress from pods {app=web} of its namespace on tcp/8080; egress
 * nothing`: everything a verdict depends on, on one line, in the order the policy was written.
 */
export function policyLine(policy: NetworkPolicy): string {
  return line(policy, asWritten);
}

/** The line with every set sorted and without repeats: two policies with the same key admit the same traffic. */
export function policyKey(policy: NetworkPolicy): string {
  return line(policy, asSet);
}
