import { PortSet } from '../analysis/portSet';
import { describeTraffic } from '../analysis/protocol';
import type { DecidingRule, LayerVerdict } from '../analysis/verdict';
import { cidrContains, type IpAddress, parseCidr, parseIp } from '../domain/ip';
import {
  type KubeNamespace,
  type KubeProtocol,
  type KubernetesEstate,
  type LabelSelector,
  type NetworkPolicy,
  namespaceNameLabel,
  type Pod,
  type PolicyPeer,
  type PolicyPort,
  type PolicyRule,
  type PolicyType,
} from '../domain/kubernetes';
import { childPath } from '../input/jsonPath';
import { flowProtocolOf, isPolicyProtocol } from './protocol';
import { selectorKeys, selectorMatches } from './selector';

/**
 * The other end of a flow as a policy sees it: a pod (with the address the flow uses), a node's
 * address (named when a pod of the export runs there), or an address outside the cluster.
 */
export type FlowPeer =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly address: IpAddress | null }
  | {
      readonly kind: 'node';
      readonly node: string | null;
      readonly address: IpAddress;
      readonly text: string;
    }
  | { readonly kind: 'address'; readonly address: IpAddress; readonly text: string };

/** A pod as the other end of a flow, by its first IP (none for a pod standing for a template). */
export function podPeer(pod: Pod): FlowPeer {
  const [first] = pod.ips;
  return { kind: 'pod', pod, address: first === undefined ? null : parseIp(first) };
}

export interface Traffic {
  /** As a flow names it: `tcp`, `udp`, `132` (SCTP), `icmp`... */
  readonly protocol: string;
  readonly port: number | null;
}

type Match = true | false | 'unknown';

/** Why a match could not be decided, collected for the layer's reason. */
type Doubts = string[];

/**
 * NetworkPolicy (networking.k8s.io/v1) decisions for one direction of one pod. See
 * docs/semantics/kubernetes.md for each rule and its source.
 */
export class NetworkPolicies {
  private readonly namespaces: ReadonlyMap<string, KubeNamespace>;
  private readonly byNamespace = new Map<string, NetworkPolicy[]>();
  private readonly selectingIngress = new Map<Pod, NetworkPolicy[]>();
  private readonly selectingEgress = new Map<Pod, NetworkPolicy[]>();

  constructor(estate: KubernetesEstate) {
    this.namespaces = new Map(estate.namespaces.map((n) => [n.name, n]));
    for (const policy of estate.networkPolicies) {
      const list = this.byNamespace.get(policy.namespace) ?? [];
      list.push(policy);
      this.byNamespace.set(policy.namespace, list);
    }
  }

  /** The policies that isolate the pod in this direction: same namespace, the type listed, the podSelector matching. */
  selecting(pod: Pod, type: PolicyType): NetworkPolicy[] {
    // The segment graph asks about each pod once per peer: remember the answer.
    const key = type === 'Ingress' ? this.selectingIngress : this.selectingEgress;
    let found = key.get(pod);
    if (found === undefined) {
      found = (this.byNamespace.get(pod.namespace) ?? []).filter(
        (policy) => policy.policyTypes.includes(type) && selectorMatches(policy.podSelector, pod.labels),
      );
      key.set(pod, found);
    }
    return found;
  }

  /**
   * Whether `pod` may send (egress) to or receive (ingress) from `peer`. Open until a policy of that
   * direction selects the pod; then allowed exactly when some rule of some selecting policy allows.
   */
  decide(pod: Pod, direction: 'ingress' | 'egress', peer: FlowPeer, traffic: Traffic): LayerVerdict {
    const layer = direction === 'ingress' ? 'k8s-ingress' : 'k8s-egress';
    const type: PolicyType = direction === 'ingress' ? 'Ingress' : 'Egress';
    const subject = `pod ${pod.namespace}/${pod.name}`;
    const node = nodeTraffic(pod, peer);
    if (node === 'own') {
      const reason =
        peer.kind === 'node'
          ? `${peerText(peer)} is the node ${subject} runs on: ${ownNodeAllowed}`
          : pod.hostNetwork
            ? `${subject} uses the network of the node ${peerText(peer)} runs on: ${ownNodeAllowed}`
            : `${peerText(peer)} uses the network of the node ${subject} runs on: ${ownNodeAllowed}`;
      return { layer, verdict: 'allow', reason, rules: [] };
    }
    if (pod.hostNetwork) {
      const reason = `${subject} uses the node's network: whether NetworkPolicy applies to it depends on the network plugin`;
      return { layer, verdict: 'unknown', reason, rules: [] };
    }
    const policies = this.selecting(pod, type);
    if (policies.length === 0) {
      const reason = `no NetworkPolicy with policyType ${type} selects ${subject}, so its ${direction} is not restricted`;
      return { layer, verdict: 'allow', reason, rules: [] };
    }
    const names = policies.map((p) => `${p.namespace}/${p.name}`).join(', ');
    // The destination's ports are the ones a named port refers to, in either direction.
    const destination: FlowPeer = direction === 'ingress' ? { kind: 'pod', pod, address: null } : peer;
    const allowing: DecidingRule[] = [];
    const undecided: DecidingRule[] = [];
    const doubts: Doubts = [];
    for (const policy of policies) {
      (direction === 'ingress' ? policy.ingress : policy.egress).forEach((rule, ruleIndex) => {
        const match = this.ruleMatches(rule, policy.namespace, peer, destination, traffic, doubts);
        const decided = policyRule(policy, direction, ruleIndex);
        if (match === true) allowing.push(decided);
        else if (match === 'unknown') undecided.push(decided);
      });
    }
    if (!isPolicyProtocol(traffic.protocol)) {
      // Neither a rule that would allow it nor the isolation that would deny it is sure to hold:
      // the rules named are those that might allow it, as for any unknown.
      const reason = `${subject} is selected by ${names} (${type}), but NetworkPolicy decides only TCP, UDP and SCTP, not ${describeTraffic(traffic.protocol, traffic.port)}: ${undefinedProtocols}`;
      return { layer, verdict: 'unknown', reason, rules: [...allowing, ...undecided] };
    }
    if (allowing.length > 0) {
      return {
        layer,
        verdict: 'allow',
        reason: `${subject} is selected by ${names}; allowed by ${allowing.map(ruleName).join(', ')}`,
        rules: allowing,
      };
    }
    if (undecided.length > 0) {
      const reason = `${subject} is selected by ${names}; ${undecided.map(ruleName).join(', ')} may allow it: ${[...new Set(doubts)].join('; ')}`;
      return { layer, verdict: 'unknown', reason, rules: undecided };
    }
    const none = `${subject} is selected by ${names} (${type}); none of their rules allows ${describeTraffic(traffic.protocol, traffic.port)} ${direction === 'ingress' ? 'from' : 'to'} ${peerText(peer)}`;
    if (node === 'other') {
      const where =
        pod.nodeName || pod.hostIps.length > 0
          ? 'a node other than its own'
          : 'a node, and the export does not say which node the pod runs on';
      const reason = `${none}, but that is traffic with ${where}: ${otherNodeUndefined}`;
      // No rule might allow it, the plugin might: no policy is named as what decides.
      return { layer, verdict: 'unknown', reason, rules: [] };
    }
    const rules = policies.map((policy) => policyRule(policy, direction, null));
    return { layer, verdict: 'deny', reason: none, rules };
  }

  /** A rule allows when its peers and its ports both match; missing or empty lists match everything. */
  private ruleMatches(
    rule: PolicyRule,
    policyNamespace: string,
    peer: FlowPeer,
    destination: FlowPeer,
    traffic: Traffic,
    doubts: Doubts,
  ): Match {
    if (!(rule.ports === null || rule.ports.some((port) => portMatches(port, destination, traffic)))) {
      return false;
    }
    return this.peersMatch(rule, policyNamespace, peer, doubts);
  }

  private peersMatch(rule: PolicyRule, policyNamespace: string, peer: FlowPeer, doubts: Doubts): Match {
    if (rule.peers === null) return true;
    return anyMatch(rule.peers.map((p) => this.peerMatches(p, policyNamespace, peer, doubts)));
  }

  /**
   * The rules that surely allow traffic between the pod and the peer in this direction, whatever
   * the port: null when no policy of the direction selects the pod (everything is open). Rules whose
   * peers cannot be decided are left out: a segment edge claims only what is surely open. With
   * `possibly`, they count too, and a host-network pod (whose verdicts are all unknown) is open:
   * what this leaves out is surely denied, which is what a change's impact needs to tell an
   * undecidable port from a closed one.
   */
  allowingRules(
    pod: Pod,
    direction: 'ingress' | 'egress',
    peer: FlowPeer,
    certainty: 'surely' | 'possibly' = 'surely',
  ): PolicyRule[] | null {
    if (pod.hostNetwork) return certainty === 'surely' ? [] : null;
    // Node traffic is never surely denied (decide), so every port of it is possibly open.
    if (certainty === 'possibly' && nodeTraffic(pod, peer) !== null) return null;
    const policies = this.selecting(pod, direction === 'ingress' ? 'Ingress' : 'Egress');
    if (policies.length === 0) return null;
    const wanted: readonly Match[] = certainty === 'surely' ? [true] : [true, 'unknown'];
    return policies.flatMap((policy) =>
      (direction === 'ingress' ? policy.ingress : policy.egress).filter((rule) =>
        wanted.includes(this.peersMatch(rule, policy.namespace, peer, [])),
      ),
    );
  }

  /**
   * Whether one rule of a policy that selects the pod surely names the peer: allowingRules for that
   * one rule, without deciding every other rule of every policy of the pod.
   */
  ruleSurelyAllows(pod: Pod, policy: NetworkPolicy, rule: PolicyRule, peer: FlowPeer): boolean {
    return !pod.hostNetwork && this.peersMatch(rule, policy.namespace, peer, []) === true;
  }

  private peerMatches(peer: PolicyPeer, policyNamespace: string, end: FlowPeer, doubts: Doubts): Match {
    if (peer.kind === 'ipBlock') return ipBlockMatches(peer, end, doubts);
    // Selectors pick pods; an address outside the cluster is never a pod they select.
    if (end.kind !== 'pod') return false;
    const { pod } = end;
    const inNamespace =
      peer.namespaceSelector === null
        ? pod.namespace === policyNamespace
        : this.namespaceMatches(peer.namespaceSelector, pod.namespace, doubts);
    const podMatches = peer.podSelector === null || selectorMatches(peer.podSelector, pod.labels);
    // Both selectors in one peer: the pods matching podSelector in the namespaces matching namespaceSelector.
    const match = allMatch([inNamespace, podMatches]);
    if (match !== false && pod.hostNetwork) {
      doubts.push(
        `pod ${pod.namespace}/${pod.name} uses the node's network, so its traffic may carry the node's address`,
      );
      return 'unknown';
    }
    return match;
  }

  private namespaceMatches(selector: LabelSelector, name: string, doubts: Doubts): Match {
    const namespace = this.namespaces.get(name);
    const labels = namespace?.labels ?? { [namespaceNameLabel]: name };
    if (namespace?.declared) return selectorMatches(selector, labels);
    // Only the name label of a namespace the import lacks is known: decide on it where it suffices.
    const byName: LabelSelector = {
      matchLabels: Object.fromEntries(
        Object.entries(selector.matchLabels).filter(([k]) => k === namespaceNameLabel),
      ),
      matchExpressions: selector.matchExpressions.filter((e) => e.key === namespaceNameLabel),
    };
    if (!selectorMatches(byName, labels)) return false;
    if (selectorKeys(selector).every((key) => key === namespaceNameLabel)) return true;
    doubts.push(`the import lacks namespace ${name}, so its labels are unknown`);
    return 'unknown';
  }
}

/** The Network Policies page, "Network traffic filtering", on protocols other than TCP, UDP and SCTP. */
const undefinedProtocols =
  '"When a deny all network policy is defined, it is only guaranteed to deny TCP, UDP and SCTP connections. For other protocols, such as ARP or ICMP, the behaviour is undefined. The same applies to allow rules" (https://kubernetes.io/docs/concepts/services-networking/network-policies/#network-traffic-filtering)';

/** The Network Policies page on the traffic of a pod's own node. */
const ownNodeAllowed =
  '"traffic to and from the node where a Pod is running is always allowed, regardless of the IP address of the Pod or the node" (https://kubernetes.io/docs/concepts/services-networking/network-policies/)';

/** The same page, "NetworkPolicy and hostNetwork pods", on what plugins do with node traffic. */
const otherNodeUndefined =
  'how NetworkPolicy treats node addresses and host-network pods is up to the network plugin ("NetworkPolicy behaviour for hostNetwork pods is undefined"; in "the most common implementation", "Traffic to/from hostNetwork pods is treated the same as all other traffic to/from the node IP", https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods)';

/**
 * Whether a flow between the pod and the peer is node traffic: the peer is a node's address, or
 * either end is a host-network pod, whose traffic Kubernetes treats as the node's. 'own' when it is
 * the pod's own node, 'other' when another node or one the export does not tie to the pod, null
 * when the flow is no node traffic.
 */
function nodeTraffic(pod: Pod, peer: FlowPeer): 'own' | 'other' | null {
  if (peer.kind === 'node') return onNode(pod, peer.node, [peer.text]) ? 'own' : 'other';
  if (peer.kind !== 'pod' || !(pod.hostNetwork || peer.pod.hostNetwork)) return null;
  return onNode(pod, peer.pod.nodeName, peer.pod.hostIps) ? 'own' : 'other';
}

/** Whether the pod runs on the node of that name or with one of those addresses, as the export says. */
function onNode(pod: Pod, node: string | null, addresses: readonly string[]): boolean {
  if (pod.nodeName && pod.nodeName === node) return true;
  return pod.hostIps.some((ip) => addresses.some((other) => sameIp(ip, other)));
}

function sameIp(a: string, b: string): boolean {
  const [x, y] = [parseIp(a), parseIp(b)];
  return x !== null && y !== null && x.family === y.family && x.value === y.value;
}

/** A rule by its index, or (ruleIndex null) a selecting policy as a whole. */
export function policyRule(
  policy: NetworkPolicy,
  direction: 'ingress' | 'egress',
  ruleIndex: number | null,
): DecidingRule {
  const spec = childPath(policy.source.path, 'spec');
  const path = ruleIndex === null ? policy.source.path : childPath(childPath(spec, direction), ruleIndex);
  return {
    kind: 'network-policy-rule',
    namespace: policy.namespace,
    policy: policy.name,
    direction,
    ruleIndex,
    source: { file: policy.source.file, path },
  };
}

function ruleName(rule: DecidingRule): string {
  return rule.kind === 'network-policy-rule'
    ? `${rule.namespace}/${rule.policy} ${rule.direction}[${rule.ruleIndex}]`
    : rule.kind;
}

/**
 * Inside cidr and outside every except. For an address outside the cluster that decides. For a pod
 * it decides only a miss: whether an ipBlock selects pod IPs at all is the network plugin's choice
 * (Calico matches them, Cilium's CIDR rules select only peers outside the cluster), so a pod inside
 * the block is unknown.
 */
function ipBlockMatches(peer: PolicyPeer & { kind: 'ipBlock' }, end: FlowPeer, doubts: Doubts): Match {
  const block = peer.except.length > 0 ? `${peer.cidr} except ${peer.except.join(', ')}` : peer.cidr;
  if (end.address === null) {
    if (end.kind === 'pod')
      doubts.push(`pod ${end.pod.namespace}/${end.pod.name} has no known IP for ipBlock ${block}`);
    return 'unknown';
  }
  const address = end.address;
  const within = (text: string) => {
    const cidr = parseCidr(text);
    return cidr !== null && cidrContains(cidr, address);
  };
  const inside = within(peer.cidr) && !peer.except.some(within);
  if (!inside || end.kind === 'address') return inside;
  doubts.push(
    end.kind === 'pod'
      ? `pod ${end.pod.namespace}/${end.pod.name} is inside ipBlock ${block}, and whether ipBlock applies to pod IPs depends on the network plugin`
      : `${peerText(end)} is inside ipBlock ${block}, and whether ipBlock applies to node addresses depends on the network plugin`,
  );
  return 'unknown';
}

/**
 * The protocol must be the port's; a number (with endPort, a range) compares with the flow's port;
 * a name is looked up among the destination pod's container ports of that protocol.
 */
function portMatches(port: PolicyPort, destination: FlowPeer, traffic: Traffic): boolean {
  if (flowProtocolOf(port.protocol) !== traffic.protocol) return false;
  if (port.port === null) return true;
  if (traffic.port === null) return false;
  const wanted = traffic.port;
  if (typeof port.port === 'number') return wanted >= port.port && wanted <= (port.endPort ?? port.port);
  return namedPorts(destination, port.port, port.protocol).includes(wanted);
}

/**
 * The ports of one protocol that allowing rules (as allowingRules gives them) open towards the
 * destination: the same test as portMatches, for every port at once.
 */
export function portsAllowedBy(
  rules: readonly PolicyRule[] | null,
  destination: FlowPeer,
  protocol: KubeProtocol,
): PortSet {
  if (rules === null) return PortSet.all;
  return rules.reduce((open, rule) => open.union(rulePorts(rule, destination, protocol)), PortSet.empty);
}

function rulePorts(rule: PolicyRule, destination: FlowPeer, protocol: KubeProtocol): PortSet {
  if (rule.ports === null) return PortSet.all;
  return rule.ports
    .filter((port) => port.protocol === protocol)
    .reduce((open, port) => {
      if (port.port === null) return PortSet.all;
      if (typeof port.port === 'number')
        return open.union(PortSet.range(port.port, port.endPort ?? port.port));
      return namedPorts(destination, port.port, protocol).reduce((set, n) => set.union(PortSet.of(n)), open);
    }, PortSet.empty);
}

/** A named port's numbers on the destination; a destination that is no pod names no ports. */
function namedPorts(destination: FlowPeer, name: string, protocol: KubeProtocol): number[] {
  if (destination.kind !== 'pod') return [];
  return destination.pod.ports.filter((p) => p.name === name && p.protocol === protocol).map((p) => p.port);
}

function peerText(peer: FlowPeer): string {
  if (peer.kind === 'pod') return `pod ${peer.pod.namespace}/${peer.pod.name}`;
  if (peer.kind === 'address') return peer.text;
  return peer.node === null ? `node address ${peer.text}` : `node ${peer.node} (${peer.text})`;
}

function anyMatch(matches: readonly Match[]): Match {
  if (matches.includes(true)) return true;
  return matches.includes('unknown') ? 'unknown' : false;
}

function allMatch(matches: readonly Match[]): Match {
  if (matches.includes(false)) return false;
  return matches.includes('unknown') ? 'unknown' : true;
}
