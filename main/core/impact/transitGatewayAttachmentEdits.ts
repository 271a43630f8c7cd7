import type { Estate, SourceRef, TransitGatewayAttachment } from '../domain/estate';
import type { ChangeEdit } from './change';
import { findSubnet } from './findSubnet';
import { FieldError } from './ruleFields';

type AttachEdit = Extract<ChangeEdit, { op: 'add-transit-gateway-vpc-attachment' }>;

/**
 * The attachments after a VPC is attached to a transit gateway, as `aws ec2
 * create-transit-gateway-vpc-attachment` would attach it, refused where AWS refuses: a transit
 * gateway or VPC the snapshot lacks, a VPC attached to it already (`DuplicateTransitGatewayAttachment`),
 * a subnet of another VPC, two subnets in one Availability Zone (one subnet per zone). The new
 * attachment is available and associated with the transit gateway's default association table, as
 * AWS associates it, unless the edit says otherwise or the export names no such table; its
 * propagation is `defaultPropagationTable`'s. docs/change-format.md.
 */
export function attachVpc(
  estate: Estate,
  attachments: readonly TransitGatewayAttachment[],
  edit: AttachEdit,
  source: SourceRef,
): TransitGatewayAttachment[] {
  if (attachments.some((one) => one.id === edit.attachmentId))
    throw new FieldError(
      'attachmentId',
      `${edit.attachmentId} is in the snapshot already: name the new attachment otherwise`,
    );
  const gateway = estate.transitGateways.find((one) => one.id === edit.transitGatewayId);
  const knownGateway =
    gateway !== undefined || attachments.some((one) => one.transitGatewayId === edit.transitGatewayId);
  if (!knownGateway)
    throw new FieldError(
      'transitGatewayId',
      `no transit gateway ${edit.transitGatewayId} in this snapshot: import describe-transit-gateways or its attachments`,
    );
  if (!estate.vpcs.some((one) => one.id === edit.vpcId))
    throw new FieldError('vpcId', `no VPC ${edit.vpcId} in this snapshot`);
  const attached = attachments.find(
    (one) =>
      one.transitGatewayId === edit.transitGatewayId &&
      one.resourceType === 'vpc' &&
      one.resourceId === edit.vpcId &&
      one.state !== 'deleted',
  );
  if (attached !== undefined)
    throw new FieldError(
      'vpcId',
      `${edit.vpcId} is attached to ${edit.transitGatewayId} already (${attached.id}), and AWS allows one attachment per VPC and transit gateway`,
    );
  const zones = new Map<string, string>();
  edit.subnetIds.forEach((subnetId, at) => {
    const field = `subnetIds[${at}]`;
    const subnet = findSubnet(estate, subnetId, field);
    if (subnet.vpcId !== edit.vpcId)
      throw new FieldError(field, `${subnetId} is in ${subnet.vpcId}, not ${edit.vpcId}`);
    const zone = subnet.availabilityZone;
    if (zone === null)
      throw new FieldError(field, `the Availability Zone of ${subnetId} is not in the snapshot`);
    const other = zones.get(zone);
    if (other !== undefined)
      throw new FieldError(
        field,
        `${subnetId} and ${other} are both in ${zone}: an attachment takes one subnet per Availability Zone`,
      );
    zones.set(zone, subnetId);
  });
  const attachment: TransitGatewayAttachment = {
    id: edit.attachmentId,
    transitGatewayId: edit.transitGatewayId,
    resourceType: 'vpc',
    resourceId: edit.vpcId,
    state: 'available',
    routeTableId: edit.defaultAssociation === false ? null : (gateway?.defaultAssociationTableId ?? null),
    vpc: {
      subnetIds: [...edit.subnetIds],
      applianceMode: edit.applianceMode ?? false,
      // AWS's default for a new VPC attachment.
      securityGroupReferencing: edit.securityGroupReferencing ?? true,
    },
    source,
  };
  return [...attachments, attachment];
}

/**
 * The table AWS propagates the new attachment's ranges to: the transit gateway's default propagation
 * table, unless the edit says otherwise; null when there is none or the export does not name it.
 */
export function defaultPropagationTable(estate: Estate, edit: AttachEdit): string | null {
  if (edit.defaultPropagation === false) return null;
  const gateway = estate.transitGateways.find((one) => one.id === edit.transitGatewayId);
  return gateway?.defaultPropagationTableId ?? null;
}
