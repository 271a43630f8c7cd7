import type { IndexedRule } from '../analysis/estateIndex';
import { ruleReference } from '../analysis/explain';
import type { ServiceDependency } from '../applications/model';
import { unneededAppPairs } from './appPairs';
import type { FindingContext } from './context';
import {
  type DependencyTraffic,
  dependencyPairs,
  dependencyTraffic,
  isDefaultEgress,
  ruleTraffic,
} from './dependencyPairs';
import { exposures } from './exposure';
import { appOwners, groupObject, ownerList, peerText, ruleText, serviceObjects } from './reachPeers';
import { isInternetWide, type RuleReach, ruleReach } from './ruleReach';
import type { Finding } from './types';

/** App pairs quoted in a finding: enough to see the pattern, not the whole cross product. */
const pairsQuoted = 6;

/**
 * An ingress rule that opens more than the dependencies need: to the whole internet (when the
 * internet cannot reach its workloads; if it can, or may, it is an exposure), or between apps that
 * have no dependency on each other at all. Measured as workload pairs × ports opened against the
 * (workload pair, port) combinations the dependencies use. Rules no dependency uses are left to
 * the unused-rule finding unless they are internet-wide: deleting them is the fix, not tightening.
 */
export function overPermissiveRules(ctx: FindingContext): Finding[] {
  const exposed = new Set(
    exposures(ctx).flatMap((finding) =>
      finding.evidence.rules.flatMap((rule) => (rule.kind === 'security-group-rule' ? [rule.ruleKey] : [])),
    ),
  );
  const uses = ruleUses(ctx);
  const { index } = ctx.engine;
  return ctx.estate.securityGroups.flatMap((group) =>
    index.rules(group.id, 'ingress').flatMap((indexed): Finding[] => {
      if (exposed.has(indexed.rule.key) || isDefaultEgress(indexed.rule)) return [];
      const used = uses.get(indexed.rule.key) ?? [];
      const wide = isInternetWide(ctx, indexed);
      if (!wide && used.length === 0) return [];
      const reach = ruleReach(ctx, indexed);
      // An internet-wide rule on workloads without an address of its family opens nothing.
      if (reach.workloadPairs === 0) return [];
      const ids = (workloads: readonly { id: string }[]) => workloads.map((workload) => workload.id);
      const unneeded = unneededAppPairs(ctx, ids(reach.peers), ids(reach.own));
      if (!wide && unneeded.length === 0) return [];
      return [finding(ctx, indexed, reach, used, unneeded, wide)];
    }),
  );
}

interface RuleUse {
  readonly dependency: ServiceDependency;
  readonly source: string;
  readonly destination: string;
}

/** Rule key → every (dependency, workload pair) whose ingress layer the rule allowed. */
function ruleUses(ctx: FindingContext): Map<string, RuleUse[]> {
  const uses = new Map<string, RuleUse[]>();
  for (const { dependency, pairs } of dependencyPairs(ctx)) {
    for (const pair of pairs) {
      for (const rule of pair.rules.filter((one) => one.direction === 'ingress')) {
        const list = uses.get(rule.ruleKey) ?? [];
        list.push({ dependency, source: pair.source, destination: pair.destination });
        uses.set(rule.ruleKey, list);
      }
    }
  }
  return uses;
}

function finding(
  ctx: FindingContext,
  indexed: IndexedRule,
  reach: RuleReach,
  used: readonly RuleUse[],
  unneeded: readonly [string, string][],
  wide: boolean,
): Finding {
  const { rule } = indexed;
  const opened = reach.workloadPairs * reach.ports;
  const needed = new Set(used.map((use) => `${use.source}|${use.destination}|${use.dependency.port}`)).size;
  const dependencies = [...new Set(used.map((use) => use.dependency))];
  const services = [...new Set(reach.own.flatMap((w) => ctx.serviceOf.get(w.id)?.name ?? []))];
  const quoted = unneeded.slice(0, pairsQuoted).map(([from, to]) => `${from} → ${to}`);
  const more = unneeded.length > pairsQuoted ? ` and ${unneeded.length - pairsQuoted} more` : '';
  const why = wide
    ? `admits every address, so every workload that can route to ${ctx.groupLabel(rule.groupId)} may connect`
    : `lets apps talk that have no dependency on each other: ${quoted.join(', ')}${more}`;
  const allPorts = reach.ports >= 65536;
  return {
    id: `over-permissive:${rule.key}`,
    kind: 'over-permissive',
    severity: wide || allPorts ? 'high' : 'medium',
    title: `${ruleText(ctx, indexed)} opens ${opened.toLocaleString('en-US')} workload-pair × port combinations; dependencies use ${needed}`,
    explanation:
      `${ruleText(ctx, indexed)}${rule.description ? ` ("${rule.description}")` : ''} ${why}. ` +
      `It opens ${reach.ports.toLocaleString('en-US')} ${reach.ports === 1 ? 'port' : 'ports'} between ${reach.peers.length} ` +
      `source and ${reach.own.length} destination workloads (${reach.workloadPairs} pairs); ` +
      `${dependencies.length === 0 ? 'no dependency uses it' : `${dependencies.length} ${dependencies.length === 1 ? 'dependency uses' : 'dependencies use'} ${needed} of those combinations`}.`,
    objects: [groupObject(ctx, rule.groupId), ...serviceObjects(ctx, services)],
    owners: ownerList([
      ctx.segmentOwner(rule.groupId),
      ...services.flatMap((name) => appOwners(ctx, name)),
      ...unneeded.flatMap(([from]) => ctx.applications.apps.find((app) => app.name === from)?.owners ?? []),
    ]),
    evidence: {
      rules: [ruleReference(indexed)],
      dependencies,
      flows: [],
      figures: {
        workloadPairs: reach.workloadPairs,
        ports: reach.ports,
        opened,
        needed,
        beyondNeed: opened - needed,
        unneededAppPairs: unneeded.length,
      },
    },
    suggestion: tightened(ctx, indexed, dependencies),
  };
}

/** One narrow rule per (calling service, port) the dependencies use, in place of this one. */
function tightened(
  ctx: FindingContext,
  indexed: IndexedRule,
  dependencies: readonly ServiceDependency[],
): string {
  if (dependencies.length === 0) return `remove ${indexed.rule.key}: no dependency uses it`;
  const own = (ctx.members.get(indexed.rule.groupId) ?? []).map((workload) => workload.id);
  const replacements = new Set(
    dependencies.map((dependency) => {
      const workloads = ctx.services.get(dependency.from)?.workloadIds ?? [];
      const peer = peerText(ctx, own, workloads, 'ingress');
      const traffic = ruleTraffic(dependencyTraffic(dependency) as DependencyTraffic);
      return `ingress ${traffic} from ${peer} (for ${dependency.from})`;
    }),
  );
  return `replace ${indexed.rule.key} on ${ctx.groupLabel(indexed.rule.groupId)} with ${[...replacements].join('; ')}`;
}
