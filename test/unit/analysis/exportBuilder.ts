import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../main/core/domain/estate';
import type { ImportInput } from '../../../main/core/input/importInput';

/**
 * Small estates written as the JSON `aws ec2 describe-*` prints, so tests go through the real importer.
 * Only kinds that were given are exported: leaving out route tables or NACLs is a case under test.
 */
type Json = Record<string, unknown>;

export interface Peers {
  readonly cidrs?: readonly string[];
  readonly ipv6?: readonly string[];
  readonly groups?: readonly string[];
  readonly prefixLists?: readonly string[];
}

const account = '111122223333';

/** An IpPermission; ports are FromPort/ToPort (for icmp: type and code), null for protocols without. */
export function permission(protocol: string, ports: readonly [number, number] | null, peers: Peers): Json {
  return {
    IpProtocol: protocol,
    ...(ports === null ? {} : { FromPort: ports[0], ToPort: ports[1] }),
    IpRanges: (peers.cidrs ?? []).map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: (peers.ipv6 ?? []).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: (peers.prefixLists ?? []).map((PrefixListId) => ({ PrefixListId })),
    UserIdGroupPairs: (peers.groups ?? []).map((GroupId) => ({ GroupId, UserId: account })),
  };
}

export const tcp = (from: number, to: number, peers: Peers) => permission('tcp', [from, to], peers);
export const allTraffic = (peers: Peers) => permission('-1', null, peers);
export const anywhere: Peers = { cidrs: ['0.0.0.0/0'] };

/** NACL entries print protocols as numbers, as AWS does. */
const protocolNumber: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1' };

export interface EntryOptions {
  readonly ports?: readonly [number, number];
  readonly icmp?: readonly [type: number, code: number];
}

export function aclEntry(
  ruleNumber: number,
  egress: boolean,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  options: EntryOptions = {},
): Json {
  return {
    [cidr.includes(':') ? 'Ipv6CidrBlock' : 'CidrBlock']: cidr,
    Egress: egress,
    ...(options.icmp ? { IcmpTypeCode: { Code: options.icmp[1], Type: options.icmp[0] } } : {}),
    ...(options.ports ? { PortRange: { From: options.ports[0], To: options.ports[1] } } : {}),
    Protocol: protocolNumber[protocol] ?? protocol,
    RuleAction: action,
    RuleNumber: ruleNumber,
  };
}

/**
 * A transit gateway route as search-transit-gateway-routes prints it: to VPC attachments, given as
 * [attachment, VPC] pairs, or to none for a blackhole.
 */
export function transitGatewayRoute(
  destination: string,
  targets: readonly (readonly [attachmentId: string, vpcId: string])[],
  options: { type?: string; state?: string } = {},
): Json {
  return {
    DestinationCidrBlock: destination,
    ...(targets.length === 0
      ? {}
      : {
          TransitGatewayAttachments: targets.map(([TransitGatewayAttachmentId, ResourceId]) => ({
            ResourceId,
            ResourceType: 'vpc',
            TransitGatewayAttachmentId,
          })),
        }),
    Type: options.type ?? 'propagated',
    State: options.state ?? (targets.length === 0 ? 'blackhole' : 'active'),
  };
}

/** A route; the target's id prefix picks the key AWS prints it under. */
export function route(destination: string, target: string, state = 'active'): Json {
  const destinationKey = destination.startsWith('pl-')
    ? 'DestinationPrefixListId'
    : destination.includes(':')
      ? 'DestinationIpv6CidrBlock'
      : 'DestinationCidrBlock';
  const targetKey = target.startsWith('pcx-')
    ? 'VpcPeeringConnectionId'
    : target.startsWith('tgw-')
      ? 'TransitGatewayId'
      : target.startsWith('nat-')
        ? 'NatGatewayId'
        : target.startsWith('eni-')
          ? 'NetworkInterfaceId'
          : target.startsWith('eigw-')
            ? 'EgressOnlyInternetGatewayId'
            : target.startsWith('arn:')
              ? 'CoreNetworkArn'
              : 'GatewayId';
  return { [destinationKey]: destination, [targetKey]: target, Origin: 'CreateRoute', State: state };
}

/** A route a virtual private gateway propagated, as describe-route-tables prints one. */
export function propagatedRoute(destination: string, gateway: string, state = 'active'): Json {
  return { ...route(destination, gateway, state), Origin: 'EnableVgwRoutePropagation' };
}

const exportKeys = {
  Vpcs: 'describe-vpcs',
  Subnets: 'describe-subnets',
  SecurityGroups: 'describe-security-groups',
  NetworkAcls: 'describe-network-acls',
  NetworkInterfaces: 'describe-network-interfaces',
  Reservations: 'describe-instances',
  SecurityGroupRules: 'describe-security-group-rules',
  PrefixLists: 'describe-managed-prefix-lists',
  RouteTables: 'describe-route-tables',
  VpcPeeringConnections: 'describe-vpc-peering-connections',
  TransitGateways: 'describe-transit-gateways',
  TransitGatewayAttachments: 'describe-transit-gateway-attachments',
  TransitGatewayVpcAttachments: 'describe-transit-gateway-vpc-attachments',
} as const;

export class AwsExportBuilder {
  private readonly lists: Record<keyof typeof exportKeys, Json[]> = {
    Vpcs: [],
    Subnets: [],
    SecurityGroups: [],
    SecurityGroupRules: [],
    NetworkAcls: [],
    NetworkInterfaces: [],
    Reservations: [],
    PrefixLists: [],
    RouteTables: [],
    VpcPeeringConnections: [],
    TransitGateways: [],
    TransitGatewayAttachments: [],
    TransitGatewayVpcAttachments: [],
  };
  private readonly vpcOfSubnet = new Map<string, string>();
  /** describe-vpc-block-public-access-exclusions' list, once one was asked for, even empty. */
  private exclusions: Json[] | null = null;
  /** search-transit-gateway-routes output by table: one file each, named after the table. */
  private readonly transitGatewayTables = new Map<string, Json>();
  /** get-managed-prefix-list-entries output by list: one file each, named after the list. */
  private readonly prefixListEntryFiles = new Map<string, Json>();

  /** One reservation per instance, listing the instance's ENIs as describe-instances does. */
  private instanceEnis(instanceId: string): Json[] {
    const found = this.lists.Reservations.flatMap((reservation) => reservation.Instances as Json[]).find(
      (instance) => instance.InstanceId === instanceId,
    );
    if (found !== undefined) return found.NetworkInterfaces as Json[];
    const enis: Json[] = [];
    this.lists.Reservations.push({
      Instances: [{ InstanceId: instanceId, NetworkInterfaces: enis, State: { Name: 'running' } }],
    });
    return enis;
  }

  vpc(id: string, cidr: string): this {
    this.lists.Vpcs.push({
      CidrBlock: cidr,
      IsDefault: false,
      OwnerId: account,
      State: 'available',
      VpcId: id,
    });
    return this;
  }

  /** An IPv6 block of the VPC as describe-vpcs prints it, public (Amazon's) or private (IPAM's). */
  vpcIpv6(vpcId: string, cidr: string, attribute: 'public' | 'private'): this {
    const vpc = this.lists.Vpcs.find((one) => one.VpcId === vpcId);
    if (vpc === undefined) throw new Error(`no VPC ${vpcId}`);
    vpc.Ipv6CidrBlockAssociationSet = [
      ...((vpc.Ipv6CidrBlockAssociationSet as Json[] | undefined) ?? []),
      {
        AssociationId: `vpc-cidr-assoc-${vpcId}`,
        Ipv6CidrBlock: cidr,
        Ipv6CidrBlockState: { State: 'associated' },
        NetworkBorderGroup: 'eu-west-1',
        Ipv6Pool: attribute === 'public' ? 'Amazon' : 'ipam-pool-0a1b2c3d4e5f60001',
        Ipv6AddressAttribute: attribute,
        IpSource: attribute === 'public' ? 'amazon' : 'none',
      },
    ];
    return this;
  }

  /** VPC Block Public Access as describe-vpcs prints it on the VPC. */
  blockPublicAccess(vpcId: string, mode: 'off' | 'block-bidirectional' | 'block-ingress'): this {
    const vpc = this.lists.Vpcs.find((one) => one.VpcId === vpcId);
    if (vpc === undefined) throw new Error(`no VPC ${vpcId}`);
    vpc.BlockPublicAccessStates = { InternetGatewayBlockMode: mode };
    return this;
  }

  /**
   * A Block Public Access exclusion of a VPC or subnet as describe-vpc-block-public-access-exclusions
   * prints it; with no arguments, that output listing none.
   */
  blockPublicAccessExclusion(
    resourceId?: string,
    mode: 'allow-bidirectional' | 'allow-egress' = 'allow-bidirectional',
    state = 'create-complete',
  ): this {
    this.exclusions ??= [];
    if (resourceId === undefined) return this;
    const kind = resourceId.startsWith('vpc-') ? 'vpc' : 'subnet';
    this.exclusions.push({
      ExclusionId: `vpcbpa-exclude-${resourceId}`,
      InternetGatewayExclusionMode: mode,
      ResourceArn: `arn:aws:ec2:eu-west-1:${account}:${kind}/${resourceId}`,
      State: state,
      CreationTimestamp: '2026-11-02T09:14:07+00:00',
      LastUpdateTimestamp: '2026-11-02T09:14:38+00:00',
      Tags: [],
    });
    return this;
  }

  subnet(id: string, vpcId: string, cidr: string, ipv6Cidr?: string, zone = 'eu-west-1a'): this {
    this.vpcOfSubnet.set(id, vpcId);
    const ipv6 =
      ipv6Cidr === undefined
        ? []
        : [{ Ipv6CidrBlock: ipv6Cidr, Ipv6CidrBlockState: { State: 'associated' } }];
    this.lists.Subnets.push({
      AvailabilityZone: zone,
      CidrBlock: cidr,
      Ipv6CidrBlockAssociationSet: ipv6,
      SubnetId: id,
      VpcId: vpcId,
    });
    return this;
  }

  /** An IPv6-only subnet as describe-subnets prints it: `Ipv6Native`, no IPv4 block. */
  ipv6OnlySubnet(id: string, vpcId: string, ipv6Cidr: string, zone = 'eu-west-1a'): this {
    this.vpcOfSubnet.set(id, vpcId);
    this.lists.Subnets.push({
      AvailabilityZone: zone,
      AvailableIpAddressCount: 0,
      Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: ipv6Cidr, Ipv6CidrBlockState: { State: 'associated' } }],
      Ipv6Native: true,
      SubnetId: id,
      VpcId: vpcId,
    });
    return this;
  }

  /** Gives a subnet the zone name and id describe-subnets prints in the subnet's account. */
  zone(subnetId: string, name: string, zoneId: string): this {
    const subnet = this.lists.Subnets.find((one) => one.SubnetId === subnetId);
    if (subnet === undefined) throw new Error(`no subnet ${subnetId}`);
    Object.assign(subnet, { AvailabilityZone: name, AvailabilityZoneId: zoneId });
    return this;
  }

  group(id: string, vpcId: string, rules: { ingress?: Json[]; egress?: Json[]; name?: string }): this {
    this.lists.SecurityGroups.push({
      Description: id,
      GroupName: rules.name ?? id,
      IpPermissions: rules.ingress ?? [],
      OwnerId: account,
      GroupId: id,
      IpPermissionsEgress: rules.egress ?? [],
      VpcId: vpcId,
    });
    return this;
  }

  /** ENIs with an instance also export that instance, as describe-instances prints it. */
  eni(
    id: string,
    subnetId: string,
    options: {
      ips: string[];
      groups: string[];
      ipv6?: string[];
      instance?: readonly [id: string, device: number, networkCard?: number];
      publicIp?: string;
      /** Elastic IPs of secondary private addresses, by private address. */
      elasticIps?: Readonly<Record<string, string>>;
      /** Delegated prefixes, IPv4 and IPv6 (`Ipv4Prefixes`, `Ipv6Prefixes`). */
      prefixes?: readonly string[];
    },
  ): this {
    const [instanceId, deviceIndex, networkCard = 0] = options.instance ?? [];
    // AWS prints each address's association in the list too; the primary's is also the ENI's own.
    const associated = (address: string, index: number) => {
      const publicIp = index === 0 ? options.publicIp : options.elasticIps?.[address];
      return publicIp ? { Association: { IpOwnerId: 'amazon', PublicIp: publicIp } } : {};
    };
    this.lists.NetworkInterfaces.push({
      ...(options.publicIp ? { Association: { IpOwnerId: 'amazon', PublicIp: options.publicIp } } : {}),
      Groups: options.groups.map((GroupId) => ({ GroupName: GroupId, GroupId })),
      InterfaceType: 'interface',
      Ipv6Addresses: (options.ipv6 ?? []).map((Ipv6Address) => ({ Ipv6Address })),
      ...(options.prefixes
        ? {
            Ipv4Prefixes: options.prefixes
              .filter((p) => !p.includes(':'))
              .map((Ipv4Prefix) => ({ Ipv4Prefix })),
            Ipv6Prefixes: options.prefixes
              .filter((p) => p.includes(':'))
              .map((Ipv6Prefix) => ({ Ipv6Prefix })),
          }
        : {}),
      NetworkInterfaceId: id,
      PrivateIpAddress: options.ips[0],
      PrivateIpAddresses: options.ips.map((PrivateIpAddress, index) => ({
        ...associated(PrivateIpAddress, index),
        Primary: index === 0,
        PrivateIpAddress,
      })),
      Status: 'in-use',
      SubnetId: subnetId,
      TagSet: [],
      VpcId: this.vpcOfSubnet.get(subnetId),
      ...(instanceId === undefined
        ? {}
        : {
            Attachment: {
              DeviceIndex: deviceIndex,
              InstanceId: instanceId,
              NetworkCardIndex: networkCard,
              Status: 'attached',
            },
          }),
    });
    if (instanceId !== undefined) this.instanceEnis(instanceId).push({ NetworkInterfaceId: id });
    return this;
  }

  /** A NAT gateway's interface as describe-network-interfaces prints it: no groups, the gateway named in its description. */
  natGateway(
    natId: string,
    eniId: string,
    subnetId: string,
    options: { ip: string; publicIp?: string },
  ): this {
    this.eni(eniId, subnetId, {
      ips: [options.ip],
      groups: [],
      ...(options.publicIp ? { publicIp: options.publicIp } : {}),
    });
    Object.assign(this.lists.NetworkInterfaces.at(-1) as Json, {
      Description: `Interface for NAT Gateway ${natId}`,
      InterfaceType: 'nat_gateway',
      RequesterManaged: true,
    });
    return this;
  }

  /**
   * A VPC endpoint's interface as describe-network-interfaces prints it: requester-managed, the endpoint
   * named in its description. A Gateway Load Balancer endpoint's carries no group; an interface
   * endpoint's carries the groups it was given.
   */
  vpcEndpoint(
    endpointId: string,
    eniId: string,
    subnetId: string,
    options: { ip: string; groups?: string[]; gatewayLoadBalancer?: boolean },
  ): this {
    this.eni(eniId, subnetId, {
      ips: [options.ip],
      groups: options.gatewayLoadBalancer ? [] : (options.groups ?? []),
    });
    Object.assign(this.lists.NetworkInterfaces.at(-1) as Json, {
      Description: `VPC Endpoint Interface ${endpointId}`,
      InterfaceType: options.gatewayLoadBalancer ? 'gateway_load_balancer_endpoint' : 'vpc_endpoint',
      RequesterManaged: true,
    });
    return this;
  }

  /** A Lambda function's Hyperplane interface as describe-network-interfaces prints it: requester-managed. */
  lambdaInterface(
    functionName: string,
    eniId: string,
    subnetId: string,
    options: { ip: string; groups: string[] },
  ): this {
    this.eni(eniId, subnetId, { ips: [options.ip], groups: options.groups });
    Object.assign(this.lists.NetworkInterfaces.at(-1) as Json, {
      Description: `AWS Lambda VPC ENI-${functionName}-0f4c1d2e-3a4b-5c6d-7e8f-90a1b2c3d4e5`,
      InterfaceType: 'lambda',
      RequesterId: 'AROAEXAMPLEID:0f4c1d2e3a4b5c6d',
      RequesterManaged: true,
    });
    return this;
  }

  /**
   * A transit gateway attachment's interface as describe-network-interfaces prints it: requester-managed,
   * no group, the attachment named in its description.
   */
  transitGatewayInterface(
    attachmentId: string,
    eniId: string,
    subnetId: string,
    options: { ip: string },
  ): this {
    this.eni(eniId, subnetId, { ips: [options.ip], groups: [] });
    Object.assign(this.lists.NetworkInterfaces.at(-1) as Json, {
      Description: `Network Interface for Transit Gateway Attachment ${attachmentId}`,
      InterfaceType: 'transit_gateway',
      RequesterId: '123456789012',
      RequesterManaged: true,
    });
    return this;
  }

  /**
   * AWS prints the catch-all 32767 deny entries of both directions; so does this. `ipv6`: the ACL of a
   * VPC with an IPv6 block, which also has the IPv6 catch-all, 32768.
   */
  acl(
    id: string,
    vpcId: string,
    options: { subnets: string[]; entries: Json[]; isDefault?: boolean; ipv6?: boolean },
  ): this {
    this.lists.NetworkAcls.push({
      Associations: options.subnets.map((SubnetId, index) => ({
        NetworkAclAssociationId: `aclassoc-${id}-${index}`,
        NetworkAclId: id,
        SubnetId,
      })),
      Entries: [
        ...options.entries,
        aclEntry(32767, true, 'deny', 'all', '0.0.0.0/0'),
        aclEntry(32767, false, 'deny', 'all', '0.0.0.0/0'),
        ...(options.ipv6
          ? [aclEntry(32768, true, 'deny', 'all', '::/0'), aclEntry(32768, false, 'deny', 'all', '::/0')]
          : []),
      ],
      IsDefault: options.isDefault ?? false,
      NetworkAclId: id,
      Tags: [],
      VpcId: vpcId,
    });
    return this;
  }

  /** The VPC's local routes are added for its CIDR and IPv6 blocks, as every AWS route table has them. */
  routeTable(
    id: string,
    vpcId: string,
    /** `gateways`: an edge association, as a gateway route table has. */
    options: { main?: boolean; subnets?: string[]; gateways?: string[]; routes: Json[] },
  ): this {
    const vpc = this.lists.Vpcs.find((one) => one.VpcId === vpcId);
    const blocks = [
      vpc?.CidrBlock as string,
      ...((vpc?.Ipv6CidrBlockAssociationSet as Json[] | undefined) ?? []).map(
        (block) => block.Ipv6CidrBlock as string,
      ),
    ];
    this.lists.RouteTables.push({
      Associations: [
        ...(options.main ? [{ Main: true, RouteTableId: id }] : []),
        ...(options.subnets ?? []).map((SubnetId) => ({ Main: false, RouteTableId: id, SubnetId })),
        ...(options.gateways ?? []).map((GatewayId) => ({
          AssociationState: { State: 'associated' },
          GatewayId,
          Main: false,
          RouteTableAssociationId: `rtbassoc-${GatewayId}`,
          RouteTableId: id,
        })),
      ],
      RouteTableId: id,
      Routes: [
        ...blocks.map((block) => ({ ...route(block, 'local'), Origin: 'CreateRouteTable' })),
        ...options.routes,
      ],
      VpcId: vpcId,
    });
    return this;
  }

  peering(id: string, requesterVpcId: string, accepterVpcId: string, status = 'active'): this {
    this.lists.VpcPeeringConnections.push({
      AccepterVpcInfo: { OwnerId: account, VpcId: accepterVpcId },
      RequesterVpcInfo: { OwnerId: account, VpcId: requesterVpcId },
      Status: { Code: status, Message: status },
      VpcPeeringConnectionId: id,
    });
    return this;
  }

  /**
   * A VPC attachment to a transit gateway, as describe-transit-gateway-attachments prints it (with the
   * route table it is associated with, null for none; left out of that output when undefined) and as
   * describe-transit-gateway-vpc-attachments does (its subnets and appliance mode; left out when
   * `subnets` is undefined).
   */
  transitGatewayVpcAttachment(
    id: string,
    transitGatewayId: string,
    vpcId: string,
    options: {
      subnets?: string[];
      routeTableId?: string | null;
      state?: string;
      applianceMode?: boolean;
      /** SecurityGroupReferencingSupport, AWS's default `enable`; null leaves it out, as older CLIs do. */
      referencing?: 'enable' | 'disable' | null;
    },
  ): this {
    const State = options.state ?? 'available';
    if (options.routeTableId !== undefined) {
      this.lists.TransitGatewayAttachments.push({
        ...(options.routeTableId === null
          ? {}
          : { Association: { State: 'associated', TransitGatewayRouteTableId: options.routeTableId } }),
        ResourceId: vpcId,
        ResourceOwnerId: account,
        ResourceType: 'vpc',
        State,
        Tags: [],
        TransitGatewayAttachmentId: id,
        TransitGatewayId: transitGatewayId,
        TransitGatewayOwnerId: account,
      });
    }
    if (options.subnets !== undefined) {
      this.lists.TransitGatewayVpcAttachments.push({
        Options: {
          ApplianceModeSupport: options.applianceMode ? 'enable' : 'disable',
          DnsSupport: 'enable',
          ...(options.referencing === null
            ? {}
            : { SecurityGroupReferencingSupport: options.referencing ?? 'enable' }),
          Ipv6Support: 'disable',
        },
        State,
        SubnetIds: options.subnets,
        Tags: [],
        TransitGatewayAttachmentId: id,
        TransitGatewayId: transitGatewayId,
        VpcId: vpcId,
        VpcOwnerId: account,
      });
    }
    return this;
  }

  /**
   * describe-transit-gateways; `referencing` null leaves SecurityGroupReferencingSupport out, as older
   * CLIs do. Default tables: a table's id, `disable`, or (absent) enabled with no table named.
   */
  transitGateway(
    id: string,
    referencing: 'enable' | 'disable' | null,
    state = 'available',
    tags: Record<string, string> = {},
    defaults: { readonly association?: string; readonly propagation?: string } = {},
  ): this {
    const option = (table: string | undefined, idKey: string) =>
      table === undefined || table === 'disable' ? {} : { [idKey]: table };
    this.lists.TransitGateways.push({
      TransitGatewayId: id,
      TransitGatewayArn: `arn:aws:ec2:eu-west-1:${account}:transit-gateway/${id}`,
      State: state,
      OwnerId: account,
      Description: '',
      CreationTime: '2026-01-12T09:30:00.000Z',
      Options: {
        AmazonSideAsn: 64512,
        AutoAcceptSharedAttachments: 'disable',
        DefaultRouteTableAssociation: defaults.association === 'disable' ? 'disable' : 'enable',
        ...option(defaults.association, 'AssociationDefaultRouteTableId'),
        DefaultRouteTablePropagation: defaults.propagation === 'disable' ? 'disable' : 'enable',
        ...option(defaults.propagation, 'PropagationDefaultRouteTableId'),
        VpnEcmpSupport: 'enable',
        DnsSupport: 'enable',
        ...(referencing === null ? {} : { SecurityGroupReferencingSupport: referencing }),
        MulticastSupport: 'disable',
      },
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    });
    return this;
  }

  /** search-transit-gateway-routes output for one table, saved under the table's id. */
  transitGatewayRoutes(tableId: string, routes: Json[], options: { complete?: boolean } = {}): this {
    this.transitGatewayTables.set(tableId, {
      Routes: routes,
      AdditionalRoutesAvailable: options.complete === false,
    });
    return this;
  }

  /** null entries: describe-managed-prefix-lists, which does not print them; a list: describe-prefix-lists' Cidrs. */
  prefixList(id: string, name: string, cidrs: string[] | null): this {
    this.lists.PrefixLists.push({
      PrefixListId: id,
      AddressFamily: 'IPv4',
      PrefixListName: name,
      ...(cidrs === null ? {} : { Cidrs: cidrs }),
    });
    return this;
  }

  /**
   * A prefix list as describe-managed-prefix-lists prints it, without entries: a customer's (owned by
   * this account) or one AWS manages (`com.amazonaws.…`, owned by `AWS`).
   */
  managedPrefixList(id: string, name: string, family: 'IPv4' | 'IPv6'): this {
    const owner = name.startsWith('com.amazonaws.') ? 'AWS' : account;
    this.lists.PrefixLists.push({
      PrefixListId: id,
      AddressFamily: family,
      State: 'create-complete',
      PrefixListArn: `arn:aws:ec2:eu-west-1:${owner === 'AWS' ? 'aws' : account}:prefix-list/${id}`,
      PrefixListName: name,
      MaxEntries: owner === 'AWS' ? null : 10,
      Version: owner === 'AWS' ? null : 1,
      Tags: [],
      OwnerId: owner,
    });
    return this;
  }

  /** get-managed-prefix-list-entries output for one list, saved under the list's id. */
  prefixListEntries(id: string, cidrs: readonly string[]): this {
    this.prefixListEntryFiles.set(id, {
      Entries: cidrs.map((Cidr, index) => ({ Cidr, Description: `entry ${index}` })),
    });
    return this;
  }

  /**
   * The rules of a group as describe-security-group-rules prints them: one per peer of each
   * IpPermission, with its own `sgr-` id, -1/-1 for ports where the permission has none.
   */
  securityGroupRules(groupId: string, rules: { ingress?: Json[]; egress?: Json[] }): this {
    const peers = (permission: Json): Json[] => [
      ...(permission.IpRanges as Json[]).map((range) => ({ CidrIpv4: range.CidrIp })),
      ...(permission.Ipv6Ranges as Json[]).map((range) => ({ CidrIpv6: range.CidrIpv6 })),
      ...(permission.PrefixListIds as Json[]).map((list) => ({ PrefixListId: list.PrefixListId })),
      ...(permission.UserIdGroupPairs as Json[]).map((pair) => ({
        ReferencedGroupInfo: { GroupId: pair.GroupId, UserId: pair.UserId },
      })),
    ];
    const direction = (permissions: Json[], egress: boolean) =>
      permissions.flatMap((permission) =>
        peers(permission).map((peer) => ({
          GroupId: groupId,
          GroupOwnerId: account,
          IsEgress: egress,
          IpProtocol: permission.IpProtocol,
          FromPort: permission.FromPort ?? -1,
          ToPort: permission.ToPort ?? -1,
          ...peer,
          Tags: [],
        })),
      );
    for (const rule of [...direction(rules.ingress ?? [], false), ...direction(rules.egress ?? [], true)]) {
      const number = String(this.lists.SecurityGroupRules.length).padStart(17, '0');
      this.lists.SecurityGroupRules.push({ SecurityGroupRuleId: `sgr-${number}`, ...rule });
    }
    return this;
  }

  /** One document per exported kind, named as the command that prints it. */
  documents(): Record<string, Json> {
    return Object.fromEntries([
      ...Object.entries(this.lists)
        .filter(([, items]) => items.length > 0)
        .map(([key, items]) => [`${exportKeys[key as keyof typeof exportKeys]}.json`, { [key]: items }]),
      ...[...this.transitGatewayTables].map(([id, document]) => [
        `search-transit-gateway-routes-${id}.json`,
        document,
      ]),
      ...[...this.prefixListEntryFiles].map(([id, document]) => [
        `get-managed-prefix-list-entries.${id}.json`,
        document,
      ]),
      ...(this.exclusions === null
        ? []
        : [
            [
              'describe-vpc-block-public-access-exclusions.json',
              { VpcBlockPublicAccessExclusions: this.exclusions },
            ],
          ]),
    ]);
  }

  inputs(): ImportInput[] {
    return Object.entries(this.documents()).map(([name, document]) => ({
      kind: 'bytes',
      name,
      data: new TextEncoder().encode(JSON.stringify(document, null, 4)),
    }));
  }

  async estate(): Promise<Estate> {
    return (await readAwsExport(this.inputs())).estate;
  }

  async engine(): Promise<ReachabilityEngine> {
    return new ReachabilityEngine(await this.estate());
  }
}
