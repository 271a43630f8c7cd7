import type { JsonCursor } from '../input/jsonCursor';
import type { ResourceChange } from './planFile';
import { type Sides, sides } from './ruleResources';

/** The security group referencing option of a transit gateway, or of one of its VPC attachments. */
export interface DeclaredReferencing {
  readonly transitGatewayId: string;
  /** null: the transit gateway's own option. */
  readonly attachmentId: string | null;
  /** null when the resource leaves the option out. */
  readonly enabled: boolean | null;
}

const option = (resource: JsonCursor): boolean | null => {
  const value = resource.optStr('security_group_referencing_support');
  return value === null ? null : value === 'enable';
};

/**
 * The option as aws_ec2_transit_gateway and aws_ec2_transit_gateway_vpc_attachment declare it, before
 * and after. null for other resource types.
 */
export function declaredReferencing(change: ResourceChange): Sides<DeclaredReferencing> | null {
  switch (change.type) {
    case 'aws_ec2_transit_gateway':
      return sides(change, ['id', 'security_group_referencing_support'], (gateway) => [
        { transitGatewayId: gateway.str('id'), attachmentId: null, enabled: option(gateway) },
      ]);
    case 'aws_ec2_transit_gateway_vpc_attachment':
      return sides(
        change,
        ['id', 'transit_gateway_id', 'security_group_referencing_support'],
        (attachment) => [
          {
            transitGatewayId: attachment.str('transit_gateway_id'),
            attachmentId: attachment.str('id'),
            enabled: option(attachment),
          },
        ],
      );
    default:
      return null;
  }
}
