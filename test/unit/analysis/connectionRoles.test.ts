import { describe, expect, it } from 'vitest';
import { computeFlowGraph } from '../../../main/core/analysis/flowGraph';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { AwsExportBuilder, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { layer, layers } from './scenario';

/**
 * vpc-a, one public subnet: eni-app and the interface endpoint eni-vpce share sg-open (everything in
 * and out); eni-gwlbe is a Gateway Load Balancer endpoint's interface, with no group.
 */
async function withEndpoints() {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .group('sg-open', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .group('sg-web', 'vpc-a', { ingress: [tcp(443, 443, anywhere)] })
    .eni('eni-app', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-open'] })
    .eni('eni-web', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-web'] })
    .vpcEndpoint('vpce-0api', 'eni-vpce', 'subnet-a', { ip: '10.0.1.30', groups: ['sg-open'] })
    .vpcEndpoint('vpce-0gwlb', 'eni-gwlbe', 'subnet-a', { ip: '10.0.1.40', gatewayLoadBalancer: true })
    .routeTable('rtb-a', 'vpc-a', { subnets: ['subnet-a'], routes: [route('0.0.0.0/0', 'igw-1')] })
    .estate();
}

describe('VPC endpoint interfaces open no connection of their own', () => {
  it('denies a flow from one at sg-egress, whatever its groups let out, and says why', async () => {
    const engine = new ReachabilityEngine(await withEndpoints());
    for (const source of ['eni-vpce', 'eni-gwlbe']) {
      const verdict = engine.check({ source, destination: 'eni-web', protocol: 'tcp', port: 443 });
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, 'sg-egress')).toEqual({
        layer: 'sg-egress',
        verdict: 'deny',
        reason: `${source} is a VPC endpoint's interface: it carries connections others open, under their addresses or as replies, and opens none of its own`,
        rules: [],
      });
    }
    // Out to the internet neither.
    const out = engine.check({
      source: 'eni-gwlbe',
      destination: '198.51.100.7',
      protocol: 'tcp',
      port: 443,
    });
    expect(layers(out)).toContain('sg-egress:deny');
    // A workload with the same groups opens what they let out, and the endpoint takes connections to it.
    expect(
      engine.check({ source: 'eni-app', destination: 'eni-web', protocol: 'tcp', port: 443 }).allowed,
    ).toBe(true);
    expect(
      engine.check({ source: 'eni-app', destination: 'eni-vpce', protocol: 'tcp', port: 443 }).allowed,
    ).toBe(true);
  });

  it('gives an endpoint a class of its own in the flow graph, with edges in and none out', async () => {
    const graph = computeFlowGraph(await withEndpoints());
    const classOf = (id: string) => graph.classes.find((one) => one.workloadIds.includes(id));
    const app = classOf('eni-app');
    const endpoint = classOf('eni-vpce');
    const gwlbe = classOf('eni-gwlbe');
    expect(endpoint).toBeDefined();
    expect(endpoint?.id).not.toBe(app?.id);
    const from = new Set<number>();
    const to = new Set<number>();
    graph.edges.forEach((source, destination) => {
      from.add(source);
      to.add(destination);
    });
    expect(from.has(endpoint?.id as number)).toBe(false);
    expect(from.has(gwlbe?.id as number)).toBe(false);
    expect(from.has(app?.id as number)).toBe(true);
    expect(to.has(endpoint?.id as number)).toBe(true);
  });
});

/**
 * vpc-a: eni-app may open anything and eni-web takes tcp/443 from anywhere; eni-tgw is the interface of
 * a transit gateway attachment in their subnet, with no group, as AWS creates it.
 */
async function withTransitGateway() {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .group('sg-open', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .group('sg-web', 'vpc-a', { ingress: [tcp(443, 443, anywhere)] })
    .eni('eni-app', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-open'] })
    .eni('eni-web', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-web'] })
    .transitGatewayInterface('tgw-attach-0a', 'eni-tgw', 'subnet-a', { ip: '10.0.1.50' })
    .estate();
}

describe("a transit gateway attachment's interfaces neither open nor take connections", () => {
  const reason = (eni: string, ending: string) =>
    `${eni} is a transit gateway attachment's interface: the transit gateway routes traffic between networks through it, under the addresses of their own workloads, and ${ending}`;

  it('is a workload of its own kind', async () => {
    const estate = await withTransitGateway();
    expect(estate.workloads.find((one) => one.id === 'eni-tgw')?.kind).toBe('transit-gateway');
  });

  it('denies flows from one at sg-egress and to one at sg-ingress, though it has no group, and says why', async () => {
    const engine = new ReachabilityEngine(await withTransitGateway());
    for (const [source, destination, denying, ending] of [
      ['eni-tgw', 'eni-web', 'sg-egress', 'opens none of its own'],
      ['eni-app', 'eni-tgw', 'sg-ingress', 'offers no service at its own'],
    ] as const) {
      const verdict = engine.check({ source, destination, protocol: 'tcp', port: 443 });
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, denying)).toEqual({
        layer: denying,
        verdict: 'deny',
        reason: reason('eni-tgw', ending),
        rules: [],
      });
    }
    const out = engine.check({ source: 'eni-tgw', destination: '198.51.100.7', protocol: 'tcp', port: 443 });
    expect(layers(out)).toContain('sg-egress:deny');
    // The same subnet, the same (lack of) filtering for an ordinary ENI: the kind alone decides.
    expect(
      engine.check({ source: 'eni-app', destination: 'eni-web', protocol: 'tcp', port: 443 }).allowed,
    ).toBe(true);
  });

  it('gives it a class of its own in the flow graph, with no edge in or out', async () => {
    const graph = computeFlowGraph(await withTransitGateway());
    const router = graph.classes.find((one) => one.workloadIds.includes('eni-tgw'));
    expect(router?.workloadIds).toEqual(['eni-tgw']);
    const ends = new Set<number>();
    graph.edges.forEach((source, destination) => {
      ends.add(source);
      ends.add(destination);
    });
    expect(ends.size).toBeGreaterThan(0);
    expect(ends.has(router?.id as number)).toBe(false);
  });
});

describe("a Lambda function's Hyperplane interface takes no connection", () => {
  /** eni-fn (orders-webhook) and eni-api share sg-open, which admits everything. */
  async function withFunction() {
    return new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .group('sg-open', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .eni('eni-api', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-open'] })
      .lambdaInterface('orders-webhook', 'eni-fn', 'subnet-a', { ip: '10.0.1.50', groups: ['sg-open'] })
      .estate();
  }

  it('denies a flow to it at sg-ingress, whatever its groups admit, and lets the function connect out', async () => {
    const estate = await withFunction();
    const engine = new ReachabilityEngine(estate);
    const to = engine.check({ source: 'eni-api', destination: 'eni-fn', protocol: 'tcp', port: 443 });
    expect(to.allowed).toBe(false);
    expect(layer(to, 'sg-ingress')).toMatchObject({
      verdict: 'deny',
      reason:
        "eni-fn is a Lambda function's Hyperplane interface: the function connects out through it, and nothing reaches the function at it (Lambda functions are invoked through Lambda's API)",
    });
    expect(
      engine.check({ source: 'eni-fn', destination: 'eni-api', protocol: 'tcp', port: 8080 }).allowed,
    ).toBe(true);
    const graph = computeFlowGraph(estate);
    const classOf = (id: string) => graph.classes.find((one) => one.workloadIds.includes(id))?.id;
    const [fn, api] = [classOf('eni-fn'), classOf('eni-api')];
    const pairs: [number, number][] = [];
    graph.edges.forEach((source, destination) => {
      pairs.push([source, destination]);
    });
    expect(pairs.some(([, destination]) => destination === fn)).toBe(false);
    expect(pairs).toContainEqual([fn, api]);
  });
});
