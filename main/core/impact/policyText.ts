import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../domain/kubernetes';
import { flowProtocolOf } from '../kubernetes/protocol';

/** `app=api,tier in (a,b),!canary`, as kubectl writes selectors; `all` for the empty one. */
function selectorText(selector: LabelSelector): string {
  const parts = [
    ...Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`),
    ...selector.matchExpressions.map(({ key, operator, values }) => {
      if (operator === 'Exists') return key;
      if (operator === 'DoesNotExist') return `!${key}`;
      return `${key} ${operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`;
    }),
  ];
  return parts.length ? parts.join(',') : 'all';
}

function peerText(peer: PolicyPeer): string {
  if (peer.kind === 'ipBlock')
    return peer.except.length ? `${peer.cidr} except ${peer.except.join(', ')}` : peer.cidr;
  const pods = peer.podSelector === null ? 'all pods' : `pods {${selectorText(peer.podSelector)}}`;
  const namespaces =
    peer.namespaceSelector === null
      ? 'of its namespace'
      : `in namespaces {${selectorText(peer.namespaceSelector)}}`;
  return `${pods} ${namespaces}`;
}

function portText(port: PolicyPort): string {
  const protocol = flowProtocolOf(port.protocol);
  if (port.port === null) return `${protocol} all`;
  return port.endPort === null ? `${protocol}/${port.port}` : `${protocol}/${port.port}-${port.endPort}`;
}

function ruleText(rule: PolicyRule, toward: 'from' | 'to'): string {
  const peers = rule.peers === null ? 'anywhere' : rule.peers.map(peerText).join(' or ');
  const ports = rule.ports === null ? 'every port' : rule.ports.map(portText).join(', ');
  return `${toward} ${peers} on ${ports}`;
}

/**
 * `shop/api-in: pods {app=api}; ingress from pods {app=web} of its namespace on tcp/8080; egress
 * nothing`: everything a verdict depends on, on one line, so two policies with the same line admit
 * the same traffic.
 */
export function policyLine(policy: NetworkPolicy): string {
  const direction = (type: 'Ingress' | 'Egress', rules: readonly PolicyRule[], toward: 'from' | 'to') => {
    if (!policy.policyTypes.includes(type)) return [];
    const name = type.toLowerCase();
    return [
      rules.length ? rules.map((rule) => `${name} ${ruleText(rule, toward)}`).join('; ') : `${name} nothing`,
    ];
  };
  return [
    `${policy.namespace}/${policy.name}: pods {${selectorText(policy.podSelector)}}`,
    ...direction('Ingress', policy.ingress, 'from'),
    ...direction('Egress', policy.egress, 'to'),
  ].join('; ');
}
