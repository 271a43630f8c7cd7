import { PortSet } from '../analysis/portSet';
import type { Verdict } from '../analysis/verdict';

/**
 * Ports of one protocol by the engine's verdict on them: proven allowed, or left undecided (the
 * rest are stopped). Impact compares such sets, so that one port getting through never stands for
 * another that does not.
 */
export interface PortVerdicts {
  readonly proven: PortSet;
  readonly inDoubt: PortSet;
}

export const noPorts: PortVerdicts = { proven: PortSet.empty, inDoubt: PortSet.empty };

/** `ports` split by the verdict on them: allowed, undecided, stopped; empty parts left out. */
export function byVerdict(ports: PortSet, verdicts: PortVerdicts): [PortSet, Verdict][] {
  const proven = ports.intersect(verdicts.proven);
  const inDoubt = ports.intersect(verdicts.inDoubt).subtract(proven);
  const parts: [PortSet, Verdict][] = [
    [proven, true],
    [inDoubt, 'unknown'],
    [ports.subtract(proven).subtract(inDoubt), false],
  ];
  return parts.filter(([part]) => !part.isEmpty());
}

/** The verdict on some of `ports`: allowed when any is, else undecided when any is. */
export function someOf(ports: PortSet, verdicts: PortVerdicts): Verdict {
  return byVerdict(ports, verdicts)[0]?.[1] ?? false;
}

/** How far traffic gets: stopped, undecided, allowed. */
export const verdictRank = (verdict: Verdict) => (verdict === true ? 2 : verdict === 'unknown' ? 1 : 0);
