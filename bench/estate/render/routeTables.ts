import { connectedVpcs, type NetworkPlan, type SubnetPlan, type VpcPlan } from '../plan/network';
import { awsId } from '../random';
import { ACCOUNT, type Json } from './common';

const route = (cidr: string) => ({ DestinationCidrBlock: cidr, Origin: 'CreateRoute', State: 'active' });

/**
 * Per VPC: the main table (app subnets use it implicitly), a public table to the internet gateway
 * and a private one to a NAT gateway; peered VPCs get a route to each other in all three, and so do
 * VPCs on the transit gateway, through it.
 */
export function renderRouteTables(plan: NetworkPlan): Json {
  return { RouteTables: plan.vpcs.flatMap((vpc) => vpcRouteTables(plan, vpc)) };
}

function vpcRouteTables(plan: NetworkPlan, vpc: VpcPlan): Json[] {
  const shared = [
    { ...route(vpc.cidr), GatewayId: 'local', Origin: 'CreateRouteTable' },
    ...peeringRoutes(plan, vpc),
  ];
  const nat = { ...route('0.0.0.0/0'), NatGatewayId: awsId('nat', vpc.index) };
  const igw = { ...route('0.0.0.0/0'), GatewayId: awsId('igw', vpc.index) };
  const subnetsOf = (tier: string) => plan.subnets.filter((s) => s.vpc === vpc && s.tier === tier);
  return [
    routeTable(vpc, 0, true, [], [...shared, nat]),
    routeTable(vpc, 1, false, subnetsOf('public'), [...shared, igw]),
    routeTable(vpc, 2, false, subnetsOf('data'), [...shared, nat]),
  ];
}

/** To each peered VPC over its peering, to each other VPC on the transit gateway through it. */
function peeringRoutes(plan: NetworkPlan, vpc: VpcPlan): Json[] {
  const byPeering = plan.peerings.flatMap((peering) => {
    const other =
      peering.requester === vpc ? peering.accepter : peering.accepter === vpc ? peering.requester : null;
    return other === null ? [] : [{ ...route(other.cidr), VpcPeeringConnectionId: peering.id }];
  });
  const gateway = plan.transitGateway;
  const byGateway = connectedVpcs(plan, vpc).transit.map((other) => ({
    ...route(other.cidr),
    TransitGatewayId: gateway?.id,
  }));
  return [...byPeering, ...byGateway];
}

function routeTable(
  vpc: VpcPlan,
  index: number,
  main: boolean,
  subnets: readonly SubnetPlan[],
  routes: Json[],
): Json {
  const tableIndex = vpc.index * 3 + index;
  const id = awsId('rtb', tableIndex);
  const association = (k: number) => ({
    Main: main && k === 0,
    RouteTableAssociationId: awsId('rtbassoc', tableIndex * 100_000 + k),
    RouteTableId: id,
    AssociationState: { State: 'associated' },
  });
  return {
    Associations: [
      ...(main ? [association(0)] : []),
      ...subnets.map((subnet, k) => ({
        ...association(k + 1),
        SubnetId: subnet.id,
      })),
    ],
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: routes,
    Tags: [],
    VpcId: vpc.id,
    OwnerId: ACCOUNT,
  };
}
