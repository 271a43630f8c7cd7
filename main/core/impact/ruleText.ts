import { describeSelector, type TrafficSelector } from '../analysis/protocol';
import type { NetworkAclEntry, RulePeer, SecurityGroupRule, TransitGatewayRoute } from '../domain/estate';
import { canonicalCidr, parseCidr } from '../domain/ip';
import { hasPortRange } from '../domain/ipProtocol';

type RuleContent = Omit<SecurityGroupRule, 'key' | 'source' | 'description'>;
type EntryContent = Omit<NetworkAclEntry, 'source'>;

/** The CIDR, group id or prefix list id a rule names, as the console writes it. */
export function peerText(peer: RulePeer): string {
  if (peer.kind === 'cidr4' || peer.kind === 'cidr6') return peer.cidr;
  return peer.kind === 'group' ? peer.groupId : peer.prefixListId;
}

/** FromPort/ToPort are a port range for tcp/udp and type/code for icmp (see SecurityGroupRule). */
function ruleSelector({ protocol, fromPort, toPort }: RuleContent): TrafficSelector {
  const pair = fromPort === null || toPort === null ? null : { from: fromPort, to: toPort };
  return hasPortRange(protocol)
    ? { protocol, ports: pair, icmp: null }
    : { protocol, ports: null, icmp: pair && { type: pair.from, code: pair.to } };
}

/** `sg-1 ingress tcp 5432 from sg-2`: one rule on one line, without its key. */
export function ruleLine(rule: RuleContent): string {
  const toward = rule.direction === 'ingress' ? 'from' : 'to';
  return `${rule.groupId} ${rule.direction} ${describeSelector(ruleSelector(rule))} ${toward} ${peerText(rule.peer)}`;
}

/**
 * One key per rule as AWS decides duplicates: the same traffic and peer, the CIDR canonical ("if you
 * attempt to add another rule with the non-canonical form of the CIDR … the API throws an duplicate
 * rule error", IpRange in the EC2 API reference).
 */
export function ruleKey(rule: RuleContent): string {
  const { peer } = rule;
  if (peer.kind !== 'cidr4' && peer.kind !== 'cidr6') return ruleLine(rule);
  const cidr = parseCidr(peer.cidr);
  return ruleLine(cidr === null ? rule : { ...rule, peer: { ...peer, cidr: canonicalCidr(cidr) } });
}

/** `acl-1 #100 inbound allow tcp 443 from 0.0.0.0/0`. */
export function entryLine(entry: EntryContent): string {
  const selector = { protocol: entry.protocol, ports: entry.portRange, icmp: entry.icmp };
  const toward = entry.egress ? 'to' : 'from';
  return `${entry.aclId} #${entry.ruleNumber} ${entry.egress ? 'outbound' : 'inbound'} ${entry.action} ${describeSelector(selector)} ${toward} ${entry.cidr}`;
}

/** An entry's place: its ACL, direction and number. */
export const entryKey = (entry: { aclId: string; egress: boolean; ruleNumber: number }) =>
  `${entry.aclId}/${entry.egress ? 'egress' : 'ingress'}/${entry.ruleNumber}`;

/** `10.5.0.0/16 → tgw-attach-0a…`, or `→ blackhole`: a transit gateway route's destination and target. */
export function transitGatewayRouteLine(
  route: Pick<TransitGatewayRoute, 'destination' | 'state' | 'targets'>,
): string {
  const target =
    route.state === 'blackhole' ? 'blackhole' : route.targets.map((one) => one.attachmentId).join(', ');
  return `${route.destination} → ${target}`;
}
