import { perItem } from './draft';

export const peeringConnectionsExport = perItem(
  'VpcPeeringConnections',
  'describe-vpc-peering-connections',
  (peering, into) => {
    into.peeringConnections.push({
      id: peering.str('VpcPeeringConnectionId'),
      requesterVpcId: peering.at('RequesterVpcInfo').str('VpcId'),
      accepterVpcId: peering.at('AccepterVpcInfo').str('VpcId'),
      status: peering.at('Status').str('Code'),
      source: peering.source,
    });
  },
);
