import type { Estate } from '../domain/estate';
import { type Cidr, cidrWithin, parseCidr } from '../domain/ip';
import { natGatewayIdOf } from '../domain/workloadKind';

/**
 * Whose internet traffic a NAT gateway carries: the VPCs whose route tables send traffic to it,
 * and, with centralized egress (docs/semantics/aws.md), every VPC attached to a transit gateway
 * that leads more than their own addresses to its VPC. What decides the NAT gateway's way out
 * decides theirs.
 */
export class EgressReach {
  /** By NAT gateway interface (workload id). */
  private readonly byNat = new Map<string, Set<string>>();
  private readonly natsIn = new Map<string, string[]>();
  private readonly natVpcs = new Map<string, string>();
  /** VPCs a route of a transit gateway leads more than their own addresses to, and that transit gateway's VPCs. */
  private readonly served = new Map<string, Set<string>>();

  constructor(...estates: readonly Estate[]) {
    const attached = new Map<string, Set<string>>();
    const gatewayOf = new Map<string, string>();
    const ranges = new Map<string, Cidr[]>();
    const routing = new Map<string, Set<string>>();
    for (const estate of estates) {
      for (const attachment of estate.transitGatewayAttachments) {
        if (attachment.resourceType !== 'vpc') continue;
        const { id, resourceId: vpc, transitGatewayId: gateway } = attachment;
        attached.set(gateway, (attached.get(gateway) ?? new Set()).add(vpc));
        gatewayOf.set(id, gateway);
      }
      for (const vpc of estate.vpcs) {
        const own = [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks].flatMap((text) => parseCidr(text) ?? []);
        ranges.set(vpc.id, [...(ranges.get(vpc.id) ?? []), ...own]);
      }
      for (const table of estate.routeTables)
        for (const route of table.routes)
          if (route.targetKind === 'nat-gateway')
            routing.set(route.targetId, (routing.get(route.targetId) ?? new Set()).add(table.vpcId));
    }
    for (const estate of estates)
      for (const table of estate.transitGatewayRouteTables)
        for (const route of table.routes)
          for (const target of route.targets) {
            const gateway = gatewayOf.get(target.attachmentId);
            if (target.resourceType !== 'vpc' || gateway === undefined) continue;
            const destination = parseCidr(route.destination);
            const own = ranges.get(target.resourceId) ?? [];
            // A prefix list may hold anything.
            if (destination !== null && own.some((range) => cidrWithin(destination, range))) continue;
            const vpcs = this.served.get(target.resourceId) ?? new Set([target.resourceId]);
            for (const vpc of attached.get(gateway) ?? []) vpcs.add(vpc);
            this.served.set(target.resourceId, vpcs);
          }
    for (const estate of estates)
      for (const workload of estate.workloads) {
        const natId = natGatewayIdOf(workload);
        if (natId === null) continue;
        const vpcs = this.byNat.get(workload.id) ?? new Set();
        for (const vpc of [...this.servedBy(workload.vpcId), ...(routing.get(natId) ?? [])]) vpcs.add(vpc);
        this.byNat.set(workload.id, vpcs);
        this.natsIn.set(workload.subnetId, [...(this.natsIn.get(workload.subnetId) ?? []), workload.id]);
        this.natVpcs.set(workload.id, workload.vpcId);
      }
  }

  /** The VPC itself, and those whose internet traffic a transit gateway may carry to it. */
  servedBy(vpcId: string): ReadonlySet<string> {
    return this.served.get(vpcId) ?? new Set([vpcId]);
  }

  /**
   * Those whose traffic comes back in through the VPC's internet gateway: its own, and those of its
   * NAT gateways.
   */
  throughInternetGatewayOf(vpcId: string): ReadonlySet<string> {
    const vpcs = new Set(this.servedBy(vpcId));
    for (const [nat, natVpc] of this.natVpcs)
      if (natVpc === vpcId) for (const vpc of this.throughNatGateway(nat)) vpcs.add(vpc);
    return vpcs;
  }

  /** Those whose internet traffic may pass a NAT gateway in the subnet; none if it holds none. */
  throughNatSubnet(subnetId: string): ReadonlySet<string> {
    const vpcs = new Set<string>();
    for (const nat of this.natsIn.get(subnetId) ?? [])
      for (const vpc of this.throughNatGateway(nat)) vpcs.add(vpc);
    return vpcs;
  }

  /** Those whose internet traffic may pass the workload, if it is a NAT gateway's interface. */
  throughNatGateway(workloadId: string): ReadonlySet<string> {
    return this.byNat.get(workloadId) ?? new Set();
  }
}
