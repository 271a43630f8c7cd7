import type { Estate } from '../domain/estate';
import { type Cidr, cidrWithin, parseCidr } from '../domain/ip';

/**
 * Centralized egress (docs/semantics/aws.md): a VPC that a transit gateway route leads more than its
 * own addresses to may carry the internet traffic of every VPC attached to that transit gateway
 * through its NAT gateways, so what decides their way out decides theirs.
 */
export class EgressReach {
  private readonly natSubnets = new Map<string, string>();
  private readonly natVpcs = new Map<string, string>();
  /** VPCs a route of a transit gateway leads more than their own addresses to, and that transit gateway's VPCs. */
  private readonly served = new Map<string, Set<string>>();

  constructor(...estates: readonly Estate[]) {
    const attached = new Map<string, Set<string>>();
    const gatewayOf = new Map<string, string>();
    const ranges = new Map<string, Cidr[]>();
    for (const estate of estates) {
      for (const workload of estate.workloads) {
        if (workload.kind !== 'nat-gateway') continue;
        this.natSubnets.set(workload.subnetId, workload.vpcId);
        this.natVpcs.set(workload.id, workload.vpcId);
      }
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
  }

  /** The VPC itself, and those whose internet traffic a transit gateway may carry to it. */
  servedBy(vpcId: string): ReadonlySet<string> {
    return this.served.get(vpcId) ?? new Set([vpcId]);
  }

  /** Those whose internet traffic may pass a NAT gateway in the subnet; none if it holds none. */
  throughNatSubnet(subnetId: string): ReadonlySet<string> {
    const vpc = this.natSubnets.get(subnetId);
    return vpc === undefined ? new Set() : this.servedBy(vpc);
  }

  /** Those whose internet traffic may pass the workload, if it is a NAT gateway's interface. */
  throughNatGateway(workloadId: string): ReadonlySet<string> {
    const vpc = this.natVpcs.get(workloadId);
    return vpc === undefined ? new Set() : this.servedBy(vpc);
  }
}
