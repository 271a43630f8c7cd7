import { perItem } from './draft';
import { enableOption } from './transitGateways';

/**
 * `aws ec2 describe-transit-gateway-attachments`: every attachment of every transit gateway the account
 * sees, with the route table it is associated with. That table routes what enters the transit
 * gateway through the attachment ("Each VPC or VPN attachment is associated with a single route table").
 */
export const transitGatewayAttachmentsExport = perItem(
  'TransitGatewayAttachments',
  'describe-transit-gateway-attachments',
  (attachment, into) => {
    const association = attachment.at('Association');
    into.transitGatewayAttachments.push({
      id: attachment.str('TransitGatewayAttachmentId'),
      transitGatewayId: attachment.str('TransitGatewayId'),
      resourceType: attachment.str('ResourceType'),
      resourceId: attachment.str('ResourceId'),
      state: attachment.str('State'),
      routeTableId: association.optional((found) => found.str('TransitGatewayRouteTableId')),
      source: attachment.source,
    });
  },
);

/**
 * `aws ec2 describe-transit-gateway-vpc-attachments`: a VPC attachment's subnets, one per Availability
 * Zone (the transit gateway's interfaces sit there), its appliance mode, which decides the zone
 * traffic enters the VPC in, and whether it lets security groups name groups across the transit gateway.
 */
export const transitGatewayVpcAttachmentsExport = perItem(
  'TransitGatewayVpcAttachments',
  'describe-transit-gateway-vpc-attachments',
  (attachment, into) => {
    const options = attachment.at('Options');
    into.transitGatewayVpcAttachments.push({
      id: attachment.str('TransitGatewayAttachmentId'),
      transitGatewayId: attachment.str('TransitGatewayId'),
      resourceType: 'vpc',
      resourceId: attachment.str('VpcId'),
      state: attachment.str('State'),
      vpc: {
        subnetIds: attachment.list('SubnetIds').map((subnet) => subnet.string()),
        applianceMode: enableOption(options, 'ApplianceModeSupport') === true,
        securityGroupReferencing: enableOption(options, 'SecurityGroupReferencingSupport'),
      },
      source: attachment.source,
    });
  },
);
