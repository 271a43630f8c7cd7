import type { GroupPlan, PermissionPlan } from '../plan/groups';
import { ACCOUNT, arn, type Json, tagList } from './common';

function renderPermission(permission: PermissionPlan, index: number): Json {
  // AWS prints FromPort/ToPort only for protocols that have them, and a Description only when set.
  const described = (peer: Json, k: number): Json =>
    (index + k) % 5 === 0 ? { ...peer, Description: `rule ${index}.${k}` } : peer;
  return {
    IpProtocol: permission.protocol,
    ...(permission.ports === null ? {} : { FromPort: permission.ports.from, ToPort: permission.ports.to }),
    UserIdGroupPairs: permission.groupIds.map((GroupId, k) => described({ UserId: ACCOUNT, GroupId }, k)),
    IpRanges: permission.cidrs.map((CidrIp, k) => described({ CidrIp }, k)),
    Ipv6Ranges: permission.ipv6Cidrs.map((CidrIpv6, k) => described({ CidrIpv6 }, k)),
    PrefixListIds: permission.prefixListIds.map((PrefixListId, k) => described({ PrefixListId }, k)),
  };
}

export function renderSecurityGroups(groups: readonly GroupPlan[]): Json {
  return {
    SecurityGroups: groups.map((group) => ({
      GroupId: group.id,
      IpPermissionsEgress: group.egress.map(renderPermission),
      Tags: group.name === 'default' ? [] : tagList({ Name: group.name, team: `team-${group.vpc.index}` }),
      VpcId: group.vpc.id,
      SecurityGroupArn: arn('security-group', group.id),
      OwnerId: ACCOUNT,
      GroupName: group.name,
      Description: group.name === 'default' ? 'default VPC security group' : `Bench group ${group.name}`,
      IpPermissions: group.ingress.map(renderPermission),
    })),
  };
}
