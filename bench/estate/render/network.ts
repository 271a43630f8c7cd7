import type { NetworkPlan, VpcPlan } from '../plan/network';
import { awsId } from '../random';
import { ACCOUNT, arn, azId, type Json, REGION, tagList } from './common';

export function renderVpcs(plan: NetworkPlan): Json {
  return {
    Vpcs: plan.vpcs.map((vpc) => ({
      OwnerId: ACCOUNT,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: awsId('vpc-cidr-assoc', vpc.index),
          CidrBlock: vpc.cidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: false,
      Tags: tagList({ Name: `bench-vpc-${vpc.index}`, env: 'bench' }),
      VpcId: vpc.id,
      State: 'available',
      CidrBlock: vpc.cidr,
      DhcpOptionsId: awsId('dopt', 0),
    })),
  };
}

export function renderSubnets(plan: NetworkPlan): Json {
  return {
    Subnets: plan.subnets.map((subnet) => ({
      AvailabilityZoneId: azId(subnet.az),
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: ACCOUNT,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tagList({ Name: `${subnet.tier}-${subnet.az}-${subnet.cidr}`, tier: subnet.tier }),
      SubnetArn: arn('subnet', subnet.id),
      EnableDns64: false,
      Ipv6Native: false,
      SubnetId: subnet.id,
      State: 'available',
      VpcId: subnet.vpc.id,
      CidrBlock: subnet.cidr,
      AvailableIpAddressCount: subnet.hostCount - subnet.used,
      AvailabilityZone: `${REGION}${subnet.az}`,
      DefaultForAz: false,
      MapPublicIpOnLaunch: subnet.tier === 'public',
    })),
  };
}

export function renderPeerings(plan: NetworkPlan): Json {
  const side = (vpc: VpcPlan) => ({
    CidrBlock: vpc.cidr,
    CidrBlockSet: [{ CidrBlock: vpc.cidr }],
    OwnerId: ACCOUNT,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true },
    VpcId: vpc.id,
    Region: REGION,
  });
  return {
    VpcPeeringConnections: plan.peerings.map((peering) => ({
      AccepterVpcInfo: side(peering.accepter),
      RequesterVpcInfo: side(peering.requester),
      Status: { Code: 'active', Message: 'Active' },
      Tags: tagList({ Name: `${peering.requester.cidr}<->${peering.accepter.cidr}` }),
      VpcPeeringConnectionId: peering.id,
    })),
  };
}

export function renderPrefixLists(plan: NetworkPlan): Json {
  return {
    PrefixLists: plan.prefixLists.map((list) => ({
      PrefixListId: list.id,
      AddressFamily: 'IPv4',
      State: 'create-complete',
      PrefixListArn: `arn:aws:ec2:${REGION}:${list.awsManaged ? 'aws' : ACCOUNT}:prefix-list/${list.id}`,
      PrefixListName: list.name,
      ...(list.awsManaged ? {} : { MaxEntries: 10, Version: 1 }),
      Tags: [],
      OwnerId: list.awsManaged ? 'AWS' : ACCOUNT,
    })),
  };
}
