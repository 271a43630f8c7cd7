import type { GroupPlan } from '../plan/groups';
import type { EniKind, EniPlan, InstancePlan } from '../plan/workloads';
import { awsId } from '../random';
import { ACCOUNT, azId, type Json, LAUNCH_TIME, privateDns, REGION, tagList } from './common';

/** How each managed service marks the ENIs it creates, as describe-network-interfaces prints them. */
const serviceTraits: Record<Exclude<EniKind, 'instance'>, (eni: EniPlan) => Json> = {
  rds: () => ({ Description: 'RDSNetworkInterface', InterfaceType: 'interface', RequesterId: 'amazon-rds' }),
  elb: (eni) => ({
    Description: `ELB app/${eni.name}/${eni.id.slice(5, 21)}`,
    InterfaceType: 'interface',
    RequesterId: 'amazon-elb',
  }),
  lambda: (eni) => ({
    Description: `AWS Lambda VPC ENI-${eni.name}-${eni.id.slice(4)}`,
    InterfaceType: 'lambda',
    RequesterId: 'AROAEXAMPLEROLEID:lambda',
  }),
};

function attachment(eni: EniPlan, withInstance: boolean): Json {
  return {
    AttachTime: LAUNCH_TIME,
    AttachmentId: awsId('eni-attach', eni.index),
    DeleteOnTermination: eni.instanceId !== null,
    DeviceIndex: eni.deviceIndex,
    NetworkCardIndex: 0,
    ...(withInstance && eni.instanceId !== null ? { InstanceId: eni.instanceId } : {}),
    InstanceOwnerId: eni.kind === 'instance' ? ACCOUNT : eni.kind === 'rds' ? 'amazon-rds' : 'amazon-aws',
    Status: 'attached',
  };
}

const groupRefs = (groups: readonly GroupPlan[]) =>
  groups.map((group) => ({ GroupId: group.id, GroupName: group.name }));

/** The members an ENI has both in describe-network-interfaces and inside describe-instances. */
function eniCore(eni: EniPlan): Json {
  return {
    Groups: groupRefs(eni.groups),
    Ipv6Addresses: [],
    MacAddress: `06:${eni.id.slice(5, 15).replace(/(..)(?!$)/g, '$1:')}`,
    NetworkInterfaceId: eni.id,
    OwnerId: ACCOUNT,
    PrivateDnsName: privateDns(eni.ip),
    PrivateIpAddress: eni.ip,
    PrivateIpAddresses: [{ Primary: true, PrivateDnsName: privateDns(eni.ip), PrivateIpAddress: eni.ip }],
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: eni.subnet.id,
    VpcId: eni.subnet.vpc.id,
  };
}

export function renderNetworkInterfaces(enis: readonly EniPlan[]): Json {
  return {
    NetworkInterfaces: enis.map((eni) => ({
      Attachment: attachment(eni, true),
      AvailabilityZone: `${REGION}${eni.subnet.az}`,
      Description: '',
      InterfaceType: 'interface',
      ...(eni.kind === 'instance' ? {} : serviceTraits[eni.kind](eni)),
      RequesterManaged: eni.kind !== 'instance',
      ...eniCore(eni),
      TagSet: eni.kind === 'instance' ? [] : tagList({ Name: eni.name }),
      AvailabilityZoneId: azId(eni.subnet.az),
    })),
  };
}

function renderInstance(instance: InstancePlan, index: number): Json {
  const primary = instance.enis[0] as EniPlan;
  return {
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          AttachTime: LAUNCH_TIME,
          DeleteOnTermination: true,
          Status: 'attached',
          VolumeId: awsId('vol', index),
        },
      },
    ],
    ClientToken: `terraform-${index}`,
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    NetworkInterfaces: instance.enis.map((eni) => ({
      Attachment: attachment(eni, false),
      Description: '',
      ...eniCore(eni),
      InterfaceType: 'interface',
    })),
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: groupRefs(primary.groups),
    SourceDestCheck: true,
    Tags: tagList({
      Name: instance.name,
      app: instance.app,
      team: instance.team,
      env: 'bench',
    }),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
    },
    PlatformDetails: 'Linux/UNIX',
    InstanceId: instance.id,
    ImageId: awsId('ami', index % 7),
    State: { Code: 16, Name: 'running' },
    PrivateDnsName: privateDns(primary.ip),
    PublicDnsName: '',
    StateTransitionReason: '',
    AmiLaunchIndex: 0,
    ProductCodes: [],
    InstanceType: 'm6i.large',
    LaunchTime: LAUNCH_TIME,
    Placement: {
      AvailabilityZoneId: azId(instance.subnet.az),
      GroupName: '',
      Tenancy: 'default',
      AvailabilityZone: `${REGION}${instance.subnet.az}`,
    },
    Monitoring: { State: 'disabled' },
    SubnetId: instance.subnet.id,
    VpcId: instance.subnet.vpc.id,
    PrivateIpAddress: primary.ip,
  };
}

/**
 * describe-instances pages as `--max-items` writes them: Reservations (one launch request, one to
 * three instances each) with a NextToken on every page but the last.
 */
export function renderInstancePages(instances: readonly InstancePlan[], pages: number): Json[] {
  const perPage = Math.max(1, Math.ceil(instances.length / pages));
  const result: Json[] = [];
  for (let start = 0; start < instances.length || result.length === 0; start += perPage) {
    const reservations: Json[] = [];
    const end = Math.min(instances.length, start + perPage);
    for (let i = start; i < end; ) {
      const size = Math.min(end - i, 1 + (i % 3));
      reservations.push({
        ReservationId: awsId('r', i),
        OwnerId: ACCOUNT,
        Groups: [],
        Instances: instances.slice(i, i + size).map((instance, k) => renderInstance(instance, i + k)),
      });
      i += size;
    }
    const last = end >= instances.length;
    result.push({ Reservations: reservations, ...(last ? {} : { NextToken: `page-${result.length + 1}` }) });
  }
  return result;
}
