import type { Estate, Workload, WorkloadKind } from '../domain/estate';
import { FieldError } from './ruleFields';

/**
 * The most security groups one network interface carries: 5 by default, adjustable up to 16 (Amazon
 * VPC quotas). No export says an account's own quota, so only what no account may have is refused.
 */
export const maxGroupsPerEni = 16;

/** Interfaces AWS keeps without security groups, and what they are (docs/change-format.md). */
const withoutGroups: Partial<Record<WorkloadKind, string>> = {
  'nat-gateway': "a NAT gateway's interface, and NAT gateways have no security groups",
  'transit-gateway':
    "a transit gateway attachment's interface, which the transit gateway manages without security groups",
};

/** Interfaces AWS keeps without groups take none, and lose none. */
export function refuseWithoutGroups(workload: Workload, field: string): void {
  const why = withoutGroups[workload.kind];
  if (why !== undefined) throw new FieldError(field, `${workload.id} is ${why}: no group can be set on it`);
}

/**
 * The groups an ENI is given, as ModifyNetworkInterfaceAttribute and
 * ValidateSecurityGroupQuotasForInterface take them: "You must specify at least one ID, and each ID
 * must be unique. The number of IDs cannot exceed the maximum number of security groups allowed per
 * network interface", every group of the ENI's VPC. `field` names where the groups are written, and
 * `fieldOf` one of them.
 */
export function checkEniGroups(
  estate: Estate,
  workload: Workload,
  groupIds: readonly string[],
  vpcId: string,
  field: string,
  fieldOf: (at: number) => string,
): string[] {
  refuseWithoutGroups(workload, field);
  if (groupIds.length === 0)
    throw new FieldError(field, `an ENI keeps at least one security group; ${workload.id} would have none`);
  if (groupIds.length > maxGroupsPerEni)
    throw new FieldError(
      field,
      `${workload.id} would carry ${groupIds.length} security groups; AWS allows at most ${maxGroupsPerEni} on a network interface`,
    );
  return groupIds.map((groupId, at) => {
    if (groupIds.indexOf(groupId) !== at)
      throw new FieldError(fieldOf(at), `${groupId} is given twice: an ENI carries each group once`);
    // The groups it carries in its VPC are as AWS gave them.
    const carried = vpcId === workload.vpcId && workload.groupIds.includes(groupId);
    return carried ? groupId : checkGroup(estate, groupId, vpcId, fieldOf(at));
  });
}

/** AWS attaches only groups of the ENI's own VPC. */
function checkGroup(estate: Estate, groupId: string, vpcId: string, field: string): string {
  const group = estate.securityGroups.find((one) => one.id === groupId);
  if (group === undefined) throw new FieldError(field, `no security group ${groupId} in this snapshot`);
  if (group.vpcId !== null && group.vpcId !== vpcId)
    throw new FieldError(field, `${groupId} belongs to ${group.vpcId}, not to the ENI's VPC ${vpcId}`);
  return groupId;
}
