/**
 * Renders the model as the AWS CLI v2 prints it (`--output json`): keys in the order of the EC2
 * service model members, optional members left out when AWS leaves them out, ISO time stamps.
 */
import {
  type AppTags,
  azId,
  type EniDef,
  type InstanceDef,
  images,
  instanceTypes,
  type Model,
  type Peer,
  type Permission,
  type SgDef,
  teamOwner,
} from './model';
import { ACCOUNT, type AwsTag, awsId, hashInt, iamId, isoTime, parseCidr, REGION, tagList } from './util';

type Json = Record<string, unknown>;

const arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;
const privateDns = (ip: string) => `ip-${ip.replaceAll('.', '-')}.eu-west-1.compute.internal`;

function ownerTags(team: AppTags['team'] | undefined): Record<string, string> {
  return team ? { team, owner: teamOwner[team] } : {};
}

export function renderVpcs(model: Model): Json {
  return {
    Vpcs: model.vpcs.map((v) => ({
      OwnerId: ACCOUNT,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        { AssociationId: v.cidrAssociationId, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } },
      ],
      IsDefault: false,
      Tags: tagList(v.tags),
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      VpcId: v.id,
      State: 'available',
      CidrBlock: v.cidr,
      DhcpOptionsId: model.dhcpOptionsId,
    })),
  };
}

export function renderSubnets(model: Model): Json {
  return {
    Subnets: model.subnets.map((s) => ({
      AvailabilityZoneId: azId[s.az],
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: ACCOUNT,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tagList({ Name: s.name, tier: s.tier, env: 'prod' }),
      SubnetArn: arn('subnet', s.id),
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      SubnetId: s.id,
      State: 'available',
      VpcId: s.vpc.id,
      CidrBlock: s.cidr,
      AvailableIpAddressCount: parseCidr(s.cidr).size - 5 - s.used.size,
      AvailabilityZone: `${REGION}${s.az}`,
      DefaultForAz: false,
      MapPublicIpOnLaunch: s.mapPublicIp,
    })),
  };
}

function renderPermission(p: Permission, owner: SgDef, peeringId: string): Json {
  const out: Json = { IpProtocol: p.protocol };
  if (p.protocol !== '-1') {
    out.FromPort = p.from;
    out.ToPort = p.to;
  }
  const withDescription = (peer: Peer, body: Json): Json =>
    peer.description ? { Description: peer.description, ...body } : body;
  out.UserIdGroupPairs = p.peers.flatMap((peer) => {
    if (peer.kind !== 'sg') return [];
    const pair: Json = { UserId: ACCOUNT, GroupId: peer.sg.id };
    if (peer.sg.vpc !== owner.vpc) {
      // A reference to a group in the peered VPC.
      pair.VpcId = peer.sg.vpc.id;
      pair.VpcPeeringConnectionId = peeringId;
      pair.PeeringStatus = 'active';
    }
    return [withDescription(peer, pair)];
  });
  out.IpRanges = p.peers.flatMap((peer) =>
    peer.kind === 'cidr' ? [withDescription(peer, { CidrIp: peer.cidr })] : [],
  );
  out.Ipv6Ranges = p.peers.flatMap((peer) =>
    peer.kind === 'cidr6' ? [withDescription(peer, { CidrIpv6: peer.cidr })] : [],
  );
  out.PrefixListIds = p.peers.flatMap((peer) =>
    peer.kind === 'pl' ? [withDescription(peer, { PrefixListId: peer.pl.id })] : [],
  );
  return out;
}

export function renderSecurityGroups(model: Model): Json {
  return {
    SecurityGroups: model.sgs.map((g) => {
      const out: Json = {
        GroupId: g.id,
        IpPermissionsEgress: g.egress.map((p) => renderPermission(p, g, model.peering.id)),
      };
      if (!g.isDefault) out.Tags = tagList({ Name: g.name, ...ownerTags(g.team), env: 'prod' });
      Object.assign(out, {
        VpcId: g.vpc.id,
        SecurityGroupArn: arn('security-group', g.id),
        OwnerId: ACCOUNT,
        GroupName: g.name,
        Description: g.description,
        IpPermissions: g.ingress.map((p) => renderPermission(p, g, model.peering.id)),
      });
      return out;
    }),
  };
}

export function renderNetworkAcls(model: Model): Json {
  return {
    NetworkAcls: model.nacls.map((n) => ({
      Associations: n.subnets.map((s) => ({
        NetworkAclAssociationId: awsId('aclassoc', `${n.key}/${s.key}`),
        NetworkAclId: n.id,
        SubnetId: s.id,
      })),
      Entries: n.entries.map((e) => {
        const out: Json = { CidrBlock: e.cidr, Egress: e.egress };
        if (e.icmp) out.IcmpTypeCode = { Code: e.icmp.code, Type: e.icmp.type };
        if (e.ports) out.PortRange = { From: e.ports[0], To: e.ports[1] };
        out.Protocol = e.protocol;
        out.RuleAction = e.action;
        out.RuleNumber = e.rule;
        return out;
      }),
      IsDefault: n.isDefault,
      NetworkAclId: n.id,
      Tags: n.name ? tagList({ Name: n.name, ...ownerTags(n.team), env: 'prod' }) : [],
      VpcId: n.vpc.id,
      OwnerId: ACCOUNT,
    })),
  };
}

/** The address fields both describe-network-interfaces and describe-instances print, in their order. */
function addressFields(e: EniDef, association: Json | undefined): Json {
  return {
    MacAddress: e.mac,
    NetworkInterfaceId: e.id,
    OwnerId: ACCOUNT,
    PrivateDnsName: privateDns(e.privateIp),
    PrivateIpAddress: e.privateIp,
    PrivateIpAddresses: [
      {
        ...(association ? { Association: association } : {}),
        Primary: true,
        PrivateDnsName: privateDns(e.privateIp),
        PrivateIpAddress: e.privateIp,
      },
    ],
  };
}

function groups(e: EniDef): Json[] {
  return e.sgs.map((g) => ({ GroupId: g.id, GroupName: g.name }));
}

export function renderNetworkInterfaces(model: Model): Json {
  return {
    NetworkInterfaces: model.enis.map((e) => {
      const out: Json = {};
      const association = e.publicIp ? eniAssociation(e) : undefined;
      if (association) out.Association = association;
      const attachment: Json = {
        AttachTime: isoTime(e.attachment.time),
        AttachmentId: e.attachment.id,
        DeleteOnTermination: e.attachment.deleteOnTermination,
        DeviceIndex: e.attachment.deviceIndex,
        NetworkCardIndex: 0,
      };
      if (e.instance) attachment.InstanceId = e.instance.id;
      attachment.InstanceOwnerId = e.attachment.instanceOwnerId;
      attachment.Status = 'attached';
      Object.assign(out, {
        Attachment: attachment,
        AvailabilityZone: `${REGION}${e.subnet.az}`,
        Description: e.description,
        Groups: groups(e),
        InterfaceType: e.interfaceType,
        Ipv6Addresses: [],
        ...addressFields(e, association),
      });
      if (e.requesterId) out.RequesterId = e.requesterId;
      Object.assign(out, {
        RequesterManaged: e.requesterManaged,
        SourceDestCheck: e.sourceDestCheck,
        Status: 'in-use',
        SubnetId: e.subnet.id,
        TagSet: tagList(e.tagSet),
        VpcId: e.subnet.vpc.id,
        Operator: { Managed: false },
        AvailabilityZoneId: azId[e.subnet.az],
      });
      return out;
    }),
  };
}

function eniAssociation(e: EniDef): Json | undefined {
  const p = e.publicIp;
  if (!p) return undefined;
  const out: Json = {};
  if (p.allocationId) out.AllocationId = p.allocationId;
  if (p.associationId) out.AssociationId = p.associationId;
  out.IpOwnerId = p.ipOwnerId;
  out.PublicDnsName = p.dnsName;
  out.PublicIp = p.ip;
  return out;
}

function instanceEniAssociation(e: EniDef): Json | undefined {
  const p = e.publicIp;
  if (!p) return undefined;
  return { IpOwnerId: p.ipOwnerId, PublicDnsName: p.dnsName, PublicIp: p.ip };
}

function renderInstance(i: InstanceDef, launchIndex: number): Json {
  const svc = i.service;
  const image = images[svc.image];
  const cpu = instanceTypes[svc.instanceType];
  if (!cpu) throw new Error(`unknown instance type ${svc.instanceType}`);
  const launch = isoTime(i.launchTime);
  const primary = i.enis[0];
  if (!primary) throw new Error(`${i.id} has no ENI`);
  const running = i.state === 'running';
  const groupsSeen = new Map<string, string>();
  for (const e of i.enis) for (const g of e.sgs) groupsSeen.set(g.id, g.name);
  const out: Json = {
    Architecture: image.architecture,
    BlockDeviceMappings: [
      {
        DeviceName: svc.image === 'ubuntu-jammy' ? '/dev/sda1' : '/dev/xvda',
        Ebs: { AttachTime: launch, DeleteOnTermination: true, Status: 'attached', VolumeId: i.volumeId },
      },
    ],
    ClientToken: `terraform-${launch.slice(0, 19).replace(/[-T:]/g, '')}${String(hashInt(i.reservationKey) % 10000).padStart(4, '0')}00000001`,
    EbsOptimized: !svc.instanceType.startsWith('t3.'),
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: {
      Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${svc.service}-instance-profile`,
      Id: iamId('AIPA', `profile/${svc.service}`),
    },
    NetworkInterfaces: i.enis.map((e) => {
      const association = instanceEniAssociation(e);
      const ni: Json = {};
      if (association) ni.Association = association;
      Object.assign(ni, {
        Attachment: {
          AttachTime: isoTime(e.attachment.time),
          AttachmentId: e.attachment.id,
          DeleteOnTermination: e.attachment.deleteOnTermination,
          DeviceIndex: e.attachment.deviceIndex,
          Status: 'attached',
          NetworkCardIndex: 0,
        },
        Description: e.description,
        Groups: groups(e),
        Ipv6Addresses: [],
        ...addressFields(e, association),
        SourceDestCheck: e.sourceDestCheck,
        Status: 'in-use',
        SubnetId: e.subnet.id,
        VpcId: e.subnet.vpc.id,
        InterfaceType: e.interfaceType,
        Operator: { Managed: false },
      });
      return ni;
    }),
    RootDeviceName: svc.image === 'ubuntu-jammy' ? '/dev/sda1' : '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: [...groupsSeen].map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    SourceDestCheck: true,
  };
  if (!running) {
    out.StateReason = {
      Code: 'Client.UserInitiatedShutdown',
      Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
  }
  const tags: AwsTag[] = tagList({
    Name: i.name,
    app: svc.app,
    service: svc.service,
    team: svc.team,
    owner: teamOwner[svc.team],
    env: 'prod',
  });
  Object.assign(out, {
    Tags: tags,
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: cpu.cores, ThreadsPerCore: cpu.threads },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    BootMode: image.architecture === 'arm64' ? 'uefi' : 'uefi-preferred',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: launch,
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default', RebootMigration: 'default' },
    CurrentInstanceBootMode: image.architecture === 'arm64' ? 'uefi' : 'legacy-bios',
    NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
    Operator: { Managed: false },
    InstanceId: i.id,
    ImageId: image.id,
    State: running ? { Code: 16, Name: 'running' } : { Code: 80, Name: 'stopped' },
    PrivateDnsName: privateDns(primary.privateIp),
    PublicDnsName: primary.publicIp?.dnsName ?? '',
    StateTransitionReason: running ? '' : 'User initiated (2025-05-28 17:42:10 GMT)',
    KeyName: svc.keyName,
    AmiLaunchIndex: launchIndex,
    ProductCodes: [],
    InstanceType: svc.instanceType,
    LaunchTime: launch,
    Placement: {
      AvailabilityZoneId: azId[i.subnet.az],
      GroupName: '',
      Tenancy: 'default',
      AvailabilityZone: `${REGION}${i.subnet.az}`,
    },
    Monitoring: { State: 'disabled' },
    SubnetId: i.subnet.id,
    VpcId: i.subnet.vpc.id,
    PrivateIpAddress: primary.privateIp,
  });
  if (primary.publicIp) out.PublicIpAddress = primary.publicIp.ip;
  return out;
}

export function reservations(model: Model): { id: string; instances: InstanceDef[] }[] {
  const byKey = new Map<string, InstanceDef[]>();
  for (const i of model.instances) {
    const list = byKey.get(i.reservationKey) ?? [];
    list.push(i);
    byKey.set(i.reservationKey, list);
  }
  return [...byKey].map(([key, instances]) => ({ id: awsId('r', key), instances }));
}

/** describe-instances split the way `--max-items` splits it: page 1 ends with the CLI's NextToken. */
export function renderInstancePages(model: Model, firstPageReservations: number): [Json, Json] {
  const all = reservations(model).map((r) => ({
    ReservationId: r.id,
    OwnerId: ACCOUNT,
    Groups: [],
    Instances: r.instances.map((i, launchIndex) => renderInstance(i, launchIndex)),
  }));
  const token = Buffer.from(
    `{"NextToken": null, "boto_truncate_amount": ${firstPageReservations}}`,
    'utf8',
  ).toString('base64');
  return [
    { Reservations: all.slice(0, firstPageReservations), NextToken: token },
    { Reservations: all.slice(firstPageReservations) },
  ];
}

export function renderRouteTables(model: Model): Json {
  return {
    RouteTables: model.routeTables.map((t) => {
      const associations: Json[] = [];
      if (t.main) {
        associations.push({
          Main: true,
          RouteTableAssociationId: t.mainAssociationId,
          RouteTableId: t.id,
          AssociationState: { State: 'associated' },
        });
      }
      for (const s of t.subnets) {
        associations.push({
          Main: false,
          RouteTableAssociationId: awsId('rtbassoc', `${t.key}/${s.key}`),
          RouteTableId: t.id,
          SubnetId: s.id,
          AssociationState: { State: 'associated' },
        });
      }
      return {
        Associations: associations,
        PropagatingVgws: [],
        RouteTableId: t.id,
        Routes: t.routes.map((r) => {
          const out: Json = {};
          if (r.destinationPrefixList) out.DestinationPrefixListId = r.destinationPrefixList.id;
          else out.DestinationCidrBlock = r.destination;
          if (r.target === 'local' || r.target === 'igw' || r.target === 'vpce') out.GatewayId = r.targetId;
          if (r.target === 'nat') out.NatGatewayId = r.targetId;
          out.Origin = r.target === 'local' ? 'CreateRouteTable' : 'CreateRoute';
          out.State = 'active';
          if (r.target === 'pcx') out.VpcPeeringConnectionId = r.targetId;
          return out;
        }),
        Tags: t.name ? tagList({ Name: t.name, ...ownerTags('platform'), env: 'prod' }) : [],
        VpcId: t.vpc.id,
        OwnerId: ACCOUNT,
      };
    }),
  };
}

export function renderPeering(model: Model): Json {
  const info = (v: Model['vpcs'][number]) => ({
    CidrBlock: v.cidr,
    CidrBlockSet: [{ CidrBlock: v.cidr }],
    OwnerId: ACCOUNT,
    PeeringOptions: {
      AllowDnsResolutionFromRemoteVpc: true,
      AllowEgressFromLocalClassicLinkToRemoteVpc: false,
      AllowEgressFromLocalVpcToRemoteClassicLink: false,
    },
    VpcId: v.id,
    Region: REGION,
  });
  return {
    VpcPeeringConnections: [
      {
        AccepterVpcInfo: info(model.peering.accepter),
        RequesterVpcInfo: info(model.peering.requester),
        Status: { Code: 'active', Message: 'Active' },
        Tags: tagList({ Name: model.peering.name, ...ownerTags('platform'), env: 'prod' }),
        VpcPeeringConnectionId: model.peering.id,
      },
    ],
  };
}

/** describe-prefix-lists: AWS's own lists, with the entries describe-managed-prefix-lists leaves out. */
export function renderAwsPrefixListEntries(model: Model): Json {
  return {
    PrefixLists: model.prefixLists
      .filter((p) => p.awsManaged)
      .map((p) => ({ Cidrs: p.entries, PrefixListId: p.id, PrefixListName: p.name })),
  };
}

export function renderPrefixLists(model: Model): Json {
  return {
    PrefixLists: model.prefixLists.map((p) => {
      const out: Json = {
        PrefixListId: p.id,
        AddressFamily: 'IPv4',
        State: p.awsManaged ? 'create-complete' : 'modify-complete',
        PrefixListArn: p.awsManaged
          ? `arn:aws:ec2:${REGION}:aws:prefix-list/${p.id}`
          : `arn:aws:ec2:${REGION}:${ACCOUNT}:prefix-list/${p.id}`,
        PrefixListName: p.name,
      };
      if (p.maxEntries !== undefined) out.MaxEntries = p.maxEntries;
      if (p.version !== undefined) out.Version = p.version;
      out.Tags = tagList(p.tags);
      out.OwnerId = p.awsManaged ? 'AWS' : ACCOUNT;
      return out;
    }),
  };
}

/** describe-transit-gateways: the hub, with security group referencing off as AWS creates one. */
export function renderTransitGateways(model: Model): Json {
  const hub = model.transitGateway;
  return {
    TransitGateways: [
      {
        TransitGatewayId: hub.id,
        TransitGatewayArn: arn('transit-gateway', hub.id),
        State: 'available',
        OwnerId: ACCOUNT,
        Description: 'Northwind hub, replacing the prod-core<->shared-services peering',
        CreationTime: isoTime(hub.created),
        Options: {
          AmazonSideAsn: 64512,
          AutoAcceptSharedAttachments: 'disable',
          DefaultRouteTableAssociation: 'enable',
          AssociationDefaultRouteTableId: hub.routeTableId,
          DefaultRouteTablePropagation: 'enable',
          PropagationDefaultRouteTableId: hub.routeTableId,
          VpnEcmpSupport: 'enable',
          DnsSupport: 'enable',
          SecurityGroupReferencingSupport: 'disable',
          MulticastSupport: 'disable',
        },
        Tags: tagList({ Name: hub.name, ...ownerTags('platform'), env: 'prod' }),
      },
    ],
  };
}

/** describe-transit-gateway-attachments: each VPC's attachment, associated with the default table. */
export function renderTransitGatewayAttachments(model: Model): Json {
  const hub = model.transitGateway;
  return {
    TransitGatewayAttachments: hub.attachments.map((a) => ({
      TransitGatewayAttachmentId: a.id,
      TransitGatewayId: hub.id,
      TransitGatewayOwnerId: ACCOUNT,
      ResourceOwnerId: ACCOUNT,
      ResourceType: 'vpc',
      ResourceId: a.vpc.id,
      State: 'available',
      Association: { TransitGatewayRouteTableId: hub.routeTableId, State: 'associated' },
      CreationTime: isoTime(a.created),
      Tags: tagList({ Name: `northwind-hub-${a.vpc.name}` }),
    })),
  };
}

/** describe-transit-gateway-vpc-attachments: their subnets and options (referencing on, AWS's default). */
export function renderTransitGatewayVpcAttachments(model: Model): Json {
  const hub = model.transitGateway;
  return {
    TransitGatewayVpcAttachments: hub.attachments.map((a) => ({
      TransitGatewayAttachmentId: a.id,
      TransitGatewayId: hub.id,
      VpcId: a.vpc.id,
      VpcOwnerId: ACCOUNT,
      State: 'available',
      SubnetIds: a.subnets.map((s) => s.id),
      CreationTime: isoTime(a.created),
      Options: {
        DnsSupport: 'enable',
        SecurityGroupReferencingSupport: 'enable',
        Ipv6Support: 'disable',
        ApplianceModeSupport: 'disable',
      },
      Tags: tagList({ Name: `northwind-hub-${a.vpc.name}` }),
    })),
  };
}

/** search-transit-gateway-routes of the default table: each VPC's range, propagated by its attachment. */
export function renderTransitGatewayRoutes(model: Model): Json {
  return {
    Routes: model.transitGateway.attachments.map((a) => ({
      DestinationCidrBlock: a.vpc.cidr,
      TransitGatewayAttachments: [
        { ResourceId: a.vpc.id, TransitGatewayAttachmentId: a.id, ResourceType: 'vpc' },
      ],
      Type: 'propagated',
      State: 'active',
    })),
    AdditionalRoutesAvailable: false,
  };
}
