import type { RuleDirection, RulePeer } from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readProtocol, readRulePorts } from './protocol';
import { cidr4Peer, cidr6Peer, groupPeer, prefixListPeer } from './rulePeer';
import { readTags } from './tags';

const permissionLists: readonly (readonly [string, RuleDirection])[] = [
  ['IpPermissions', 'ingress'],
  ['IpPermissionsEgress', 'egress'],
];

/** The peer lists of an IpPermission, in the order that numbers peers in rule keys. */
const peerLists: readonly (readonly [string, (peer: JsonCursor) => RulePeer])[] = [
  ['IpRanges', (peer) => cidr4Peer(peer.at('CidrIp'))],
  ['Ipv6Ranges', (peer) => cidr6Peer(peer.at('CidrIpv6'))],
  ['UserIdGroupPairs', groupPeer],
  ['PrefixListIds', (peer) => prefixListPeer(peer.at('PrefixListId'))],
];

export const securityGroupsExport = perItem('SecurityGroups', 'describe-security-groups', (group, into) => {
  const groupId = group.str('GroupId');
  into.securityGroups.push({
    id: groupId,
    name: group.str('GroupName'),
    description: group.optStr('Description') ?? '',
    vpcId: group.optStr('VpcId'),
    ownerId: group.optStr('OwnerId'),
    tags: readTags(group),
    source: group.source,
  });
  for (const [listKey, direction] of permissionLists) {
    group.list(listKey).forEach((permission, permissionIndex) => {
      const protocol = readProtocol(permission.at('IpProtocol'));
      const ports = readRulePorts(permission, protocol);
      let peerIndex = 0;
      for (const [peerKey, readPeer] of peerLists) {
        for (const peer of permission.list(peerKey)) {
          into.permissionRules.push({
            // Joined, not a template: a template's pieces stay a chain of strings every rule keeps.
            key: [groupId, direction, permissionIndex, peerIndex++].join('/'),
            groupId,
            direction,
            protocol,
            // Named, not spread: a spread gives each of 100,000s of rules a property store of its own.
            fromPort: ports.fromPort,
            toPort: ports.toPort,
            peer: readPeer(peer),
            description: peer.optStr('Description'),
            source: peer.source,
          });
        }
      }
    });
  }
});
