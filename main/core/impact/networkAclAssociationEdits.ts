import type { Estate, NetworkAcl } from '../domain/estate';
import type { ChangeEdit } from './change';
import { findSubnet } from './findSubnet';
import { FieldError } from './ruleFields';

/**
 * The network ACLs after a subnet is associated with another one of its VPC. "A subnet can be
 * associated with only one network ACL at a time", and one not explicitly associated "is
 * automatically associated with the default network ACL"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
 */
export function setNetworkAclAssociation(
  estate: Estate,
  acls: readonly NetworkAcl[],
  edit: Extract<ChangeEdit, { op: 'set-network-acl-association' }>,
): NetworkAcl[] {
  const subnet = findSubnet(estate, edit.subnetId, 'subnetId');
  const next = acls.find((acl) => acl.id === edit.networkAclId);
  if (next === undefined)
    throw new FieldError(
      'networkAclId',
      `no network ACL ${edit.networkAclId} in this snapshot: import its describe-network-acls output`,
    );
  if (next.vpcId !== subnet.vpcId)
    throw new FieldError(
      'networkAclId',
      `${next.id} is a network ACL of ${next.vpcId}; ${subnet.id} is in ${subnet.vpcId}`,
    );
  const current =
    acls.find((acl) => acl.subnetIds.includes(subnet.id)) ??
    acls.find((acl) => acl.isDefault && acl.vpcId === subnet.vpcId);
  if (current === next)
    throw new FieldError('networkAclId', `${subnet.id} is associated with ${next.id} already`);
  return acls.map((acl) =>
    acl === next
      ? { ...acl, subnetIds: [...acl.subnetIds, subnet.id] }
      : acl.subnetIds.includes(subnet.id)
        ? { ...acl, subnetIds: acl.subnetIds.filter((id) => id !== subnet.id) }
        : acl,
  );
}
