import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodFlows, readKubernetesFiles } from '../../../main/core/kubernetes';

/**
 * Random small clusters, written as a kubectl List and imported, checked flow by flow against a
 * literal reading of the networking.k8s.io/v1 field descriptions over the raw JSON, written apart
 * from the engine: its own defaults, its own selector and CIDR arithmetic. Pods run on two nodes,
 * some on the node's network, and flows include ICMP: the Network Policies page's rules on node
 * traffic and on protocols other than TCP, UDP and SCTP hold too.
 */
type Json = Record<string, unknown>;
type Labels = Record<string, string>;

const namespaces = ['n0', 'n1', 'n2'];
const labelKeys = ['a', 'b', 'kubernetes.io/metadata.name'];
const labelValues = ['x', 'y', 'n0', 'n1'];

const labels = fc
  .record({
    a: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    b: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Labels);

const requirement = fc.oneof(
  fc.record({
    key: fc.constantFrom(...labelKeys),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.subarray(labelValues, { minLength: 1 }),
  }),
  fc.record({ key: fc.constantFrom(...labelKeys), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);

const selector = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...labelKeys), fc.constantFrom(...labelValues), {
      maxKeys: 2,
    }),
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** Each cidr with the excepts strictly inside it; pods are 10.0.0.1 to 10.0.0.4. */
const ipBlocks: [string, string[]][] = [
  ['10.0.0.0/30', ['10.0.0.2/31', '10.0.0.1/32']],
  ['10.0.0.4/30', ['10.0.0.4/31']],
  ['10.0.0.0/29', ['10.0.0.0/30', '10.0.0.3/32']],
  ['0.0.0.0/0', ['10.0.0.0/8']],
];
const ipBlock = fc
  .constantFrom(...ipBlocks)
  .chain(([cidr, excepts]) =>
    fc
      .option(fc.subarray(excepts, { minLength: 1 }), { nil: undefined })
      .map((except) => ({ cidr, ...(except ? { except } : {}) })),
  );

const peer = fc.oneof(
  fc
    .record({ podSelector: selector, namespaceSelector: selector }, { requiredKeys: [] })
    .filter((p) => Object.keys(p).length > 0),
  ipBlock.map((block) => ({ ipBlock: block })),
);

const policyPort = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(80, 81, 'p1') },
    { requiredKeys: ['port'] },
  ),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: [] }),
  fc.record({ port: fc.constant(80), endPort: fc.constantFrom(80, 81) }),
);

const rule = (peersKey: 'from' | 'to') =>
  fc.record(
    {
      [peersKey]: fc.array(peer, { maxLength: 2 }),
      ports: fc.array(policyPort, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

const policy = fc.record({
  namespace: fc.constantFrom(...namespaces),
  spec: fc.record(
    {
      podSelector: selector,
      policyTypes: fc.constantFrom([], ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress']),
      ingress: fc.array(rule('from'), { maxLength: 2 }),
      egress: fc.array(rule('to'), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
});

/** Node name to address; 0.0.0.0/0 except 10.0.0.0/8 holds them, the other blocks do not. */
const nodes: Record<string, string> = { 'node-a': '172.16.0.1', 'node-b': '172.16.0.2' };

const pod = fc.record({
  namespace: fc.constantFrom(...namespaces),
  labels,
  port: fc.constantFrom(80, 81),
  protocol: fc.constantFrom('TCP', 'UDP'),
  node: fc.constantFrom(...Object.keys(nodes)),
  // One pod in four on the node's network.
  hostNetwork: fc.constantFrom(false, false, false, true),
});

const cluster = fc.record({
  namespaceLabels: fc.tuple(labels, labels, labels),
  pods: fc.array(pod, { minLength: 2, maxLength: 4 }),
  policies: fc.array(policy, { maxLength: 4 }),
});

type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;
type RawPolicy = Cluster['policies'][number];
type RawPod = Cluster['pods'][number] & { ip: string; name: string };
/**
 * The other end of a flow: a pod, or an address (no namespace, labels or ports), which is a node's
 * when some pod runs on that node.
 */
type RawEnd = RawPod | { ip: string; namespace?: undefined; node?: string };

const podIp = (p: Cluster['pods'][number], i: number) => (p.hostNetwork ? nodes[p.node] : `10.0.0.${i + 1}`);
const rawPods = (c: Cluster): RawPod[] =>
  c.pods.map((p, i) => ({ ...p, ip: podIp(p, i) as string, name: `pod${i}` }));
type Selector = {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

function toList(c: Cluster): Uint8Array {
  const items: Json[] = [
    ...namespaces.map((name, i) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: c.namespaceLabels[i] },
    })),
    ...c.pods.map((p, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod${i}`, namespace: p.namespace, labels: p.labels },
      spec: {
        nodeName: p.node,
        hostNetwork: p.hostNetwork,
        containers: [{ name: 'c', ports: [{ name: 'p1', containerPort: p.port, protocol: p.protocol }] }],
      },
      status: { phase: 'Running', hostIP: nodes[p.node], podIP: podIp(p, i) },
    })),
    ...c.policies.map((p, i) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: p.namespace },
      spec: p.spec,
    })),
  ];
  return new TextEncoder().encode(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
}

// The reference reading.

function selects(sel: Selector, target: Labels): boolean {
  const okLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => target[k] === v);
  const okExpressions = (sel.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const present = key in target;
    if (operator === 'In') return present && values.includes(target[key] as string);
    if (operator === 'NotIn') return !present || !values.includes(target[key] as string);
    return operator === 'Exists' ? present : !present;
  });
  return okLabels && okExpressions;
}

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipNumber(ip) / size) === Math.floor(ipNumber(base) / size);
}

function policyTypes(spec: RawPolicy['spec']): string[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return [...spec.policyTypes];
  return spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

type Verdict = 'allow' | 'deny' | 'unknown';

/** Any true wins; else any unknown; else false. */
function some3(values: readonly (boolean | 'unknown')[]): boolean | 'unknown' {
  return values.includes(true) ? true : values.includes('unknown') ? 'unknown' : false;
}

function referenceVerdict(
  c: Cluster,
  self: RawPod,
  type: 'Ingress' | 'Egress',
  other: RawEnd,
  protocol: string,
  port: number,
): Verdict {
  // Node traffic: the other end is a node's address or either end is on a node's network.
  const nodeTraffic =
    other.namespace === undefined ? other.node !== undefined : self.hostNetwork || other.hostNetwork;
  if (nodeTraffic && other.node === self.node) return 'allow';
  if (self.hostNetwork) return 'unknown';
  const nsLabels = (ns: string) => ({
    ...c.namespaceLabels[namespaces.indexOf(ns)],
    'kubernetes.io/metadata.name': ns,
  });
  const selecting = c.policies.filter(
    (p) =>
      p.namespace === self.namespace &&
      selects(p.spec.podSelector ?? {}, self.labels) &&
      policyTypes(p.spec).includes(type),
  );
  if (selecting.length === 0) return 'allow';
  if (!['tcp', 'udp'].includes(protocol)) return 'unknown';
  const destination = type === 'Ingress' ? self : other;
  const allowed = some3(
    selecting.flatMap((p) =>
      ((type === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? []).map((r: Json) => {
        const ports = r.ports as
          | { protocol?: string; port?: number | string; endPort?: number }[]
          | undefined;
        const portOk =
          !ports ||
          ports.length === 0 ||
          ports.some((q) => {
            if ((q.protocol ?? 'TCP').toLowerCase() !== protocol) return false;
            if (q.port === undefined) return true;
            if (typeof q.port === 'string') {
              if (destination.namespace === undefined) return false;
              return destination.protocol.toLowerCase() === protocol && destination.port === port;
            }
            return port >= q.port && port <= (q.endPort ?? q.port);
          });
        if (!portOk) return false;
        const peers = (r.from ?? r.to) as Json[] | undefined;
        if (!peers || peers.length === 0) return true;
        return some3(
          peers.map((q) => {
            const block = q.ipBlock as { cidr: string; except?: string[] } | undefined;
            if (block) {
              const inside =
                inCidr(other.ip, block.cidr) && !(block.except ?? []).some((e) => inCidr(other.ip, e));
              // Whether an ipBlock selects a pod's IP or a node's is up to the network plugin.
              return inside && (other.namespace !== undefined || other.node !== undefined)
                ? 'unknown'
                : inside;
            }
            if (other.namespace === undefined) return false;
            const nsSel = q.namespaceSelector as Selector | undefined;
            const podSel = q.podSelector as Selector | undefined;
            const nsOk = nsSel ? selects(nsSel, nsLabels(other.namespace)) : other.namespace === p.namespace;
            const match = nsOk && (!podSel || selects(podSel, other.labels));
            return match && other.hostNetwork ? 'unknown' : match;
          }),
        );
      }),
    ),
  );
  if (allowed === 'unknown' || (!allowed && nodeTraffic)) return 'unknown';
  return allowed ? 'allow' : 'deny';
}

describe('NetworkPolicy engine against a literal reading of the API', () => {
  it('agrees on every flow between every two pods of random clusters', () => {
    fc.assert(
      fc.property(
        cluster,
        fc.constantFrom('tcp', 'udp', 'icmp'),
        fc.constantFrom(80, 81, 82),
        (c, protocol, port) => {
          const estate = readKubernetesFiles([
            { name: 'c.json', data: toList(c), kind: 'kubernetes-json' },
          ]).estate;
          const flows = new PodFlows(estate);
          const pods = rawPods(c);
          for (const src of pods) {
            for (const dst of pods) {
              if (src === dst) continue;
              const verdict = flows.check(`${src.namespace}/${src.name}`, `${dst.namespace}/${dst.name}`, {
                protocol,
                port,
              });
              expect(verdict?.explanation.map((l) => l.verdict)).toEqual([
                referenceVerdict(c, src, 'Egress', dst, protocol, port),
                referenceVerdict(c, dst, 'Ingress', src, protocol, port),
              ]);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("agrees on flows between pods and addresses outside the cluster, or nodes' addresses", () => {
    const outside = ['10.0.0.9', '10.0.0.6', '192.168.1.1', ...Object.values(nodes)];
    fc.assert(
      fc.property(cluster, fc.constantFrom('tcp', 'udp'), fc.constantFrom(80, 81), (c, protocol, port) => {
        const estate = readKubernetesFiles([
          { name: 'c.json', data: toList(c), kind: 'kubernetes-json' },
        ]).estate;
        const flows = new PodFlows(estate);
        const pods = rawPods(c);
        // An address is a node's when some pod runs on that node.
        const nodeOf = (ip: string) => c.pods.find((p) => nodes[p.node] === ip)?.node;
        for (const pod of pods) {
          for (const ip of outside) {
            const end: RawEnd = { ip, node: nodeOf(ip) };
            const name = `${pod.namespace}/${pod.name}`;
            const out = flows.check(name, ip, { protocol, port });
            const into = flows.check(ip, name, { protocol, port });
            expect(out?.explanation.map((l) => l.verdict)).toEqual([
              referenceVerdict(c, pod, 'Egress', end, protocol, port),
              'not-applicable',
            ]);
            expect(into?.explanation.map((l) => l.verdict)).toEqual([
              'not-applicable',
              referenceVerdict(c, pod, 'Ingress', end, protocol, port),
            ]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
