import { describe, expect, it } from 'vitest';
import { EndpointError, FlowError } from '../../../main/core/analysis/errors';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { FlowVerdict } from '../../../main/core/analysis/verdict';
import { PodFlows, readKubernetesFiles } from '../../../main/core/kubernetes';
import { clusterOnly, clusterWith, fixture, textFile } from './files';

/** The fixture cluster with these policies (YAML documents), asked one flow. */
function check(
  policies: string,
  source: string,
  destination: string,
  protocol = 'tcp',
  port: number | null = 8080,
) {
  const flows = new PodFlows(
    policies === '' ? clusterWith() : clusterWith(textFile('policies.yaml', policies)),
  );
  return flows.check(source, destination, { protocol, port }) as FlowVerdict;
}

function outcomes(verdict: FlowVerdict): string {
  return `${verdict.explanation.map((l) => `${l.layer}=${l.verdict}`).join(' ')} => ${verdict.allowed}`;
}

function policy(name: string, spec: string, namespace = 'shop'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec}\n---\n`;
}

const denyIngress = policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]');

describe('isolation: a pod is open in a direction until a policy of that direction selects it', () => {
  it('allows both directions with no policy at all', () => {
    expect(outcomes(check('', 'shop/web', 'shop/api'))).toBe('k8s-egress=allow k8s-ingress=allow => true');
  });

  it('an Ingress-only policy leaves the egress of the pods it selects open', () => {
    const verdict = check(denyIngress, 'shop/api', 'billing/pay', 'tcp', 8443);
    expect(outcomes(verdict)).toBe('k8s-egress=allow k8s-ingress=allow => true');
  });

  it('a policy isolates only pods of its own namespace, even with podSelector {}', () => {
    const inBilling = policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]', 'billing');
    expect(check(inBilling, 'shop/web', 'shop/api').allowed).toBe(true);
    expect(check(inBilling, 'shop/web', 'billing/pay', 'tcp', 8443).allowed).toBe(false);
  });

  it('a policy whose podSelector does not match the pod does not isolate it', () => {
    const onlyDb = policy('db', '  podSelector:\n    matchLabels: {app: db}\n  policyTypes: [Ingress]');
    expect(check(onlyDb, 'shop/web', 'shop/api').allowed).toBe(true);
    expect(check(onlyDb, 'shop/web', 'shop/db', 'tcp', 5432).allowed).toBe(false);
  });

  it('a missing spec.podSelector selects every pod of the namespace, as {} does', () => {
    const noSelector = policy('all', '  policyTypes: [Ingress]');
    expect(check(noSelector, 'billing/pay', 'shop/api').allowed).toBe(false);
  });
});

describe('policyTypes and its default', () => {
  it('defaults to Ingress only when there is no egress rule, so egress stays open', () => {
    const verdict = check(policy('p', '  podSelector: {}'), 'shop/web', 'billing/pay', 'tcp', 8443);
    expect(outcomes(verdict)).toBe('k8s-egress=allow k8s-ingress=allow => true');
    expect(check(policy('p', '  podSelector: {}'), 'billing/pay', 'shop/web').allowed).toBe(false);
  });

  it('an empty egress list does not make a policy an Egress policy', () => {
    const verdict = check(
      policy('p', '  podSelector: {}\n  egress: []'),
      'shop/web',
      'billing/pay',
      'tcp',
      8443,
    );
    expect(verdict.explanation[0]?.verdict).toBe('allow');
  });

  it('an egress rule without policyTypes makes it Ingress and Egress', () => {
    const spec = '  podSelector: {}\n  egress:\n  - to:\n    - podSelector: {}';
    expect(outcomes(check(policy('p', spec), 'shop/web', 'billing/pay', 'tcp', 8443))).toBe(
      'k8s-egress=deny k8s-ingress=allow => false',
    );
    expect(outcomes(check(policy('p', spec), 'shop/web', 'shop/api'))).toBe(
      'k8s-egress=allow k8s-ingress=deny => false',
    );
  });

  it('written policyTypes win: egress rules of an Ingress-only policy are ignored', () => {
    const spec = '  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - to:\n    - podSelector: {}';
    expect(check(policy('p', spec), 'shop/web', 'billing/pay', 'tcp', 8443).explanation[0]?.verdict).toBe(
      'allow',
    );
  });

  it('an Egress-only policy leaves ingress open even with ingress rules written', () => {
    const spec = '  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n  - from:\n    - podSelector: {}';
    expect(outcomes(check(policy('p', spec), 'billing/pay', 'shop/api'))).toBe(
      'k8s-egress=allow k8s-ingress=allow => true',
    );
  });
});

describe('empty versus missing from, to, ports and rules', () => {
  it('an Ingress policy with ingress: [] allows nothing in', () => {
    const verdict = check(
      policy('p', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: []'),
      'shop/web',
      'shop/api',
    );
    expect(verdict.allowed).toBe(false);
    expect(verdict.explanation[1]?.reason).toBe(
      'pod shop/api-5f6d7c8b9-k8s7q is selected by shop/p (Ingress); none of their rules allows tcp/8080 from pod shop/web-7d4b9c6f5-q9w2e',
    );
  });

  it('a rule with no from and no ports allows everything', () => {
    expect(
      check(policy('p', '  podSelector: {}\n  ingress:\n  - {}'), '203.0.113.9', 'shop/api').allowed,
    ).toBe(true);
  });

  it('from: [] matches every source, like a missing from', () => {
    const spec = '  podSelector: {}\n  ingress:\n  - from: []\n    ports:\n    - port: 8080';
    expect(check(policy('p', spec), 'billing/pay', 'shop/api').allowed).toBe(true);
    expect(check(policy('p', spec), '203.0.113.9', 'shop/api').allowed).toBe(true);
    expect(check(policy('p', spec), 'billing/pay', 'shop/api', 'tcp', 9090).allowed).toBe(false);
  });

  it('ports: [] matches every port of every protocol, like missing ports', () => {
    const spec = '  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n    ports: []';
    expect(check(policy('p', spec), 'shop/web', 'shop/api', 'udp', 9999).allowed).toBe(true);
    expect(check(policy('p', spec), 'shop/web', 'shop/api', '132', 3868).allowed).toBe(true);
  });

  it('to: [] matches every destination', () => {
    const spec = '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: []';
    expect(check(policy('p', spec), 'shop/web', '198.51.100.1', 'tcp', 443).allowed).toBe(true);
  });
});

describe('allowed is the union over the selecting policies', () => {
  it('one allowing rule in any selecting policy is enough, and is named', () => {
    const allow = policy(
      'allow-web',
      '  podSelector: {}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: web}',
    );
    const verdict = check(denyIngress + allow, 'shop/web', 'shop/api');
    expect(verdict.allowed).toBe(true);
    expect(verdict.explanation[1]?.rules).toEqual([
      {
        kind: 'network-policy-rule',
        namespace: 'shop',
        policy: 'allow-web',
        direction: 'ingress',
        ruleIndex: 0,
        source: { file: 'policies.yaml', path: 'doc 2 $.spec.ingress[0]' },
      },
    ]);
  });

  it('every allowing rule is listed, across policies', () => {
    const a = policy(
      'a',
      '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 9090\n  - ports:\n    - port: 8080',
    );
    const b = policy('b', '  podSelector: {}\n  ingress:\n  - {}');
    const rules = check(a + b, 'shop/web', 'shop/api').explanation[1]?.rules;
    expect(
      rules?.map((r) => (r.kind === 'network-policy-rule' ? `${r.policy}[${r.ruleIndex}]` : '')),
    ).toEqual(['a[1]', 'b[0]']);
  });

  it('a flow needs both the source egress and the destination ingress', () => {
    const egressDeny = policy(
      'no-egress',
      '  podSelector:\n    matchLabels: {app: web}\n  policyTypes: [Egress]',
    );
    expect(outcomes(check(egressDeny, 'shop/web', 'shop/api'))).toBe(
      'k8s-egress=deny k8s-ingress=allow => false',
    );
    expect(outcomes(check(denyIngress, 'shop/web', 'shop/api'))).toBe(
      'k8s-egress=allow k8s-ingress=deny => false',
    );
    expect(outcomes(check(egressDeny + denyIngress, 'shop/web', 'shop/api'))).toBe(
      'k8s-egress=deny k8s-ingress=deny => false',
    );
  });
});

describe('peers', () => {
  const from = (peers: string) =>
    policy('p', `  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - from:\n${peers}`);

  it('a podSelector alone selects pods of the policy namespace only', () => {
    const spec = from('    - podSelector:\n        matchLabels: {app: pay}');
    expect(check(spec, 'billing/pay', 'shop/api').allowed).toBe(false);
  });

  it('namespaceSelector {} selects every pod of every namespace, but no address outside', () => {
    const spec = from('    - namespaceSelector: {}');
    expect(check(spec, 'billing/pay', 'shop/api').allowed).toBe(true);
    expect(check(spec, 'monitoring/prometheus-0', 'shop/api').allowed).toBe(true);
    expect(check(spec, '10.0.9.9', 'shop/api').allowed).toBe(false);
  });

  it('both selectors in one peer must both match (AND)', () => {
    const spec = from(
      '    - namespaceSelector:\n        matchLabels: {team: billing}\n      podSelector:\n        matchLabels: {app: other}',
    );
    expect(check(spec, 'billing/pay', 'shop/api').allowed).toBe(false);
  });

  it('namespaces are selected by kubernetes.io/metadata.name even when a Namespace object lacks it', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: batch\n---\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job-1\n  namespace: batch\nspec:\n  containers: []\nstatus:\n  podIP: 10.244.9.9\n---\n';
    const spec = from(
      '    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: batch',
    );
    expect(check(namespace + pod + spec, 'batch/job-1', 'shop/api').allowed).toBe(true);
    expect(check(namespace + pod + spec, 'billing/pay', 'shop/api').allowed).toBe(false);
  });

  it('a namespace the import lacks is decided by its name, and unknown on any other label', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job-1\n  namespace: batch\nspec:\n  containers: []\nstatus:\n  podIP: 10.244.9.9\n---\n';
    const byName = from(
      '    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: batch',
    );
    const byTeam = from('    - namespaceSelector:\n        matchLabels: {team: batch}');
    const otherName = from(
      '    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: nightly\n          team: batch',
    );
    expect(check(pod + byName, 'batch/job-1', 'shop/api').allowed).toBe(true);
    const unknown = check(pod + byTeam, 'batch/job-1', 'shop/api');
    expect(unknown.allowed).toBe('unknown');
    expect(unknown.explanation[1]?.reason).toContain(
      'the import lacks namespace batch, so its labels are unknown',
    );
    expect(check(pod + otherName, 'batch/job-1', 'shop/api').allowed).toBe(false);
  });

  it('matchExpressions In, NotIn, Exists and DoesNotExist select pods as label selectors do', () => {
    const expr = (e: string) =>
      from(`    - namespaceSelector: {}\n      podSelector:\n        matchExpressions:\n${e}`);
    const cases: [string, string, boolean][] = [
      ['        - {key: app, operator: In, values: [pay, other]}', 'billing/pay', true],
      ['        - {key: app, operator: In, values: [other]}', 'billing/pay', false],
      ['        - {key: app, operator: NotIn, values: [pay]}', 'billing/pay', false],
      ['        - {key: app, operator: NotIn, values: [web]}', 'billing/pay', true],
      // A pod without the key is not in the set: NotIn matches it.
      ['        - {key: tier, operator: NotIn, values: [front]}', 'billing/pay', true],
      ['        - {key: k8s-app, operator: Exists}', 'kube-system/coredns-5d78c9869d-7kx2p', true],
      ['        - {key: k8s-app, operator: Exists}', 'billing/pay', false],
      ['        - {key: k8s-app, operator: DoesNotExist}', 'billing/pay', true],
      ['        - {key: k8s-app, operator: DoesNotExist}', 'kube-system/coredns-5d78c9869d-7kx2p', false],
    ];
    for (const [requirement, source, allowed] of cases) {
      expect({ requirement, allowed: check(expr(requirement), source, 'shop/api').allowed }).toEqual({
        requirement,
        allowed,
      });
    }
  });

  it('matchLabels and matchExpressions in one selector must both hold', () => {
    const spec = from(
      '    - namespaceSelector: {}\n      podSelector:\n        matchLabels: {app: pay}\n        matchExpressions:\n        - {key: pod-template-hash, operator: In, values: [nope]}',
    );
    expect(check(spec, 'billing/pay', 'shop/api').allowed).toBe(false);
  });

  it('ipBlock decides an address outside the cluster by cidr and except', () => {
    const spec = from('    - ipBlock:\n        cidr: 10.244.0.0/16\n        except: [10.244.1.0/24]');
    expect(check(spec, '10.244.200.1', 'shop/api').allowed).toBe(true);
    expect(check(spec, '10.244.1.200', 'shop/api').allowed).toBe(false);
    expect(check(spec, '10.245.0.1', 'shop/api').allowed).toBe(false);
  });

  it('ipBlock decides a pod only when it misses it: whether it selects pod IPs is the plugin’s choice', () => {
    const spec = from('    - ipBlock:\n        cidr: 10.244.0.0/16\n        except: [10.244.1.0/24]');
    const inside = check(spec, 'billing/pay', 'shop/api');
    expect(inside.allowed).toBe('unknown');
    expect(inside.explanation[1]?.reason).toContain(
      'pod billing/pay-6c9d8f7b5-zzq2w is inside ipBlock 10.244.0.0/16 except 10.244.1.0/24, and whether ipBlock applies to pod IPs depends on the network plugin',
    );
    expect(check(spec, 'shop/web-7d4b9c6f5-x2x9k', 'shop/api').allowed).toBe(false);
    const alsoBySelector = from(
      '    - ipBlock:\n        cidr: 10.244.0.0/16\n    - namespaceSelector:\n        matchLabels: {team: billing}',
    );
    expect(check(alsoBySelector, 'billing/pay', 'shop/api').allowed).toBe(true);
  });
});

describe('ports', () => {
  const ports = (list: string) => policy('p', `  podSelector: {}\n  ingress:\n  - ports:\n${list}`);

  it('a port without protocol is TCP', () => {
    expect(check(ports('    - port: 8080'), 'shop/web', 'shop/api', 'tcp', 8080).allowed).toBe(true);
    expect(check(ports('    - port: 8080'), 'shop/web', 'shop/api', 'udp', 8080).allowed).toBe(false);
  });

  it('a protocol without port is every port of that protocol', () => {
    expect(check(ports('    - protocol: UDP'), 'shop/web', 'shop/api', 'udp', 1).allowed).toBe(true);
    expect(check(ports('    - protocol: UDP'), 'shop/web', 'shop/api', 'tcp', 1).allowed).toBe(false);
  });

  it('SCTP is IP protocol 132', () => {
    expect(
      check(ports('    - {protocol: SCTP, port: 3868}'), 'shop/web', 'shop/api', '132', 3868).allowed,
    ).toBe(true);
    expect(
      check(ports('    - {protocol: SCTP, port: 3868}'), 'shop/web', 'shop/api', 'tcp', 3868).allowed,
    ).toBe(false);
  });

  describe('protocols other than TCP, UDP and SCTP: undefined, so unknown wherever a policy selects the pod', () => {
    const allowAll = policy('p', '  podSelector: {}\n  ingress:\n  - {}');
    it.each([
      ['a rule without ports or peers, which would allow it', allowAll, [0]],
      ['a rule with ports, which would not', ports('    - port: 8080'), []],
      ['a deny-all policy', denyIngress, []],
    ])('%s', (_, policies, mightAllow) => {
      for (const [protocol, port] of [
        ['icmp', 8],
        ['47', null],
      ] as const) {
        const verdict = check(policies, 'shop/web', 'shop/api', protocol, port);
        expect(outcomes(verdict)).toBe('k8s-egress=allow k8s-ingress=unknown => unknown');
        expect(verdict.explanation[1]?.reason).toContain(
          'For other protocols, such as ARP or ICMP, the behaviour is undefined',
        );
        // As for any unknown, the rules named are those that might allow it.
        const rules = verdict.explanation[1]?.rules ?? [];
        expect(rules.map((r) => r.kind === 'network-policy-rule' && r.ruleIndex)).toEqual(mightAllow);
      }
    });

    it('a pod no policy selects stays open to them', () => {
      expect(check(denyIngress, 'shop/api', 'billing/pay', 'icmp', 8).allowed).toBe(true);
    });
  });

  it('endPort includes both ends', () => {
    const range = ports('    - {port: 8000, endPort: 8080}');
    expect(
      [7999, 8000, 8080, 8081].map((p) => check(range, 'shop/web', 'shop/api', 'tcp', p).allowed),
    ).toEqual([false, true, true, false]);
  });

  it('a named port is looked up on the destination pod, with its protocol', () => {
    // api names 9090 "metrics"; coredns names udp 53 "dns".
    expect(check(ports('    - port: metrics'), 'shop/web', 'shop/api', 'tcp', 9090).allowed).toBe(true);
    expect(check(ports('    - port: metrics'), 'shop/web', 'shop/api', 'tcp', 8080).allowed).toBe(false);
    const dns = policy(
      'p',
      '  podSelector: {}\n  ingress:\n  - ports:\n    - {port: dns, protocol: UDP}',
      'kube-system',
    );
    expect(check(dns, 'shop/web', 'kube-system/coredns-5d78c9869d-7kx2p', 'udp', 53).allowed).toBe(true);
    const dnsTcp = policy('p', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: dns', 'kube-system');
    expect(check(dnsTcp, 'shop/web', 'kube-system/coredns-5d78c9869d-7kx2p', 'tcp', 53).allowed).toBe(false);
  });
});

describe('what the engine cannot decide, or does not model', () => {
  const pod = (extra: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n  namespace: shop\n  labels: {app: agent}\nspec:\n${extra}  containers: []\nstatus:\n  podIP: 10.0.1.15\n---\n`;

  it('a host-network pod is unknown: NetworkPolicy on it depends on the plugin', () => {
    const verdict = check(pod('  hostNetwork: true\n') + denyIngress, 'billing/pay', 'shop/agent');
    expect(verdict.allowed).toBe('unknown');
    expect(verdict.explanation[1]?.reason).toContain("uses the node's network");
  });

  it('an ipBlock facing a pod without an IP (a template) is unknown', () => {
    const manifests = readKubernetesFiles([fixture('helm/rendered.yaml')]).estate;
    const ipOnly = policy(
      'p',
      '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}',
      'default',
    );
    const withPolicy = readKubernetesFiles([
      fixture('helm/rendered.yaml'),
      textFile('p.yaml', ipOnly),
    ]).estate;
    const flow = { protocol: 'tcp', port: 8080 };
    expect(new PodFlows(manifests).check('default/checkout-redis', 'default/checkout', flow)?.allowed).toBe(
      true,
    );
    const verdict = new PodFlows(withPolicy).check('default/checkout-redis', 'default/checkout', flow);
    expect(verdict?.allowed).toBe('unknown');
    expect(verdict?.explanation[1]?.reason).toContain(
      'pod default/checkout-redis has no known IP for ipBlock 10.0.0.0/8',
    );
  });

  it('refuses a flow from a pod to itself', () => {
    expect(() => check('', 'shop/db', 'shop/db-0')).toThrow(FlowError);
  });

  it('names what it could not find', () => {
    expect(() => check('', 'shop/nothing', 'shop/api')).toThrow(EndpointError);
    expect(() => check('', 'shop/api', 'not-an-address')).toThrow(EndpointError);
  });

  it('leaves a flow between two non-pods to the cloud layers', () => {
    const flows = new PodFlows(clusterWith());
    expect(flows.check('10.0.0.1', '10.0.0.2', { protocol: 'tcp', port: 80 })).toBeNull();
  });
});

describe("traffic with a pod's node", () => {
  // Every pod of the fixture runs on node-a (10.0.1.15); agent shares that node's network, probe another's.
  const hostPod = (name: string, node: string, ip: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: ${name}}\nspec:\n  nodeName: ${node}\n  hostNetwork: true\n  containers: [{name: c, ports: [{containerPort: 9100}]}]\nstatus:\n  phase: Running\n  hostIP: ${ip}\n  podIP: ${ip}\n---\n`;
  const nodes = `${hostPod('agent', 'node-a', '10.0.1.15')}${hostPod('probe', 'node-b', '10.0.2.20')}`;
  const denyAll = policy('deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]');

  it("is always allowed with the pod's own node: its address, or a host-network pod on it", () => {
    const fromNode = check(nodes + denyAll, '10.0.1.15', 'shop/api');
    expect(outcomes(fromNode)).toBe('k8s-egress=not-applicable k8s-ingress=allow => true');
    expect(fromNode.explanation[0]?.reason).toBe(
      'the source 10.0.1.15 is the address of node node-a, not a pod, so no NetworkPolicy restricts its egress',
    );
    expect(fromNode.explanation[1]?.reason).toContain(
      '"traffic to and from the node where a Pod is running is always allowed, regardless of the IP address of the Pod or the node"',
    );
    expect(outcomes(check(nodes + denyAll, 'shop/agent', 'shop/api'))).toBe(
      'k8s-egress=allow k8s-ingress=allow => true',
    );
    expect(outcomes(check(nodes + denyAll, 'shop/api', 'shop/agent', 'tcp', 9100))).toBe(
      'k8s-egress=allow k8s-ingress=allow => true',
    );
    expect(check(nodes + denyAll, 'shop/api', '10.0.1.15', 'tcp', 10250).allowed).toBe(true);
  });

  it('is unknown, never denied, with another node: the plugin decides', () => {
    const fromOther = check(nodes + denyAll, '10.0.2.20', 'shop/api');
    expect(outcomes(fromOther)).toBe('k8s-egress=not-applicable k8s-ingress=unknown => unknown');
    expect(fromOther.explanation[1]?.reason).toContain(
      'none of their rules allows tcp/8080 from node node-b (10.0.2.20), but that is traffic with a node other than its own',
    );
    expect(fromOther.explanation[1]?.reason).toContain('the most common implementation');
    expect(outcomes(check(nodes + denyAll, 'shop/probe', 'shop/api'))).toBe(
      'k8s-egress=unknown k8s-ingress=unknown => unknown',
    );
    expect(outcomes(check(nodes + denyAll, 'shop/api', 'shop/probe', 'tcp', 9100))).toBe(
      'k8s-egress=unknown k8s-ingress=unknown => unknown',
    );
    // An ipBlock holding a node's address is no surer than one holding a pod's.
    const fromPrivate = policy(
      'p',
      '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}',
    );
    expect(check(nodes + fromPrivate, '10.0.2.20', 'shop/api').explanation[1]?.reason).toContain(
      'node node-b (10.0.2.20) is inside ipBlock 10.0.0.0/8, and whether ipBlock applies to node addresses depends on the network plugin',
    );
    // A rule that admits every source still decides.
    const fromAll = policy('p', '  podSelector: {}\n  ingress:\n  - ports: [{port: 8080}]');
    expect(check(nodes + fromAll, '10.0.2.20', 'shop/api').allowed).toBe(true);
  });

  it('leaves a flow between two nodes to the cloud layers', () => {
    const flows = new PodFlows(clusterWith(textFile('nodes.yaml', nodes)));
    expect(flows.check('10.0.1.15', '10.0.2.20', { protocol: 'tcp', port: 10250 })).toBeNull();
    // Named as a pod, a host-network pod is still one whose own policies depend on the plugin.
    expect(flows.check('shop/agent', '10.0.2.20', { protocol: 'tcp', port: 10250 })?.allowed).toBe('unknown');
  });

  it('says a node’s address is one when no ENI of the snapshot holds it', () => {
    const engine = new ReachabilityEngine(clusterOnly(clusterWith(textFile('nodes.yaml', nodes))));
    expect(() =>
      engine.check({ source: '10.0.1.15', destination: '10.0.2.20', protocol: 'tcp', port: 10250 }),
    ).toThrow(
      new EndpointError(
        'no ENI, instance or private IP "10.0.1.15" in this snapshot: 10.0.1.15 is the address of node node-a and 10.0.2.20 is the address of node node-b, and with no pod at either end the security groups, network ACLs and routes decide; import the AWS export of the nodes\' VPC',
      ),
    );
  });
});

describe('endpoints', () => {
  it('a pod named by name uses its address of the family the other end was given in', () => {
    const dual =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dual\n  namespace: shop\n  labels: {app: dual}\nspec:\n  containers: []\nstatus:\n  podIPs: [{ip: 10.244.5.5}, {ip: "fd00::5"}]\n---\n';
    const ipv6Only = policy(
      'v6',
      '  podSelector:\n    matchLabels: {app: dual}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: "2001:db8::/32"}',
    );
    const v6 = check(dual + ipv6Only, 'shop/dual', '2001:db8::1', 'tcp', 443);
    expect([v6.source.address, v6.allowed]).toEqual(['fd00::5', true]);
    const v4 = check(dual + ipv6Only, 'shop/dual', '192.0.2.1', 'tcp', 443);
    expect([v4.source.address, v4.allowed]).toEqual(['10.244.5.5', false]);
  });

  it('a controller name stands for its first pod by name; a pod IP for its pod', () => {
    const verdict = check('', 'shop/web', '10.244.1.11');
    expect(verdict.source).toEqual({
      input: 'shop/web',
      workloadId: 'shop/web-7d4b9c6f5-q9w2e',
      address: '10.244.2.10',
      subnetId: 'shop',
      vpcId: 'kubernetes',
    });
    expect(verdict.destination.workloadId).toBe('shop/api-5f6d7c8b9-k8s7q');
  });

  it('a Service port is checked at the pod port it targets, a named targetPort resolved on the pod', () => {
    const onlyHttp = policy('p', '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 8080');
    const verdict = check(onlyHttp, 'billing/pay', 'shop/storefront', 'tcp', 80);
    expect(verdict.port).toBe(8080);
    expect(verdict.allowed).toBe(true);
    expect(verdict.destination.workloadId).toBe('shop/web-7d4b9c6f5-q9w2e');
    expect(() => check('', 'billing/pay', 'shop/storefront', 'tcp', 81)).toThrow('has no tcp port 81');
    const byClusterIp = check(onlyHttp, 'billing/pay', '10.96.12.40', 'tcp', 80);
    expect([byClusterIp.destination.workloadId, byClusterIp.port, byClusterIp.allowed]).toEqual([
      'shop/web-7d4b9c6f5-q9w2e',
      8080,
      true,
    ]);
  });

  describe('a Service or controller is decided at a pod that can take traffic', () => {
    const webPod = (name: string, status: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: web}\nspec:\n  containers: [{name: web, ports: [{name: http, containerPort: 8080}]}]\nstatus: ${status}\n---\n`;
    // Sorted by name before the fixture's web-7d4b9c6f5-q9w2e, which the export does not say is Ready.
    const rollout =
      webPod('web-7d4b9c6f5-aaaaa', '{phase: Pending}') +
      webPod('web-7d4b9c6f5-aaaab', '{phase: Pending, podIP: 10.244.2.40}') +
      webPod(
        'web-7d4b9c6f5-bbbbb',
        '{phase: Running, podIP: 10.244.2.41, conditions: [{type: Ready, status: "False"}]}',
      );
    const ready = webPod(
      'web-7d4b9c6f5-zzzzz',
      '{phase: Running, podIP: 10.244.2.42, conditions: [{type: Ready, status: "True"}]}',
    );
    const externalOnly = policy(
      'p',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0, except: [10.244.0.0/16]}',
      'billing',
    );
    const at = (policies: string, destination: string, port: number) => {
      const verdict = check(policies, 'billing/pay', destination, 'tcp', port);
      return [verdict.destination.workloadId, verdict.destination.address, verdict.allowed];
    };

    it('never a Pending pod or one without an IP, which no EndpointSlice lists; Ready first, then by name', () => {
      const running = ['shop/web-7d4b9c6f5-q9w2e', '10.244.2.10', false];
      expect(at(rollout + externalOnly, 'shop/storefront', 80)).toEqual(running);
      expect(at(rollout + externalOnly, '10.96.12.40', 80)).toEqual(running);
      expect(at(rollout + externalOnly, 'shop/web', 8080)).toEqual(running);
      const readyOne = ['shop/web-7d4b9c6f5-zzzzz', '10.244.2.42', false];
      expect(at(rollout + ready + externalOnly, 'shop/storefront', 80)).toEqual(readyOne);
      expect(at(rollout + ready + externalOnly, 'deployment/shop/web', 8080)).toEqual(readyOne);
    });

    it('says so when none can', () => {
      const queue = `${webPod('queue-0', '{phase: Pending}').replace('app: web', 'app: queue')}apiVersion: v1\nkind: Service\nmetadata: {name: queue, namespace: shop}\nspec:\n  selector: {app: queue}\n  ports: [{port: 80, targetPort: http}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: queue, namespace: shop}\nspec:\n  selector: {matchLabels: {app: queue}}\n  template: {metadata: {labels: {app: queue}}, spec: {containers: []}}\n---\n`;
      expect(() => at(queue, 'service/shop/queue', 80)).toThrow(
        'service shop/queue (service/shop/queue) selects no pod in this snapshot that can take traffic: shop/queue-0 is Pending',
      );
      expect(() => at(queue, 'sts/shop/queue', 8080)).toThrow(
        'StatefulSet shop/queue (sts/shop/queue) has no pod in this snapshot that can take traffic: shop/queue-0 is Pending',
      );
    });
  });

  describe('a name a Deployment and its Service share', () => {
    // Service shop/api next to Deployment shop/api, whose pods listen on 8080, 9090 and 32000.
    const service = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: admin, port: 8080, targetPort: 9090}
  - {name: callbacks, port: 32000}
---
`;
    const only8080 = policy(
      'p',
      '  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - ports:\n    - port: 8080',
    );
    const at = (destination: string, port: number) => {
      const verdict = check(service + only8080, 'billing/pay', destination, 'tcp', port);
      return [verdict.destination.workloadId, verdict.port, verdict.allowed];
    };
    const pod = 'shop/api-5f6d7c8b9-k8s7q';

    it('a port only the Service has is a Service port, checked where it forwards, as by cluster IP', () => {
      expect(at('shop/api', 80)).toEqual([pod, 8080, true]);
    });

    it('a port only the pods have is a pod port', () => {
      expect(at('shop/api', 9090)).toEqual([pod, 9090, false]);
    });

    it('a port of both is refused unless the Service forwards it to itself, naming the qualifiers', () => {
      expect(at('shop/api', 32000)).toEqual([pod, 32000, false]);
      expect(() => at('shop/api', 8080)).toThrow(
        'shop/api names both Deployment shop/api and Service shop/api, and tcp/8080 is a port of both (the Service forwards it to 9090): write service/shop/api for the Service port or deployment/shop/api for the pod port',
      );
      expect(() => at('shop/api', 8080)).toThrow(EndpointError);
    });

    it("kubectl's kind in front says which is meant", () => {
      expect(at('service/shop/api', 8080)).toEqual([pod, 9090, false]);
      expect(at('svc/shop/api', 80)).toEqual([pod, 8080, true]);
      expect(at('deployment/shop/api', 8080)).toEqual([pod, 8080, true]);
      expect(at('deploy/shop/api', 80)).toEqual([pod, 80, false]);
      // Plural, any case, and with the API group kubectl prints (`deployment.apps/web`).
      expect(at('Services/shop/api', 8080)).toEqual([pod, 9090, false]);
      expect(at('deployment.apps/shop/api', 8080)).toEqual([pod, 8080, true]);
      expect(at('deployments.v1.apps/shop/api', 80)).toEqual([pod, 80, false]);
      expect(at(`pod/${pod}`, 8080)).toEqual([pod, 8080, true]);
      expect(() => at('statefulset/shop/api', 80)).toThrow(
        'no StatefulSet "statefulset/shop/api" in this snapshot',
      );
      expect(() => at('service/shop/web', 80)).toThrow('no Service "service/shop/web" in this snapshot');
      expect(() => at('job/shop/api', 80)).toThrow('job is no kind an endpoint names');
    });

    it('as the source, the name is its pods: no port of the source is asked', () => {
      const verdict = check(service, 'shop/api', 'billing/pay', 'tcp', 8443);
      expect([verdict.source.workloadId, verdict.port]).toEqual([pod, 8443]);
    });
  });
});
