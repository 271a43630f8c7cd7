import type { Estate, Subnet } from '../domain/estate';

/**
 * Whether a difference in subnets may change flows other than those of the workloads in them:
 * a subnet of both estates in another VPC, range or Availability Zone (transit gateways route by
 * zone), or a transit gateway attachment's subnet on one side only. Tags never do, nor the order of
 * the export, nor a subnet added or removed with its workloads, which are changes of their own.
 */
export function subnetsMovedInNetwork(before: Estate, after: Estate): boolean {
  const place = (subnet: Subnet) => `${subnet.vpcId} ${subnet.cidrBlock} ${subnet.availabilityZone}`;
  const was = new Map(before.subnets.map((subnet) => [subnet.id, place(subnet)]));
  const now = new Map(after.subnets.map((subnet) => [subnet.id, place(subnet)]));
  for (const [id, where] of now) if (was.has(id) && was.get(id) !== where) return true;
  const onOneSide = (id: string) => was.has(id) !== now.has(id);
  return [...before.transitGatewayAttachments, ...after.transitGatewayAttachments].some((attachment) =>
    attachment.vpc?.subnetIds.some(onOneSide),
  );
}

/**
 * Subnets whose traffic another network ACL filters after (an association moved, a default ACL
 * changed, an ACL added or removed), or an ACL whose entries changed: each subnet's ACL is its
 * associated one, else its VPC's default (docs/semantics/aws.md, "Network ACLs").
 */
export function aclFilteredSubnets(
  before: Estate,
  after: Estate,
  changedAcls: ReadonlySet<string>,
): Set<string> {
  const was = aclOfSubnet(before);
  const now = aclOfSubnet(after);
  const subnets = new Set<string>();
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const [old, next] = [was.get(id), now.get(id)];
    if (
      old !== next ||
      (old !== undefined && changedAcls.has(old)) ||
      (next !== undefined && changedAcls.has(next))
    )
      subnets.add(id);
  }
  return subnets;
}

/** Each subnet's network ACL: the one associated with it, else its VPC's default. */
export function aclOfSubnet(estate: Estate): Map<string, string> {
  const associated = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const acl of estate.networkAcls) {
    for (const subnet of acl.subnetIds) associated.set(subnet, acl.id);
    if (acl.isDefault) defaults.set(acl.vpcId, acl.id);
  }
  const found = new Map<string, string>();
  for (const subnet of estate.subnets) {
    const acl = associated.get(subnet.id) ?? defaults.get(subnet.vpcId);
    if (acl !== undefined) found.set(subnet.id, acl);
  }
  // Associations may name subnets the export lacks; their ACL is known all the same.
  for (const [subnet, acl] of associated) if (!found.has(subnet)) found.set(subnet, acl);
  return found;
}
