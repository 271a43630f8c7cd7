import { PortSet } from '../analysis/portSet';
import type { Verdict } from '../analysis/verdict';
import type { IpFamily } from '../domain/ip';
import { parseIp } from '../domain/ip';
import type { FindingContext } from '../findings/context';
import { exposedPorts } from '../findings/exposure';
import { noPorts, type PortVerdicts } from './portVerdicts';

/** The ports of a protocol the internet reaches at a workload over a family (`-1`: all traffic, see below). */
export type Reach = (workloadId: string, protocol: string, family: IpFamily) => PortVerdicts;

/**
 * The ports each rule open to the whole internet (0.0.0.0/0, ::/0) lets the internet reach, exactly
 * as the exposure finding proves them: per workload, protocol and family, the ports its inbound ACL
 * passes from a client whose engine verdict is allowed (or undecided). Per port, not per protocol:
 * the internet reaching tcp 9200 says nothing of tcp 22, which the ACL may stop. All traffic (`-1`)
 * counts as reached, whole, when any of its protocols is. Built on the first question: most changes
 * ask the side before nothing, and its exposures cost a sweep.
 */
export function reachFromInternet(ctx: FindingContext): Reach {
  let reached: Map<string, PortVerdicts> | undefined;
  const build = () => {
    const map = new Map<string, PortVerdicts>();
    const add = (key: string, ports: PortSet, allowed: Verdict) => {
      const { proven, inDoubt } = map.get(key) ?? noPorts;
      map.set(
        key,
        allowed === true
          ? { proven: proven.union(ports), inDoubt }
          : { proven, inDoubt: inDoubt.union(ports) },
      );
    };
    for (const { workload, rule, protocol, ports, flow } of exposedPorts(ctx)) {
      const { peer } = rule;
      if (peer.kind !== 'cidr' || peer.cidr.prefixLength !== 0) continue;
      const family = parseIp(flow.source.address)?.family;
      add(`${workload.id}|${protocol}|${family}`, ports, flow.allowed);
      add(`${workload.id}|-1|${family}`, PortSet.all, flow.allowed);
    }
    return map;
  };
  return (workloadId, protocol, family) => {
    reached ??= build();
    return reached.get(`${workloadId}|${protocol}|${family}`) ?? noPorts;
  };
}
