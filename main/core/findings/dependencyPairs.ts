import { echoRequestType } from '../analysis/echoRequests';
import { parseFlowProtocol } from '../analysis/protocol';
import type { DecidingRule, FlowVerdict } from '../analysis/verdict';
import type { ServiceDependency } from '../applications/model';
import type { IpProtocol, SecurityGroupRule } from '../domain/estate';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import type { FindingContext } from './context';

export type SecurityGroupDecidingRule = Extract<DecidingRule, { kind: 'security-group-rule' }>;

/**
 * One workload of the calling service talking to one workload of the called service, or to one of its
 * internet addresses when it is a service outside the estate.
 */
export interface WorkloadPair {
  readonly source: string;
  /** A workload id, or an internet address. */
  readonly destination: string;
  /** null when the engine cannot evaluate the pair (an end without an address of the other's family). */
  readonly verdict: FlowVerdict | null;
  /**
   * The rules that allowed the flow at its sg-egress and sg-ingress layers, even when another layer
   * denies it: fixing that layer would still need them.
   */
  readonly rules: readonly SecurityGroupDecidingRule[];
}

export interface DependencyPairs {
  readonly dependency: ServiceDependency;
  /** Never empty: dependencies without a workload pair are left out. */
  readonly pairs: readonly WorkloadPair[];
  /** Every pair is allowed. */
  readonly allowed: boolean;
}

const cache = new WeakMap<FindingContext, readonly DependencyPairs[]>();

/** The traffic a dependency is checked as: a protocol and its port, ICMP type, or nothing for the rest. */
export interface DependencyTraffic {
  readonly protocol: IpProtocol;
  readonly port: number | null;
}

/**
 * How the engine checks a dependency, or null when it names no traffic to check: no protocol, or tcp
 * or udp without a port (nothing says which port it uses). ICMP without a type is an echo request;
 * other protocols (50 for ESP, 47 for GRE, 132 for SCTP) have no port, and AWS filters them by
 * protocol alone.
 */
export function dependencyTraffic({ protocol: written, port }: ServiceDependency): DependencyTraffic | null {
  if (written === null) return null;
  const protocol = parseFlowProtocol(written);
  // An ICMP dependency is ping between the two services in practice, and the echo is the query whose
  // answer network ACLs must pass too; "every type" would call a service blocked that answers pings
  // but not, say, redirects, which no client needs.
  if (isIcmp(protocol))
    return { protocol, port: port ?? echoRequestType[protocol as keyof typeof echoRequestType] };
  if (hasPortRange(protocol)) return port === null ? null : { protocol, port };
  return { protocol, port };
}

/** What a security group rule or ACL entry for the traffic says: `tcp 8080`, `icmp type 8`, `protocol 50`. */
export function ruleTraffic({ protocol, port }: DependencyTraffic): string {
  if (hasPortRange(protocol)) return `${protocol} ${port}`;
  return isIcmp(protocol) ? `${protocol} type ${port}` : `protocol ${protocol}`;
}

/** `tcp/8080`, `icmp`, `50`: a dependency's traffic as it was written, for names and ids. */
export function writtenTraffic({ protocol, port }: Pick<ServiceDependency, 'protocol' | 'port'>): string {
  return port === null ? `${protocol}` : `${protocol}/${port}`;
}

/**
 * Every dependency with traffic to check (`dependencyTraffic`), as the engine sees it between the two services'
 * workloads. Several finding rules and the alignment figures need the same few thousand checks, so
 * they are made once per context. A workload talking to itself crosses no security group and is skipped.
 * A service outside the estate is reached at its internet addresses (a flow to the internet); one with
 * neither workloads nor addresses (a bucket the catalog names) has no pair and is left out.
 */
export function dependencyPairs(ctx: FindingContext): readonly DependencyPairs[] {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const computed = ctx.applications.dependencies.flatMap((dependency) => {
    const pairs = workloadPairs(ctx, dependency);
    return pairs.length === 0
      ? []
      : [{ dependency, pairs, allowed: pairs.every((pair) => pair.verdict?.allowed === true) }];
  });
  cache.set(ctx, computed);
  return computed;
}

function workloadPairs(ctx: FindingContext, dependency: ServiceDependency): WorkloadPair[] {
  const traffic = dependencyTraffic(dependency);
  if (traffic === null) return [];
  const { protocol, port } = traffic;
  const sources = ctx.services.get(dependency.from)?.workloadIds ?? [];
  const called = ctx.services.get(dependency.to);
  const destinations = called?.workloadIds.length ? called.workloadIds : (called?.addresses ?? []);
  return sources.flatMap((source) =>
    destinations
      .filter((destination) => destination !== source)
      .map((destination) => {
        // Data the engine cannot evaluate (no address of the other end's family, a protocol it rejects) is not a verdict.
        const verdict = ctx.engine.checkIfPlaced({ source, destination, protocol, port });
        return { source, destination, verdict, rules: decidingGroupRules(verdict) };
      }),
  );
}

function decidingGroupRules(verdict: FlowVerdict | null): SecurityGroupDecidingRule[] {
  if (verdict === null) return [];
  return verdict.explanation
    .filter(
      (layer) => (layer.layer === 'sg-egress' || layer.layer === 'sg-ingress') && layer.verdict === 'allow',
    )
    .flatMap((layer) => layer.rules)
    .filter((rule): rule is SecurityGroupDecidingRule => rule.kind === 'security-group-rule');
}

/** Rule key → the dependencies with a pair whose security group layer the rule allowed. */
export function dependenciesByRule(ctx: FindingContext): ReadonlyMap<string, readonly ServiceDependency[]> {
  const byRule = new Map<string, Set<ServiceDependency>>();
  for (const { dependency, pairs } of dependencyPairs(ctx)) {
    for (const rule of pairs.flatMap((pair) => pair.rules)) {
      byRule.set(rule.ruleKey, (byRule.get(rule.ruleKey) ?? new Set()).add(dependency));
    }
  }
  return new Map([...byRule].map(([key, dependencies]) => [key, [...dependencies]]));
}

/** AWS's default egress rule (all traffic to 0.0.0.0/0): on nearly every group, written by no one. */
export function isDefaultEgress(rule: SecurityGroupRule): boolean {
  return (
    rule.direction === 'egress' &&
    rule.protocol === '-1' &&
    rule.peer.kind === 'cidr4' &&
    rule.peer.cidr === '0.0.0.0/0'
  );
}
