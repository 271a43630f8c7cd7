/** The intended application dependencies of Northwind Retail and their evaluation against the estate. */
import {
  type Blocker,
  type Endpoint,
  type External,
  evaluate,
  fail,
  type Protocol,
  type RuleRef,
  ruleKey,
} from './check';
import type { EniDef, Model } from './model';

export const externals = {
  internet: { name: 'internet', ip: '192.0.2.77', anywhere: true },
  'corp-office': { name: 'corp-office (pl corp-office-ranges)', ip: '198.51.100.23' },
  psp: { name: 'payment service provider (internet)', ip: '192.0.2.10' },
  s3: { name: 'Amazon S3 (pl com.amazonaws.eu-west-1.s3)', ip: '52.218.1.10' },
} satisfies Record<string, External>;

export interface Dependency {
  from: string;
  to: string;
  protocol: Protocol;
  /** Port for tcp/udp; ICMP type for icmp. */
  port: number;
  purpose: string;
  expect: 'allowed' | { blockedAt: Blocker['layer'] };
}

const scrapeTargets = [
  'web-frontend',
  'catalog-api',
  'search-api',
  'order-api',
  'order-worker',
  'fraud-scorer',
  'inventory-api',
  'stock-sync',
  'prometheus',
  'grafana',
  'jenkins',
  'build-agent',
  'bastion',
];

export const dependencies: Dependency[] = [
  {
    from: 'internet',
    to: 'northwind-web-alb',
    protocol: 'tcp',
    port: 443,
    purpose: 'shoppers (HTTPS)',
    expect: 'allowed',
  },
  {
    from: 'internet',
    to: 'northwind-web-alb',
    protocol: 'tcp',
    port: 80,
    purpose: 'HTTP to HTTPS redirect',
    expect: 'allowed',
  },
  {
    from: 'northwind-web-alb',
    to: 'web-frontend',
    protocol: 'tcp',
    port: 8080,
    purpose: 'ALB target group',
    expect: 'allowed',
  },
  {
    from: 'web-frontend',
    to: 'catalog-api',
    protocol: 'tcp',
    port: 8081,
    purpose: 'product pages',
    expect: 'allowed',
  },
  {
    from: 'web-frontend',
    to: 'search-api',
    protocol: 'tcp',
    port: 8083,
    purpose: 'search box',
    expect: 'allowed',
  },
  {
    from: 'web-frontend',
    to: 'order-api',
    protocol: 'tcp',
    port: 8080,
    purpose: 'checkout',
    expect: 'allowed',
  },
  {
    from: 'search-api',
    to: 'search-indexer',
    protocol: 'tcp',
    port: 9200,
    purpose: 'search queries',
    expect: 'allowed',
  },
  {
    from: 'search-indexer',
    to: 'catalog-api',
    protocol: 'tcp',
    port: 8081,
    purpose: 'catalog indexing',
    expect: 'allowed',
  },
  {
    from: 'catalog-api',
    to: 'inventory-api',
    protocol: 'tcp',
    port: 8082,
    purpose: 'stock levels',
    expect: 'allowed',
  },
  {
    from: 'order-api',
    to: 'inventory-api',
    protocol: 'tcp',
    port: 8082,
    purpose: 'stock reservation',
    expect: 'allowed',
  },
  {
    from: 'order-api',
    to: 'orders-db',
    protocol: 'tcp',
    port: 5432,
    purpose: 'orders database',
    expect: 'allowed',
  },
  {
    from: 'order-api',
    to: 'payment-gateway',
    protocol: 'tcp',
    port: 8443,
    purpose: 'authorise payment at checkout',
    expect: { blockedAt: 'security-group' },
  },
  {
    from: 'order-worker',
    to: 'order-api',
    protocol: 'tcp',
    port: 8080,
    purpose: 'order status callbacks',
    expect: 'allowed',
  },
  {
    from: 'order-worker',
    to: 'orders-db',
    protocol: 'tcp',
    port: 5432,
    purpose: 'fulfilment updates',
    expect: 'allowed',
  },
  {
    from: 'order-worker',
    to: 'sqs-endpoint',
    protocol: 'tcp',
    port: 443,
    purpose: 'SQS queue via interface endpoint',
    expect: 'allowed',
  },
  {
    from: 'orders-webhook',
    to: 'order-api',
    protocol: 'tcp',
    port: 8080,
    purpose: 'payment webhooks (Lambda)',
    expect: 'allowed',
  },
  {
    from: 'payment-gateway',
    to: 'fraud-scorer',
    protocol: 'tcp',
    port: 8090,
    purpose: 'fraud score',
    expect: 'allowed',
  },
  {
    from: 'fraud-scorer',
    to: 'payment-gateway',
    protocol: 'tcp',
    port: 8443,
    purpose: 'score callback',
    expect: 'allowed',
  },
  {
    from: 'payment-gateway',
    to: 'psp',
    protocol: 'tcp',
    port: 443,
    purpose: 'card authorisation via NAT',
    expect: 'allowed',
  },
  {
    from: 'fraud-scorer',
    to: 's3',
    protocol: 'tcp',
    port: 443,
    purpose: 'model artefacts via S3 gateway endpoint',
    expect: 'allowed',
  },
  {
    from: 'stock-sync',
    to: 'inventory-api',
    protocol: 'tcp',
    port: 8082,
    purpose: 'stock updates',
    expect: 'allowed',
  },
  {
    from: 'stock-sync',
    to: 'orders-db',
    protocol: 'tcp',
    port: 5432,
    purpose: 'read order lines for replenishment',
    expect: { blockedAt: 'nacl' },
  },
  ...scrapeTargets.map(
    (to): Dependency => ({
      from: 'prometheus',
      to,
      protocol: 'tcp',
      port: 9100,
      purpose: 'node_exporter scrape',
      expect: 'allowed',
    }),
  ),
  {
    from: 'grafana',
    to: 'prometheus',
    protocol: 'tcp',
    port: 9090,
    purpose: 'dashboards query',
    expect: 'allowed',
  },
  {
    from: 'corp-office',
    to: 'bastion',
    protocol: 'tcp',
    port: 22,
    purpose: 'SSH from the office',
    expect: 'allowed',
  },
  {
    from: 'corp-office',
    to: 'bastion',
    protocol: 'icmp',
    port: 8,
    purpose: 'ping (echo request)',
    expect: 'allowed',
  },
  {
    from: 'bastion',
    to: 'grafana',
    protocol: 'tcp',
    port: 3000,
    purpose: 'Grafana UI through SSH tunnel',
    expect: 'allowed',
  },
  {
    from: 'bastion',
    to: 'jenkins',
    protocol: 'tcp',
    port: 8080,
    purpose: 'Jenkins UI through SSH tunnel',
    expect: 'allowed',
  },
  {
    from: 'bastion',
    to: 'web-frontend',
    protocol: 'tcp',
    port: 22,
    purpose: 'admin SSH over peering',
    expect: 'allowed',
  },
  {
    from: 'bastion',
    to: 'catalog-api',
    protocol: 'tcp',
    port: 22,
    purpose: 'admin SSH over peering',
    expect: 'allowed',
  },
  {
    from: 'jenkins',
    to: 'build-agent',
    protocol: 'tcp',
    port: 22,
    purpose: 'controller launches agents',
    expect: 'allowed',
  },
  {
    from: 'build-agent',
    to: 'jenkins',
    protocol: 'tcp',
    port: 50000,
    purpose: 'agent inbound (JNLP)',
    expect: 'allowed',
  },
];

export function enisOf(model: Model, name: string, role: 'source' | 'destination'): EniDef[] {
  const list =
    name === 'sqs-endpoint'
      ? model.enis.filter((e) => e.kind === 'vpc-endpoint')
      : model.enis.filter((e) => e.owner?.service === name);
  if (list.length === 0) fail(`dependency endpoint ${name} has no ENIs`);
  // An instance initiates from its primary interface.
  return role === 'source' ? list.filter((e) => e.attachment.deviceIndex === 0 || !e.instance) : list;
}

function endpoints(model: Model, name: string, role: 'source' | 'destination'): Endpoint[] {
  const ext = (externals as Record<string, External>)[name];
  if (ext) return [{ external: ext }];
  const enis = enisOf(model, name, role);
  // The internet only reaches interfaces with a public address.
  return enis.map((eni) => ({ eni }));
}

/** The (source, destination) pairs of a dependency: every flow the evaluator checks and flow logs record. */
export function flowPairs(model: Model, d: Dependency): [Endpoint, Endpoint][] {
  const fromExternal = d.from in externals;
  const pairs: [Endpoint, Endpoint][] = [];
  for (const src of endpoints(model, d.from, 'source')) {
    for (const dst of endpoints(model, d.to, 'destination')) {
      if ('eni' in src && 'eni' in dst && src.eni === dst.eni) continue;
      if (fromExternal && 'eni' in dst && !dst.eni.publicIp) continue;
      pairs.push([src, dst]);
    }
  }
  return pairs;
}

/**
 * The rules a flow needs: on each side, the most specific of the rules that allow it (group reference over
 * prefix list over CIDR, longer prefix first, then the narrower port range). A wider rule that also matches
 * is redundant for that flow.
 */
function mostSpecific(rules: RuleRef[]): RuleRef[] {
  const score = (r: RuleRef): number[] => {
    const kind = r.peer.kind === 'sg' ? 3 : r.peer.kind === 'pl' ? 2 : 1;
    const bits = r.peer.kind === 'cidr' || r.peer.kind === 'cidr6' ? Number(r.peer.cidr.split('/')[1]) : 0;
    const p = r.permission;
    const span = p.protocol === '-1' ? 1 << 20 : (p.to ?? 0) - (p.from ?? 0);
    return [kind, bits, -span];
  };
  const better = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return false;
  };
  const out: RuleRef[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const side = rules.filter((r) => r.direction === direction);
    let best: number[] | null = null;
    for (const r of side) {
      const s = score(r);
      if (!best || better(s, best)) best = s;
    }
    for (const r of side) if (best && score(r).join() === best.join()) out.push(r);
  }
  return out;
}

export interface DependencyResult {
  dependency: Dependency;
  flows: number;
  allowedFlows: number;
  /** Distinct blockers by layer and the ACL entry or groups that decide. */
  blockers: Map<string, Blocker>;
  blockedSources: Set<EniDef>;
  blockedDestinations: Set<EniDef>;
}

export function evaluateDependencies(model: Model): {
  results: DependencyResult[];
  usedRules: Map<string, RuleRef>;
} {
  const usedRules = new Map<string, RuleRef>();
  const results: DependencyResult[] = [];
  for (const d of dependencies) {
    const result: DependencyResult = {
      dependency: d,
      flows: 0,
      allowedFlows: 0,
      blockers: new Map(),
      blockedSources: new Set(),
      blockedDestinations: new Set(),
    };
    for (const [src, dst] of flowPairs(model, d)) {
      const r = evaluate(model, src, dst, d.protocol, d.port);
      result.flows++;
      if (r.allowed) {
        result.allowedFlows++;
        for (const rule of mostSpecific(r.rules)) usedRules.set(ruleKey(rule), rule);
      }
      if (!r.allowed && 'eni' in src) result.blockedSources.add(src.eni);
      if (!r.allowed && 'eni' in dst) result.blockedDestinations.add(dst.eni);
      for (const b of r.blockers) {
        result.blockers.set(
          [b.layer, b.aclId, b.aclDirection, b.aclRule, b.groupIds?.join('+')].join('|'),
          b,
        );
      }
    }
    if (result.flows === 0) fail(`dependency ${d.from} -> ${d.to} has no flows`);
    if (d.expect === 'allowed') {
      if (result.allowedFlows !== result.flows) {
        fail(
          `${d.from} -> ${d.to} ${d.protocol}/${d.port} should be allowed: ${[...result.blockers.values()].map((b) => b.detail).join('; ')}`,
        );
      }
    } else {
      const expected = d.expect.blockedAt;
      if (result.allowedFlows !== 0) fail(`${d.from} -> ${d.to} should be blocked on every flow`);
      const layers = new Set([...result.blockers.values()].map((b) => b.layer));
      if (layers.size !== 1 || !layers.has(expected)) {
        fail(`${d.from} -> ${d.to} should be blocked only at ${expected}, got ${[...layers].join(', ')}`);
      }
    }
    results.push(result);
  }
  return { results, usedRules };
}
