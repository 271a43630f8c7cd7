import { PortSet } from '../analysis/portSet';
import { writtenTraffic } from '../findings/dependencyPairs';
import { icmpErrorsOnly } from '../findings/exposure';
import { namedOwners, type Touched } from './approvers';
import type { NotEvaluated } from './change';
import type { Isolation } from './clusterDiff';
import { openedPorts, stoppedPorts } from './internetEgress';
import { portsText, portText, protocolText, trafficText } from './portsText';
import type { Approver, ImpactReport, RiskLevel } from './types';

/** Names quoted in one reason before "and N more". */
const quoted = 3;

/**
 * The first few distinct names, then how many items they leave out. Many items can share a name (the
 * flows between two apps' classes of workloads): quoting one name three times would say nothing, so a
 * name quoted for several items says how many (`×4`), and the quoted and the rest add up to the count.
 */
export function quoteSome(items: readonly string[]): string {
  const times = new Map<string, number>();
  for (const item of items) times.set(item, (times.get(item) ?? 0) + 1);
  const shown = [...times].slice(0, quoted);
  const text = shown.map(([name, n]) => (n > 1 ? `${name} (×${n})` : name)).join(', ');
  const left = items.length - shown.reduce((sum, [, n]) => sum + n, 0);
  return left > 0 ? `${text} and ${left} more` : text;
}

/**
 * High when the change breaks a dependency or opens a public workload to the internet; medium when a
 * dependency becomes undecidable, a group opens to the internet what the network still stops,
 * connections out to the internet stop or open, something opens that no dependency needs, pods no
 * NetworkPolicy isolated become isolated, part of the change cannot be evaluated, or it needs three
 * or more owners' approval; low otherwise. Every rule that applies is a reason, so the reader sees all
 * of them, not only the worst.
 */
export function assessRisk(
  touched: Touched,
  notEvaluated: readonly NotEvaluated[],
  approvers: readonly Approver[],
  isolated: readonly Isolation[] = [],
): ImpactReport['risk'] {
  const high: string[] = [];
  const medium: string[] = [];
  const name = (d: Touched['dependencies'][number]) => `${d.from} → ${d.to} ${writtenTraffic(d)}`;
  const broken = touched.dependencies.filter((d) => d.effect === 'breaks');
  if (broken.length)
    high.push(
      `${count(broken.length, 'dependency breaks', 'dependencies break')}: ${quoteSome(broken.map(name))}`,
    );
  const outside = (after: false | 'unknown') =>
    touched.outsideFlows
      .filter((flow) => flow.after === after)
      .map((flow) => `${flow.client} → ${flow.service} ${portText(flow.protocol, flow.port)}`);
  const stoppedFromOutside = outside(false);
  if (stoppedFromOutside.length)
    high.push(
      `${count(stoppedFromOutside.length, 'connection', 'connections')} from outside seen in the flow logs ${stoppedFromOutside.length === 1 ? 'stops' : 'stop'}: ${quoteSome(stoppedFromOutside)}`,
    );
  // ICMP error messages let in open nothing to connect to: said, at low, not ranked as exposure.
  const errorsOnly = (one: (typeof touched.exposure)[number]) =>
    icmpErrorsOnly(
      one.protocol,
      one.added.reduce((set, { from, to }) => set.union(PortSet.range(from, to)), PortSet.empty),
    );
  const added = touched.exposure.filter((one) => one.added.length > 0);
  const exposed = added.filter((one) => !errorsOnly(one));
  const icmpErrors = added.filter((one) => errorsOnly(one) && one.reachable !== false);
  const exposure = (list: typeof exposed) =>
    quoteSome(list.map((one) => `${one.workloadId} ${trafficText(one.protocol, one.added)}`));
  const reached = exposed.filter((one) => one.reachable === true);
  const maybeReached = exposed.filter((one) => one.reachable === 'unknown');
  const latent = exposed.filter((one) => one.reachable === false);
  if (reached.length) high.push(`exposure to the internet added: ${exposure(reached)}`);
  if (maybeReached.length)
    high.push(
      `exposure to the internet added, unless what the export does not show stops it: ${exposure(maybeReached)}`,
    );
  const doubtful = touched.dependencies.filter((d) => d.effect === 'may-break');
  if (doubtful.length)
    medium.push(
      `${count(doubtful.length, 'dependency', 'dependencies')} may break (undecidable after): ${quoteSome(doubtful.map(name))}`,
    );
  const unneeded = unneededOpenings(touched);
  const side = (end: Touched['flows'][number]['from']) =>
    end.apps.join('+') || end.groupIds.join('+') || end.subnetId;
  if (unneeded.length)
    medium.push(
      `${count(unneeded.length, 'opening', 'openings')} no dependency needs: ${quoteSome(unneeded.map((f) => `${side(f.from)} → ${side(f.to)} ${protocolText(f.protocol)} ${portsText(f.protocol, f.opened)}`))}`,
    );
  if (latent.length)
    medium.push(
      `security groups open to the internet, but the network ACL or routing stops it for now: ${exposure(latent)}`,
    );
  const egress = (ports: typeof stoppedPorts) => (one: Touched['internetEgress'][number]) =>
    `${trafficText(one.protocol, ports(one))} from ${count(one.workloadIds.length, 'workload', 'workloads')}${one.apps.length ? ` of ${one.apps.join(', ')}` : ''}`;
  const stopped = touched.internetEgress.filter((one) => stoppedPorts(one).length > 0);
  if (stopped.length)
    medium.push(`connections out to the internet stop: ${quoteSome(stopped.map(egress(stoppedPorts)))}`);
  const doubtfulFromOutside = outside('unknown');
  if (doubtfulFromOutside.length)
    medium.push(
      `${count(doubtfulFromOutside.length, 'connection', 'connections')} from outside seen in the flow logs may stop (undecidable after): ${quoteSome(doubtfulFromOutside)}`,
    );
  const opened = touched.internetEgress.filter((one) => openedPorts(one).length > 0);
  if (opened.length)
    medium.push(`connections out to the internet open: ${quoteSome(opened.map(egress(openedPorts)))}`);
  for (const { direction, podIds } of isolated)
    medium.push(
      `${count(podIds.length, 'pod becomes', 'pods become')} isolated for ${direction} (${quoteSome(podIds)}): what no NetworkPolicy rule admits stops, needed by a dependency or not`,
    );
  if (notEvaluated.length)
    medium.push(`${count(notEvaluated.length, 'part', 'parts')} of the change cannot be evaluated`);
  const owners = namedOwners(approvers);
  if (owners.length >= 3) medium.push(`${owners.length} owners must approve`);
  const low = icmpErrors.length
    ? [`ICMP error messages let in from the internet (no connection opens): ${exposure(icmpErrors)}`]
    : [];
  const level: RiskLevel = high.length ? 'high' : medium.length ? 'medium' : 'low';
  const reasons = [...high, ...medium, ...low];
  return {
    level,
    reasons: reasons.length
      ? reasons
      : ['no dependency breaks, nothing is exposed and nothing opens that no dependency needs'],
  };
}

/** Flows that open ports no dependency between the two sides uses. */
export function unneededOpenings(touched: Pick<Touched, 'flows'>): Touched['flows'] {
  return touched.flows.filter((flow) => flow.opened.length > 0 && flow.neededBy.length === 0);
}

/** `1 dependency breaks`, `2 dependencies break`: risk reasons are read as sentences. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
