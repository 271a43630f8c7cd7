import type { NetworkPlan, TransitGatewayPlan } from '../plan/network';
import { ACCOUNT, type Json, tagList } from './common';

/** aws ec2 describe-transit-gateways: the one transit gateway, with AWS's default options. */
function renderTransitGateways(gateway: TransitGatewayPlan): Json {
  return {
    TransitGateways: [
      {
        TransitGatewayId: gateway.id,
        TransitGatewayArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:transit-gateway/${gateway.id}`,
        State: 'available',
        OwnerId: ACCOUNT,
        Description: 'bench hub',
        CreationTime: '2026-06-01T00:00:00+00:00',
        Options: {
          AmazonSideAsn: 64512,
          AutoAcceptSharedAttachments: 'disable',
          DefaultRouteTableAssociation: 'enable',
          AssociationDefaultRouteTableId: gateway.routeTableId,
          DefaultRouteTablePropagation: 'enable',
          PropagationDefaultRouteTableId: gateway.routeTableId,
          VpnEcmpSupport: 'enable',
          DnsSupport: 'enable',
          SecurityGroupReferencingSupport: 'disable',
          MulticastSupport: 'disable',
        },
        Tags: tagList({ Name: 'bench-hub' }),
      },
    ],
  };
}

/** aws ec2 describe-transit-gateway-attachments: each attachment with its route table. */
function renderTransitGatewayAttachments(gateway: TransitGatewayPlan): Json {
  return {
    TransitGatewayAttachments: gateway.attachments.map((attachment) => ({
      TransitGatewayAttachmentId: attachment.id,
      TransitGatewayId: gateway.id,
      TransitGatewayOwnerId: ACCOUNT,
      ResourceOwnerId: ACCOUNT,
      ResourceType: 'vpc',
      ResourceId: attachment.vpc.id,
      State: 'available',
      Association: { TransitGatewayRouteTableId: gateway.routeTableId, State: 'associated' },
      CreationTime: '2026-06-01T00:00:00+00:00',
      Tags: tagList({ Name: `bench-vpc-${attachment.vpc.index}` }),
    })),
  };
}

/** aws ec2 describe-transit-gateway-vpc-attachments: their subnets and options. */
function renderTransitGatewayVpcAttachments(gateway: TransitGatewayPlan): Json {
  return {
    TransitGatewayVpcAttachments: gateway.attachments.map((attachment) => ({
      TransitGatewayAttachmentId: attachment.id,
      TransitGatewayId: gateway.id,
      VpcId: attachment.vpc.id,
      VpcOwnerId: ACCOUNT,
      State: 'available',
      SubnetIds: attachment.subnets.map((subnet) => subnet.id),
      CreationTime: '2026-06-01T00:00:00+00:00',
      Options: {
        DnsSupport: 'enable',
        SecurityGroupReferencingSupport: 'disable',
        Ipv6Support: 'disable',
        ApplianceModeSupport: 'disable',
      },
      Tags: tagList({ Name: `bench-vpc-${attachment.vpc.index}` }),
    })),
  };
}

/** aws ec2 search-transit-gateway-routes of the one table: each VPC's range, propagated from its attachment. */
function renderTransitGatewayRoutes(gateway: TransitGatewayPlan): Json {
  return {
    Routes: gateway.attachments.map((attachment) => ({
      DestinationCidrBlock: attachment.vpc.cidr,
      TransitGatewayAttachments: [
        { ResourceId: attachment.vpc.id, TransitGatewayAttachmentId: attachment.id, ResourceType: 'vpc' },
      ],
      Type: 'propagated',
      State: 'active',
    })),
    AdditionalRoutesAvailable: false,
  };
}

/** The files of the transit gateway, its routes named after their table as Faultline reads them. */
export function transitGatewayDocuments(plan: NetworkPlan): [string, Json][] {
  const gateway = plan.transitGateway;
  if (gateway === null) return [];
  return [
    ['describe-transit-gateways.json', renderTransitGateways(gateway)],
    ['describe-transit-gateway-attachments.json', renderTransitGatewayAttachments(gateway)],
    ['describe-transit-gateway-vpc-attachments.json', renderTransitGatewayVpcAttachments(gateway)],
    [`search-transit-gateway-routes-${gateway.routeTableId}.json`, renderTransitGatewayRoutes(gateway)],
  ];
}
