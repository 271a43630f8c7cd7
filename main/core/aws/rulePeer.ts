import type { RulePeer } from '../domain/estate';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';

export const cidr4Peer = (field: JsonCursor): RulePeer => ({ kind: 'cidr4', cidr: readCidr(field, 4) });
export const cidr6Peer = (field: JsonCursor): RulePeer => ({ kind: 'cidr6', cidr: readCidr(field, 6) });
export const prefixListPeer = (field: JsonCursor): RulePeer => ({
  kind: 'prefix-list',
  prefixListId: field.string(),
});

/**
 * A UserIdGroupPair or ReferencedGroupInfo. The group may belong to another account or a peered VPC
 * and be absent from the export: that is not an error. Every exported ENI lists all its groups, so
 * analysis still knows which ENIs such a peer admits (docs/semantics/aws.md, Security groups).
 */
export function groupPeer(pair: JsonCursor): RulePeer {
  return {
    kind: 'group',
    groupId: pair.str('GroupId'),
    userId: pair.optStr('UserId'),
    vpcId: pair.optStr('VpcId'),
    peeringStatus: pair.optStr('PeeringStatus'),
  };
}
