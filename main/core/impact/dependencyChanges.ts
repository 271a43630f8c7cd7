import type { FlowVerdict, LayerVerdict, Verdict } from '../analysis/verdict';
import type { FindingContext } from '../findings/context';
import { type DependencyPairs, dependencyPairs } from '../findings/dependencyPairs';
import type { DependencyEffect, DependencyImpact, PairChange } from './types';

/** Changed pairs quoted per dependency: enough to verify by hand. */
const examplesQuoted = 3;

const allowingLayers: ReadonlySet<LayerVerdict['layer']> = new Set([
  'sg-egress',
  'sg-ingress',
  'k8s-egress',
  'k8s-ingress',
]);

const dependencyKey = ({ dependency: d }: DependencyPairs) => `${d.from}|${d.to}|${d.protocol}|${d.port}`;

/**
 * Every dependency (declared or observed, with a protocol and port) whose verdict differs on some
 * workload pair, from the same engine checks the findings make, before and after. A pair with an end
 * on one side only (a workload added or removed between two snapshots) has nothing to compare.
 */
export function diffDependencies(before: FindingContext, after: FindingContext): DependencyImpact[] {
  const old = new Map(dependencyPairs(before).map((measured) => [dependencyKey(measured), measured]));
  return dependencyPairs(after).flatMap((measured) => {
    const was = old.get(dependencyKey(measured));
    const wasVerdicts = new Map<string, FlowVerdict | null>(
      (was?.pairs ?? []).map((pair) => [`${pair.source}>${pair.destination}`, pair.verdict]),
    );
    const changes = measured.pairs.flatMap((pair): PairChange[] => {
      const key = `${pair.source}>${pair.destination}`;
      if (!wasVerdicts.has(key)) return [];
      const beforeVerdict = wasVerdicts.get(key)?.allowed ?? null;
      const afterVerdict = pair.verdict?.allowed ?? null;
      if (beforeVerdict === afterVerdict) return [];
      return [
        {
          source: pair.source,
          destination: pair.destination,
          before: beforeVerdict,
          after: afterVerdict,
          ...whyVerdict(pair.verdict),
        },
      ];
    });
    if (changes.length === 0) return [];
    const count = (test: (before: Verdict | null, after: Verdict | null) => boolean) =>
      changes.filter((c) => test(c.before, c.after)).length;
    const newlyBlocked = count((b, a) => b !== false && a === false);
    const newlyAllowed = count((b, a) => b !== true && a === true);
    const newlyUnknown = count((b, a) => b !== 'unknown' && a === 'unknown');
    const { dependency } = measured;
    return [
      {
        from: dependency.from,
        to: dependency.to,
        fromApp: after.services.get(dependency.from)?.app ?? null,
        toApp: after.services.get(dependency.to)?.app ?? null,
        protocol: dependency.protocol ?? '',
        port: dependency.port,
        source: dependency.source,
        effect: effectOf(
          count((b, a) => b === true && a === false),
          count((b, a) => b === true && a === 'unknown'),
          newlyAllowed,
        ),
        workloadPairs: measured.pairs.length,
        newlyBlocked,
        newlyAllowed,
        newlyUnknown,
        examples: changes.slice(0, examplesQuoted),
      },
    ];
  });
}

function effectOf(broken: number, doubtful: number, restored: number): DependencyEffect {
  if (broken > 0) return 'breaks';
  if (doubtful > 0) return 'may-break';
  return restored > 0 ? 'restored' : 'changes';
}

/**
 * The layers that decide the after verdict: denying, unknown or, for an allowed flow, the security
 * groups or NetworkPolicies that allow it.
 */
export function whyVerdict(verdict: FlowVerdict | null): Pick<PairChange, 'reason' | 'rules' | 'layers'> {
  if (verdict === null)
    return {
      reason: 'cannot be evaluated (an end is missing or has no address of the flow family)',
      rules: [],
      layers: [],
    };
  const deciding: readonly LayerVerdict[] = verdict.explanation.filter((layer) =>
    verdict.allowed === true
      ? allowingLayers.has(layer.layer)
      : layer.verdict === (verdict.allowed === false ? 'deny' : 'unknown'),
  );
  return {
    reason: deciding.map((layer) => `${layer.layer}: ${layer.reason}`).join('; '),
    rules: deciding.flatMap((layer) => layer.rules),
    layers: deciding.map((layer) => layer.layer),
  };
}
