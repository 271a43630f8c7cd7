import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FlowVerdict, ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Workload } from '../../../main/core/domain/estate';
import { layer, layers } from './scenario';

/** The bundled Northwind Retail snapshot and its README, which documents every intended dependency. */
let engine: ReachabilityEngine;
let workloads: readonly Workload[];

beforeAll(async () => {
  const { estate } = await readAwsExport([{ kind: 'path', path: 'resources/sample/aws' }]);
  engine = new ReachabilityEngine(estate);
  workloads = estate.workloads;
});

const tcp = (source: string, destination: string, port: number): FlowVerdict =>
  engine.check({ source, destination, protocol: 'tcp', port });

describe('the sample estate', () => {
  it('denies stock-sync → orders-db on 5432 at the data subnets’ NACL, falling to rule 32767', () => {
    for (const source of ['eni-0b5be2d0910b12c9b', 'eni-034ebe09081b25fd5']) {
      for (const destination of ['eni-095ec1b4e3ae251c3', 'eni-0e3a317f7754049c7']) {
        const result = tcp(source, destination, 5432);
        expect(result.allowed).toBe(false);
        expect(layers(result).filter((one) => one.endsWith(':deny'))).toEqual(['nacl-inbound:deny']);
        expect(layer(result, 'nacl-inbound').rules).toMatchObject([
          {
            kind: 'network-acl-entry',
            aclId: 'acl-087b491100a2932b4',
            ruleNumber: 32767,
            egress: false,
            action: 'deny',
          },
        ]);
        expect(layer(result, 'sg-ingress').rules).toMatchObject([
          { groupId: 'sg-0619411f266f96a8d', peer: 'sg-0cf7caca1e2b8e64e' },
        ]);
      }
    }
  });

  it('denies order-api → payment-gateway on 8443 at the gateway’s security group', () => {
    const result = tcp('eni-06aeba120f9f0cbc2', 'eni-06967f8b83a9c8da0', 8443);
    expect(result.allowed).toBe(false);
    expect(layers(result).filter((one) => one.endsWith(':deny'))).toEqual(['sg-ingress:deny']);
    expect(layer(result, 'sg-ingress').reason).toBe(
      `no ingress rule of sg-0587bc80ef36fddd5 (payments-gateway) allows tcp/8443 from ${result.source.address}`,
    );
  });

  it('allows the ALB → web-frontend on 8080, naming the rules', () => {
    const result = tcp('eni-0a7f507e368e038cd', 'eni-06b92985795909555', 8080);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'sg-ingress').rules).toMatchObject([
      {
        kind: 'security-group-rule',
        direction: 'ingress',
        fromPort: 8080,
        toPort: 8080,
        peer: 'sg-087cae23e80e9b59c',
      },
    ]);
    expect(layer(result, 'sg-egress').rules).toMatchObject([
      { groupId: 'sg-087cae23e80e9b59c', direction: 'egress' },
    ]);
    expect(layer(result, 'route').rules).toMatchObject([{ target: 'local' }, { target: 'local' }]);
  });

  it('allows the bastion → web-frontend SSH across the peering, by routes on both sides', () => {
    const result = tcp('eni-0fb02ae3f5cee67b5', 'eni-06b92985795909555', 22);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'route').rules.map((rule) => rule.kind === 'route' && rule.target)).toEqual([
      'pcx-01f7c07e7d9cb4e7a',
      'pcx-01f7c07e7d9cb4e7a',
    ]);
    expect(layer(result, 'sg-ingress').rules).toMatchObject([{ peer: 'sg-0ef6445ac1a5f0d86' }]);
  });

  it('gives every documented internal dependency the documented result, flow by flow', () => {
    const dependencies = documentedDependencies();
    expect(dependencies.length).toBeGreaterThan(35);
    for (const dependency of dependencies) {
      const sources = workloads.filter((eni) => isPrimaryService(eni, dependency.from));
      const destinations = workloads.filter((eni) => eni.tags.service === dependency.to);
      const verdicts = sources.flatMap((source) =>
        destinations
          .filter((destination) => destination.id !== source.id)
          .map((destination) =>
            engine.check({
              source: source.id,
              destination: destination.id,
              protocol: dependency.protocol,
              port: dependency.port,
            }),
          ),
      );
      const summary = {
        dependency: dependency.line,
        flows: verdicts.length,
        results: [
          ...new Set(verdicts.map((verdict) => (verdict.allowed === true ? 'allowed' : deniedAt(verdict)))),
        ],
      };
      expect(summary).toEqual({
        dependency: dependency.line,
        flows: dependency.flows,
        results: [dependency.result],
      });
    }
  });
});

/** A service's sources are its primary ENIs: an instance's device 0, or a managed ENI (ALB, Lambda, RDS). */
function isPrimaryService(eni: Workload, service: string): boolean {
  return eni.tags.service === service && (eni.instanceId === null || eni.deviceIndex === 0);
}

function deniedAt(verdict: FlowVerdict): string {
  const denied = verdict.explanation.filter(
    (one) => one.verdict !== 'allow' && one.verdict !== 'not-applicable',
  );
  return `BLOCKED at ${denied.map((one) => one.layer).join(', ')}`;
}

interface Dependency {
  readonly line: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port: number;
  readonly flows: number;
  readonly result: string;
}

/** Rows of the README's dependency table between services of the snapshot (not the internet or the office). */
function documentedDependencies(): Dependency[] {
  const readme = readFileSync('resources/sample/README.md', 'utf8');
  const services = new Set(workloads.map((eni) => eni.tags.service));
  const layerNames: Record<string, string> = { 'security-group': 'sg-ingress', nacl: 'nacl-inbound' };
  return readme
    .split('\n')
    .map((line) =>
      /^\| (\S+) \| (\S+) \| (tcp\/|icmp type )(\d+) \| [^|]+ \| (allowed|BLOCKED at (\S+)) \((\d+) flows\) \|$/.exec(
        line,
      ),
    )
    .filter((match) => match !== null && services.has(match[1]) && services.has(match[2]))
    .map((match) => {
      const [line, from, to, protocol, port, result, blockedAt, flows] = match as RegExpExecArray as string[];
      return {
        line: line as string,
        from: from as string,
        to: to as string,
        protocol: protocol === 'tcp/' ? 'tcp' : 'icmp',
        port: Number(port),
        flows: Number(flows),
        result: blockedAt === undefined ? (result as string) : `BLOCKED at ${layerNames[blockedAt]}`,
      };
    });
}
