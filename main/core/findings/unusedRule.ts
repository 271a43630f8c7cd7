import type { IndexedRule } from '../analysis/estateIndex';
import { ruleReference } from '../analysis/explain';
import { parseFlowProtocol } from '../analysis/protocol';
import type { ServiceDependency } from '../applications/model';
import type { SecurityGroupRule } from '../domain/estate';
import type { FindingContext } from './context';
import { dependenciesByRule, dependencyTraffic, isDefaultEgress } from './dependencyPairs';
import { groupObject, ownerList, ruleText, serviceObjects } from './reachPeers';
import { isInternetWide, type RuleReach, ruleReach } from './ruleReach';
import { type StaleReference, staleReference } from './staleReference';
import type { Finding } from './types';

/**
 * A security group rule that no dependency needs: no declared or observed dependency (flow logs
 * make observed ones) has a workload pair whose security group layer the rule allows; or one that
 * matches nothing at all, naming a group across a transit gateway that AWS does not let it reach. Left out: the
 * rules AWS writes into every group (egress to everything, the default group's self-reference),
 * internet-wide rules, which the exposure and over-permissive findings report with more to say,
 * rules with no service on one side, and rules that may carry a dependency naming no port.
 */
export function unusedRules(ctx: FindingContext): Finding[] {
  const used = dependenciesByRule(ctx);
  const unchecked = ctx.applications.dependencies.filter(
    (dependency) => dependencyTraffic(dependency) === null,
  );
  const { index } = ctx.engine;
  return ctx.estate.securityGroups.flatMap((group) =>
    [...index.rules(group.id, 'ingress'), ...index.rules(group.id, 'egress')].flatMap(
      (indexed): Finding[] => {
        const { rule } = indexed;
        const stale = staleReference(index, indexed);
        if (stale !== null) return [staleFinding(ctx, indexed, stale)];
        if (used.has(rule.key) || isInternetWide(ctx, indexed) || writtenByAws(ctx, rule)) return [];
        const reach = ruleReach(ctx, indexed);
        // Dependencies are between services: a rule with no service on one side (an office range, an
        // AWS service's prefix list, an endpoint's ENI) is beyond what they can say, not unused.
        const inModel = (workloads: readonly { id: string }[]) =>
          workloads.some((w) => ctx.serviceOf.has(w.id));
        if (!inModel(reach.own) || !inModel(reach.peers)) return [];
        if (mayCarry(ctx, indexed, reach, unchecked)) return [];
        const services = [...new Set(reach.own.flatMap((w) => ctx.serviceOf.get(w.id)?.name ?? []))];
        const text = ruleText(ctx, indexed);
        return [
          {
            id: `unused-rule:${rule.key}`,
            kind: 'unused-rule',
            severity: 'low',
            title: `${text} is used by no dependency`,
            explanation:
              `${text}${rule.description ? ` ("${rule.description}")` : ''} allows traffic that no declared or observed ` +
              `dependency needs: it opens ${reach.workloadPairs} workload pairs on ${reach.ports.toLocaleString('en-US')} ` +
              `${reach.ports === 1 ? 'port' : 'ports'}, and none of them carries a dependency. Unused rules widen what an ` +
              'attacker can reach and make every review of the group longer.',
            objects: [groupObject(ctx, rule.groupId), ...serviceObjects(ctx, services)],
            owners: ownerList([ctx.segmentOwner(rule.groupId)]),
            evidence: {
              rules: [ruleReference(indexed)],
              dependencies: [],
              flows: [],
              figures: { workloadPairs: reach.workloadPairs, ports: reach.ports, members: reach.own.length },
            },
            suggestion: `remove ${rule.key} from ${ctx.groupLabel(rule.groupId)} once its owner confirms nothing outside the model uses it`,
          },
        ];
      },
    ),
  );
}

/**
 * A rule that matches nothing is unused whatever the model says, and the reason is not a dependency
 * gone but where the group it names is.
 */
function staleFinding(ctx: FindingContext, indexed: IndexedRule, stale: StaleReference): Finding {
  const { rule } = indexed;
  const text = ruleText(ctx, indexed);
  return {
    id: `unused-rule:${rule.key}`,
    kind: 'unused-rule',
    severity: 'low',
    title: `${text} matches nothing: ${stale.groupId} is in ${stale.vpcId}, across a transit gateway`,
    explanation:
      `${text} names ${ctx.groupLabel(stale.groupId)} of ${stale.vpcId}, and ${stale.why}. AWS keeps such a ` +
      'rule but it matches nothing (aws ec2 describe-stale-security-groups lists it as stale): it opens no ' +
      'workload pair and serves no dependency, and whoever reads the group takes it for an allowance.',
    objects: [
      groupObject(ctx, rule.groupId),
      groupObject(ctx, stale.groupId),
      ...stale.gatewayIds.map((id) => ({ type: 'transit-gateway' as const, id, label: id })),
    ],
    owners: ownerList([ctx.segmentOwner(rule.groupId)]),
    evidence: { rules: [ruleReference(indexed)], dependencies: [], flows: [], figures: { workloadPairs: 0 } },
    suggestion: `remove ${rule.key} from ${ctx.groupLabel(rule.groupId)}, or ${stale.fix}`,
  };
}

/**
 * Whether a dependency the engine cannot check (no protocol, or tcp or udp without a port: which
 * port it uses is unknown) may ride on the rule: it goes from a service on the rule's source side to
 * one on its destination side, in a protocol the rule admits. Calling that rule unused would guess.
 */
function mayCarry(
  ctx: FindingContext,
  { rule }: IndexedRule,
  reach: RuleReach,
  unchecked: readonly ServiceDependency[],
): boolean {
  if (unchecked.length === 0) return false;
  const services = (workloads: readonly { id: string }[]) =>
    new Set(workloads.flatMap((w) => ctx.serviceOf.get(w.id)?.name ?? []));
  const [sources, destinations] =
    rule.direction === 'ingress' ? [reach.peers, reach.own] : [reach.own, reach.peers];
  const from = services(sources);
  const to = services(destinations);
  return unchecked.some(
    (dependency) =>
      from.has(dependency.from) &&
      to.has(dependency.to) &&
      (dependency.protocol === null ||
        rule.protocol === '-1' ||
        parseFlowProtocol(dependency.protocol) === rule.protocol),
  );
}

/** A default group's rule admitting its own members: AWS creates it with the group. */
function writtenByAws(ctx: FindingContext, rule: SecurityGroupRule): boolean {
  if (isDefaultEgress(rule)) return true;
  const isDefaultGroup = ctx.groups.get(rule.groupId)?.name === 'default';
  return (
    isDefaultGroup &&
    rule.direction === 'ingress' &&
    rule.protocol === '-1' &&
    rule.peer.kind === 'group' &&
    rule.peer.groupId === rule.groupId
  );
}
