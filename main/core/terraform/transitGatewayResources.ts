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

/** A static route of a transit gateway route table. */
export interface DeclaredTransitGatewayRoute {
  readonly routeTableId: string;
  readonly destination: string;
  /** null for a blackhole. */
  readonly attachmentId: string | null;
}

/** An attachment's association with a table, or its propagation to one. */
export interface DeclaredTableLink {
  readonly kind: 'association' | 'propagation';
  readonly attachmentId: string;
  readonly routeTableId: string;
}

/**
 * aws_ec2_transit_gateway_route_table_association and _propagation, before and after: one that
 * exists links the attachment to the table. null for other resource types.
 */
export function declaredTableLinks(change: ResourceChange): Sides<DeclaredTableLink> | null {
  const kind =
    change.type === 'aws_ec2_transit_gateway_route_table_association'
      ? 'association'
      : change.type === 'aws_ec2_transit_gateway_route_table_propagation'
        ? 'propagation'
        : null;
  if (kind === null) return null;
  return sides(change, ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'], (link) => [
    {
      kind,
      attachmentId: link.str('transit_gateway_attachment_id'),
      routeTableId: link.str('transit_gateway_route_table_id'),
    },
  ]);
}

/** aws_ec2_transit_gateway_route, before and after; null for other resource types. */
export function declaredTransitGatewayRoutes(
  change: ResourceChange,
): Sides<DeclaredTransitGatewayRoute> | null {
  if (change.type !== 'aws_ec2_transit_gateway_route') return null;
  return sides(
    change,
    [
      'transit_gateway_route_table_id',
      'destination_cidr_block',
      'transit_gateway_attachment_id',
      'blackhole',
    ],
    (route) => [
      {
        routeTableId: route.str('transit_gateway_route_table_id'),
        destination: route.str('destination_cidr_block'),
        // The provider writes an empty attachment id for a blackhole.
        attachmentId: route.at('blackhole').optional((c) => c.boolean())
          ? null
          : route.optStr('transit_gateway_attachment_id') || null,
      },
    ],
  );
}

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

/** A VPC attachment the plan creates, as aws_ec2_transit_gateway_vpc_attachment declares it. */
export interface DeclaredNewAttachment {
  readonly transitGatewayId: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly applianceMode: boolean;
  /** null when the resource leaves it to AWS's default. */
  readonly securityGroupReferencing: boolean | null;
  /** transit_gateway_default_route_table_association and _propagation, true unless set false. */
  readonly defaultAssociation: boolean;
  readonly defaultPropagation: boolean;
}

/**
 * aws_ec2_transit_gateway_vpc_attachment that the plan creates: its id is known only after apply,
 * but what it attaches is not. null for other resource types and other actions.
 */
export function declaredNewAttachment(change: ResourceChange): Sides<DeclaredNewAttachment> | null {
  if (change.type !== 'aws_ec2_transit_gateway_vpc_attachment' || change.before !== null) return null;
  return sides(change, ['transit_gateway_id', 'vpc_id', 'subnet_ids'], (attachment) => [
    {
      transitGatewayId: attachment.str('transit_gateway_id'),
      vpcId: attachment.str('vpc_id'),
      subnetIds: attachment.list('subnet_ids').map((subnet) => subnet.string()),
      applianceMode: attachment.optStr('appliance_mode_support') === 'enable',
      securityGroupReferencing: option(attachment),
      defaultAssociation: attachment.optBool('transit_gateway_default_route_table_association') ?? true,
      defaultPropagation: attachment.optBool('transit_gateway_default_route_table_propagation') ?? true,
    },
  ]);
}
