import type { Estate, SecurityGroupRule, Workload } from '../../../main/core/domain/estate';

const source = (path: string) => ({ file: 'test.json', path });

/** A small, valid estate built in code, for store tests that must not depend on the importer. */
export function smallEstate(): Estate {
  const workload = (id: string, ip: string, groupIds: string[]): Workload => ({
    id,
    kind: 'instance',
    vpcId: 'vpc-1',
    subnetId: 'subnet-1',
    instanceId: `i-${id}`,
    deviceIndex: 0,
    interfaceType: 'interface',
    description: '',
    requesterId: null,
    status: 'in-use',
    privateIps: [ip],
    ipv6Addresses: [],
    publicIp: null,
    groupIds,
    tags: Object.fromEntries([
      ['app', 'shop'],
      ['__proto__', 'kept as data'],
    ]),
    source: source(`$.NetworkInterfaces[${id}]`),
  });
  const rule = (key: string, groupId: string, fromPort: number): SecurityGroupRule => ({
    key,
    groupId,
    direction: 'ingress',
    protocol: 'tcp',
    fromPort,
    toPort: fromPort,
    peer: { kind: 'cidr4', cidr: '10.0.0.0/16' },
    description: null,
    source: source('$.SecurityGroups[0].IpPermissions[0]'),
  });
  return {
    vpcs: [
      {
        id: 'vpc-1',
        ownerId: '123456789012',
        isDefault: false,
        cidrBlocks: ['10.0.0.0/16'],
        ipv6CidrBlocks: [],
        tags: {},
        source: source('$.Vpcs[0]'),
      },
    ],
    subnets: [
      {
        id: 'subnet-1',
        vpcId: 'vpc-1',
        cidrBlock: '10.0.1.0/24',
        ipv6CidrBlocks: [],
        availabilityZone: 'eu-west-1a',
        tags: {},
        source: source('$.Subnets[0]'),
      },
    ],
    securityGroups: ['sg-b', 'sg-a'].map((id) => ({
      id,
      name: id,
      description: '',
      vpcId: 'vpc-1',
      ownerId: null,
      tags: {},
      source: source('$.SecurityGroups[0]'),
    })),
    securityGroupRules: [rule('sg-b/ingress/0/0', 'sg-b', 443), rule('sg-a/ingress/0/0', 'sg-a', 22)],
    networkAcls: [],
    networkAclEntries: [],
    workloads: [workload('eni-2', '10.0.1.20', ['sg-b']), workload('eni-1', '10.0.1.10', ['sg-a', 'sg-b'])],
    instances: [],
    prefixLists: [],
    routeTables: [],
    peeringConnections: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
  };
}
