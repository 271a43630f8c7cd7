import type { RulePeer } from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readProtocol, readRulePorts } from './protocol';
import { cidr4Peer, cidr6Peer, groupPeer, prefixListPeer } from './rulePeer';

/** describe-security-group-rules prints exactly one of these per rule. */
const peerFields = {
  CidrIpv4: cidr4Peer,
  CidrIpv6: cidr6Peer,
  PrefixListId: prefixListPeer,
  ReferencedGroupInfo: groupPeer,
} satisfies Record<string, (field: JsonCursor) => RulePeer>;
const peerKeys = Object.keys(peerFields) as (keyof typeof peerFields)[];

export const securityGroupRulesExport = perItem(
  'SecurityGroupRules',
  'describe-security-group-rules',
  (rule, into) => {
    const key = rule.str('SecurityGroupRuleId');
    const protocol = readProtocol(rule.at('IpProtocol'));
    into.describedRules.push({
      key,
      groupId: into.references.add(key, 'securityGroup', rule.at('GroupId')),
      direction: rule.bool('IsEgress') ? 'egress' : 'ingress',
      protocol,
      ...readRulePorts(rule, protocol),
      peer: readPeer(rule),
      description: rule.optStr('Description'),
      source: rule.source,
    });
  },
);

function readPeer(rule: JsonCursor): RulePeer {
  const { key, field } = rule.oneOf(peerKeys);
  return peerFields[key](field);
}
