/**
 * The Northwind Retail estate as plain definitions: VPCs, subnets, security groups with their rules,
 * NACLs, route tables, workloads (ENIs) and the instances behind them. render.ts turns this into the
 * JSON the AWS CLI prints; check.ts verifies it and evaluates the intended dependencies against it.
 */
import { ACCOUNT, at, awsId, cidrContains, hashInt, intToIp, macAddress, parseCidr, uuid } from './util';

export type Team = 'web' | 'commerce' | 'payments' | 'supply' | 'platform' | 'security' | 'data';

export const teamOwner: Record<Team, string> = {
  web: 'alice@northwind.example',
  commerce: 'bob@northwind.example',
  payments: 'carol@northwind.example',
  supply: 'dan@northwind.example',
  platform: 'erin@northwind.example',
  security: 'frank@northwind.example',
  data: 'grace@northwind.example',
};

export interface VpcDef {
  key: string;
  id: string;
  name: string;
  cidr: string;
  cidrAssociationId: string;
  igwId: string;
  tags: Record<string, string>;
}

export type Az = 'a' | 'b' | 'c';
export const azId: Record<Az, string> = { a: 'euw1-az3', b: 'euw1-az1', c: 'euw1-az2' };

export interface SubnetDef {
  key: string;
  id: string;
  name: string;
  vpc: VpcDef;
  cidr: string;
  az: Az;
  tier: 'public' | 'app' | 'data' | 'tools';
  mapPublicIp: boolean;
  used: Set<number>;
}

export interface PrefixListDef {
  id: string;
  name: string;
  awsManaged: boolean;
  /** Not part of describe-managed-prefix-lists; used by the evaluator and documented in the README. */
  entries: string[];
  tags: Record<string, string>;
  maxEntries?: number;
  version?: number;
}

export type Peer =
  | { kind: 'cidr'; cidr: string; description?: string }
  | { kind: 'cidr6'; cidr: string; description?: string }
  | { kind: 'pl'; pl: PrefixListDef; description?: string }
  | { kind: 'sg'; sg: SgDef; description?: string };

export interface Permission {
  protocol: 'tcp' | 'udp' | 'icmp' | '-1';
  from?: number;
  to?: number;
  peers: Peer[];
}

export interface SgDef {
  key: string;
  id: string;
  name: string;
  description: string;
  vpc: VpcDef;
  isDefault: boolean;
  team?: Team;
  ingress: Permission[];
  egress: Permission[];
}

export interface NaclEntryDef {
  rule: number;
  egress: boolean;
  protocol: '-1' | '6' | '17' | '1';
  action: 'allow' | 'deny';
  cidr: string;
  ports?: [number, number];
  icmp?: { type: number; code: number };
}

export interface NaclDef {
  key: string;
  id: string;
  name?: string;
  team?: Team;
  vpc: VpcDef;
  isDefault: boolean;
  entries: NaclEntryDef[];
  subnets: SubnetDef[];
}

export interface RouteDef {
  destination: string;
  destinationPrefixList?: PrefixListDef;
  target: 'local' | 'igw' | 'nat' | 'pcx' | 'vpce';
  targetId: string;
}

export interface RouteTableDef {
  key: string;
  id: string;
  name?: string;
  vpc: VpcDef;
  main: boolean;
  mainAssociationId?: string;
  subnets: SubnetDef[];
  routes: RouteDef[];
}

export interface AppTags {
  app: string;
  service: string;
  team: Team;
}

export interface ServiceDef extends AppTags {
  instanceType: string;
  image: keyof typeof images;
  subnets: string[];
  sgs: SgDef[];
  keyName: string;
  launchDay: string;
  publicIp?: 'auto' | 'eip';
  /** Subnet key of a second ENI (DeviceIndex 1) on the instance with this index. */
  secondEni?: { index: number; subnet: string };
  stoppedIndex?: number;
}

export interface PublicAddress {
  ip: string;
  dnsName: string;
  ipOwnerId: string;
  allocationId?: string;
  associationId?: string;
}

export type EniKind =
  | 'instance'
  | 'rds'
  | 'load-balancer'
  | 'nat-gateway'
  | 'lambda'
  | 'vpc-endpoint'
  | 'transit-gateway';

/** AWS's interfaces that forward others' traffic: no security group, no source/destination check. */
export const forwarders: ReadonlySet<EniKind> = new Set(['nat-gateway', 'transit-gateway']);

export interface EniDef {
  key: string;
  id: string;
  kind: EniKind;
  subnet: SubnetDef;
  sgs: SgDef[];
  privateIp: string;
  publicIp?: PublicAddress;
  mac: string;
  description: string;
  interfaceType: 'interface' | 'nat_gateway' | 'lambda' | 'vpc_endpoint' | 'transit_gateway';
  requesterId?: string;
  requesterManaged: boolean;
  sourceDestCheck: boolean;
  attachment: {
    id: string;
    time: Date;
    deviceIndex: number;
    deleteOnTermination: boolean;
    instanceOwnerId: string;
  };
  instance?: InstanceDef;
  /** Tags printed in TagSet (instance ENIs carry none: their app tags are on the instance). */
  tagSet: Record<string, string>;
  /** The application the ENI belongs to, from its own or its instance's tags; none for shared infrastructure. */
  owner?: AppTags;
}

export interface InstanceDef {
  id: string;
  name: string;
  service: ServiceDef;
  index: number;
  subnet: SubnetDef;
  enis: EniDef[];
  launchTime: Date;
  reservationKey: string;
  state: 'running' | 'stopped';
  volumeId: string;
}

export const images = {
  'al2023-x86': { id: awsId('ami', 'al2023-x86_64-2024.11'), architecture: 'x86_64' },
  'al2023-arm': { id: awsId('ami', 'al2023-arm64-2024.11'), architecture: 'arm64' },
  'ubuntu-jammy': { id: awsId('ami', 'ubuntu-jammy-22.04-20240927'), architecture: 'x86_64' },
} as const;

export const instanceTypes: Record<string, { cores: number; threads: number }> = {
  't3.micro': { cores: 1, threads: 2 },
  't3.medium': { cores: 1, threads: 2 },
  't3.large': { cores: 1, threads: 2 },
  'm6i.large': { cores: 1, threads: 2 },
  'm6i.xlarge': { cores: 2, threads: 2 },
  'c6i.large': { cores: 1, threads: 2 },
  'c6i.xlarge': { cores: 2, threads: 2 },
  'c6i.2xlarge': { cores: 4, threads: 2 },
  'r6i.large': { cores: 1, threads: 2 },
  'r6i.xlarge': { cores: 2, threads: 2 },
  'c7g.2xlarge': { cores: 8, threads: 1 },
};

export interface Model {
  vpcs: VpcDef[];
  subnets: SubnetDef[];
  prefixLists: PrefixListDef[];
  sgs: SgDef[];
  nacls: NaclDef[];
  routeTables: RouteTableDef[];
  peering: { id: string; requester: VpcDef; accepter: VpcDef; name: string };
  transitGateway: TransitGatewayDef;
  natGatewayId: string;
  s3EndpointId: string;
  sqsEndpointId: string;
  services: ServiceDef[];
  instances: InstanceDef[];
  enis: EniDef[];
  dhcpOptionsId: string;
  albName: string;
}

/**
 * A transit gateway attached to both VPCs, its one route table holding both VPCs' ranges by
 * propagation, while the VPCs' route tables still send those ranges over the peering: a migration
 * from the peering half done, with security group referencing still off (AWS's default).
 */
export interface TransitGatewayDef {
  id: string;
  name: string;
  routeTableId: string;
  created: Date;
  attachments: { id: string; vpc: VpcDef; subnets: SubnetDef[]; enis: EniDef[]; created: Date }[];
}

function vpc(key: string, name: string, cidr: string, tags: Record<string, string>): VpcDef {
  return {
    key,
    id: awsId('vpc', key),
    name,
    cidr,
    cidrAssociationId: awsId('vpc-cidr-assoc', key),
    igwId: awsId('igw', key),
    tags: { Name: name, ...tags },
  };
}

const tcp = (port: number | [number, number], ...peers: Peer[]): Permission => ({
  protocol: 'tcp',
  from: typeof port === 'number' ? port : port[0],
  to: typeof port === 'number' ? port : port[1],
  peers,
});
const allTraffic = (...peers: Peer[]): Permission => ({ protocol: '-1', peers });
const cidr = (c: string, description?: string): Peer => ({ kind: 'cidr', cidr: c, description });
const cidr6 = (c: string, description?: string): Peer => ({ kind: 'cidr6', cidr: c, description });
const group = (sg: SgDef, description?: string): Peer => ({ kind: 'sg', sg, description });
const prefixList = (pl: PrefixListDef, description?: string): Peer => ({ kind: 'pl', pl, description });
const egressAll = (): Permission[] => [allTraffic(cidr('0.0.0.0/0'))];

/** Allocate a unique, hash-placed address in the subnet (skipping the 4 reserved at the start and 1 at the end). */
function allocateIp(subnet: SubnetDef, key: string): string {
  const { base, size } = parseCidr(subnet.cidr);
  const usable = size - 5;
  let offset = 4 + (hashInt(`ip/${key}`) % Math.min(usable, 250));
  while (subnet.used.has(offset)) offset = offset + 1 >= size - 1 ? 4 : offset + 1;
  subnet.used.add(offset);
  return intToIp(base + offset);
}

const publicPools = ['34.240.0.0/13', '52.16.0.0/15', '54.72.0.0/15', '3.248.0.0/13', '63.32.0.0/14'];
const usedPublic = new Set<string>();
function allocatePublicIp(key: string, ipOwnerId: string, eip: boolean): PublicAddress {
  const pool = publicPools[hashInt(`pool/${key}`) % publicPools.length] ?? '34.240.0.0/13';
  const { base, size } = parseCidr(pool);
  let n = base + 256 + (hashInt(`pub/${key}`) % (size - 512));
  while (usedPublic.has(intToIp(n)) || (n & 255) === 0 || (n & 255) === 255) n++;
  const ip = intToIp(n);
  usedPublic.add(ip);
  const address: PublicAddress = {
    ip,
    dnsName: `ec2-${ip.replaceAll('.', '-')}.eu-west-1.compute.amazonaws.com`,
    ipOwnerId,
  };
  if (eip) {
    address.allocationId = awsId('eipalloc', key);
    address.associationId = awsId('eipassoc', key);
  }
  return address;
}

export function buildModel(): Model {
  const prod = vpc('prod-core', 'prod-core', '10.20.0.0/16', {
    env: 'prod',
    team: 'platform',
    owner: teamOwner.platform,
  });
  const shared = vpc('shared-services', 'shared-services', '10.30.0.0/16', {
    env: 'prod',
    team: 'platform',
    owner: teamOwner.platform,
  });
  const vpcs = [prod, shared];

  const subnetList: SubnetDef[] = [];
  const subnet = (
    v: VpcDef,
    name: string,
    c: string,
    az: Az,
    tier: SubnetDef['tier'],
    mapPublicIp: boolean,
  ) => {
    const s: SubnetDef = {
      key: name,
      id: awsId('subnet', name),
      name,
      vpc: v,
      cidr: c,
      az,
      tier,
      mapPublicIp,
      used: new Set(),
    };
    subnetList.push(s);
    return s;
  };
  for (const [i, az] of (['a', 'b', 'c'] as const).entries())
    subnet(prod, `prod-public-${az}`, `10.20.${i}.0/24`, az, 'public', true);
  for (const [i, az] of (['a', 'b', 'c'] as const).entries())
    subnet(prod, `prod-app-${az}`, `10.20.${16 * (i + 1)}.0/20`, az, 'app', false);
  for (const [i, az] of (['a', 'b', 'c'] as const).entries())
    subnet(prod, `prod-data-${az}`, `10.20.${64 + i}.0/24`, az, 'data', false);
  subnet(shared, 'shared-public-a', '10.30.0.0/24', 'a', 'public', true);
  subnet(shared, 'shared-tools-a', '10.30.1.0/24', 'a', 'tools', false);
  subnet(shared, 'shared-tools-b', '10.30.2.0/24', 'b', 'tools', false);
  const sub = (name: string): SubnetDef => {
    const s = subnetList.find((x) => x.name === name);
    if (!s) throw new Error(`no subnet ${name}`);
    return s;
  };

  const s3: PrefixListDef = {
    id: 'pl-6da54004',
    name: 'com.amazonaws.eu-west-1.s3',
    awsManaged: true,
    entries: ['3.5.64.0/21', '3.5.72.0/23', '52.92.0.0/17', '52.218.0.0/17'],
    tags: {},
  };
  const corp: PrefixListDef = {
    id: awsId('pl', 'corp-office-ranges'),
    name: 'corp-office-ranges',
    awsManaged: false,
    entries: ['198.51.100.0/24', '203.0.113.0/25'],
    tags: { Name: 'corp-office-ranges', team: 'security', owner: teamOwner.security },
    maxEntries: 10,
    version: 3,
  };
  const peeringId = awsId('pcx', 'prod-core<->shared-services');

  const sgs: SgDef[] = [];
  const sg = (v: VpcDef, name: string, description: string, team?: Team): SgDef => {
    const s: SgDef = {
      key: `${v.key}/${name}`,
      id: awsId('sg', `${v.key}/${name}`),
      name,
      description,
      vpc: v,
      isDefault: name === 'default',
      team,
      ingress: [],
      egress: [],
    };
    sgs.push(s);
    return s;
  };
  // prod-core
  const prodDefault = sg(prod, 'default', 'default VPC security group');
  const alb = sg(prod, 'northwind-web-alb', 'Internet-facing ALB for the storefront', 'web');
  const storefront = sg(prod, 'storefront', 'Storefront web-frontend and catalog-api', 'web');
  const search = sg(prod, 'search-api', 'Search API', 'web');
  const searchIndexer = sg(prod, 'search-indexer', 'Search indexer (Elasticsearch) nodes', 'web');
  const orderApi = sg(prod, 'order-api', 'Orders API', 'commerce');
  const backendShared = sg(prod, 'backend-shared', 'Shared backend services segment', 'platform');
  const inventory = sg(prod, 'inventory-api', 'Inventory API', 'supply');
  const supplyWorkers = sg(prod, 'supply-workers', 'Stock synchronisation workers', 'commerce');
  const paymentsGateway = sg(prod, 'payments-gateway', 'Payment gateway - PCI scope', 'payments');
  const fraudScorer = sg(prod, 'fraud-scorer', 'Fraud scoring service - PCI scope', 'payments');
  const rdsPostgres = sg(prod, 'rds-postgres', 'PostgreSQL databases', 'data');
  const lambdaWebhook = sg(prod, 'lambda-orders-webhook', 'Lambda orders-webhook VPC access', 'platform');
  const vpce = sg(prod, 'vpc-endpoints', 'Interface VPC endpoints', 'platform');
  const opsSsh = sg(prod, 'ops-ssh-legacy', 'Legacy SSH access - to be removed', 'security');
  // shared-services
  const sharedDefault = sg(shared, 'default', 'default VPC security group');
  const bastion = sg(shared, 'bastion', 'Bastion host', 'security');
  const monitoring = sg(shared, 'monitoring', 'Prometheus and Grafana', 'platform');
  const ci = sg(shared, 'ci', 'Jenkins controller and build agents', 'platform');

  for (const d of [prodDefault, sharedDefault]) {
    d.ingress.push(allTraffic(group(d)));
    d.egress.push(...egressAll());
  }
  alb.ingress.push(
    tcp(443, cidr('0.0.0.0/0', 'HTTPS from the internet'), cidr6('::/0', 'HTTPS from the internet')),
    tcp(80, cidr('0.0.0.0/0', 'HTTP redirect'), cidr6('::/0', 'HTTP redirect')),
  );
  alb.egress.push(...egressAll());
  storefront.ingress.push(
    tcp(8080, group(alb, 'ALB to web-frontend')),
    tcp(
      8081,
      group(storefront, 'web-frontend to catalog-api'),
      group(searchIndexer, 'indexer reads the catalog'),
    ),
    tcp(9100, cidr('10.30.0.0/16', 'node_exporter scrape from shared-services')),
    tcp(22, {
      kind: 'sg',
      sg: bastion,
      description: 'SSH from bastion over peering',
    }),
  );
  storefront.egress.push(...egressAll());
  search.ingress.push(tcp(8083, group(storefront, 'web-frontend to search-api')));
  search.egress.push(...egressAll());
  searchIndexer.ingress.push(
    tcp(9200, group(search, 'search-api queries'), cidr('0.0.0.0/0', 'temp: kibana access for debugging')),
  );
  searchIndexer.egress.push(...egressAll());
  orderApi.ingress.push(
    tcp(8080, group(storefront, 'web-frontend to order-api'), group(lambdaWebhook, 'orders-webhook')),
  );
  orderApi.egress.push(...egressAll());
  backendShared.ingress.push(
    tcp([0, 65535], cidr('10.0.0.0/8', 'internal services')),
    tcp(8080, group(backendShared, 'backend service mesh')),
    tcp(9100, cidr('10.30.0.0/16', 'node_exporter scrape from shared-services')),
  );
  backendShared.egress.push(...egressAll());
  inventory.ingress.push(
    tcp(
      8082,
      group(storefront, 'catalog-api stock levels'),
      group(orderApi, 'order-api reservations'),
      group(supplyWorkers, 'stock-sync updates'),
    ),
    tcp(11211, cidr('10.20.16.0/20', 'legacy memcached')),
  );
  inventory.egress.push(...egressAll());
  supplyWorkers.egress.push(...egressAll());
  paymentsGateway.ingress.push(tcp(8443, group(fraudScorer, 'fraud-scorer callbacks')));
  paymentsGateway.egress.push(
    tcp(8090, group(fraudScorer, 'fraud scoring')),
    tcp(443, cidr('0.0.0.0/0', 'payment service provider API')),
  );
  fraudScorer.ingress.push(tcp(8090, group(paymentsGateway, 'payment-gateway scoring requests')));
  fraudScorer.egress.push(
    tcp(8443, group(paymentsGateway, 'callbacks to payment-gateway')),
    tcp(443, prefixList(s3, 'model artefacts from S3')),
  );
  rdsPostgres.ingress.push(tcp(5432, group(orderApi, 'order-api'), group(backendShared, 'backend workers')));
  rdsPostgres.egress.push(...egressAll());
  lambdaWebhook.egress.push(...egressAll());
  vpce.ingress.push(tcp(443, cidr('10.20.0.0/16', 'HTTPS to AWS APIs')));
  vpce.egress.push(...egressAll());
  opsSsh.ingress.push(tcp(22, cidr('0.0.0.0/0', 'ssh')));
  opsSsh.egress.push(...egressAll());
  bastion.ingress.push(
    tcp(22, prefixList(corp, 'SSH from the office')),
    { protocol: 'icmp', from: 8, to: -1, peers: [prefixList(corp, 'ping from the office')] },
    tcp(9100, cidr('10.30.0.0/16', 'node_exporter scrape')),
  );
  bastion.egress.push(...egressAll());
  monitoring.ingress.push(
    tcp(3000, group(bastion, 'Grafana through the bastion')),
    tcp(9090, group(monitoring, 'Grafana to Prometheus')),
    tcp(9100, cidr('10.30.0.0/16', 'node_exporter scrape')),
  );
  monitoring.egress.push(...egressAll());
  ci.ingress.push(
    tcp(8080, group(bastion, 'Jenkins UI through the bastion')),
    tcp(50000, group(ci, 'agents to controller')),
    tcp(22, group(ci, 'controller to agents')),
    tcp(9100, cidr('10.30.0.0/16', 'node_exporter scrape')),
  );
  ci.egress.push(...egressAll());

  // NACLs
  const nacls: NaclDef[] = [];
  const defaultEntries = (): NaclEntryDef[] => [
    { rule: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
    { rule: 100, egress: false, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
  ];
  const nacl = (
    v: VpcDef,
    key: string,
    isDefault: boolean,
    entries: NaclEntryDef[],
    name?: string,
    team?: Team,
  ) => {
    const n: NaclDef = { key, id: awsId('acl', key), name, team, vpc: v, isDefault, entries, subnets: [] };
    n.entries.push(
      { rule: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
      { rule: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
    );
    nacls.push(n);
    return n;
  };
  const prodDefaultAcl = nacl(prod, 'prod-core/default', true, defaultEntries());
  const publicAcl = nacl(
    prod,
    'prod-core/prod-public-nacl',
    false,
    [
      { rule: 100, egress: false, protocol: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [443, 443] },
      { rule: 110, egress: false, protocol: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [80, 80] },
      { rule: 120, egress: false, protocol: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [1024, 65535] },
      { rule: 130, egress: false, protocol: '17', action: 'allow', cidr: '0.0.0.0/0', ports: [1024, 65535] },
      { rule: 140, egress: false, protocol: '-1', action: 'allow', cidr: '10.20.0.0/16' },
      { rule: 150, egress: false, protocol: '-1', action: 'allow', cidr: '10.30.0.0/16' },
      {
        rule: 160,
        egress: false,
        protocol: '1',
        action: 'allow',
        cidr: '0.0.0.0/0',
        icmp: { type: 3, code: 4 },
      },
      { rule: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
    ],
    'prod-public-nacl',
    'platform',
  );
  const dataAcl = nacl(
    prod,
    'prod-core/prod-data-nacl',
    false,
    [
      {
        rule: 100,
        egress: false,
        protocol: '6',
        action: 'allow',
        cidr: '10.20.16.0/20',
        ports: [5432, 5432],
      },
      {
        rule: 110,
        egress: false,
        protocol: '6',
        action: 'allow',
        cidr: '10.20.32.0/20',
        ports: [5432, 5432],
      },
      { rule: 100, egress: true, protocol: '6', action: 'allow', cidr: '10.20.0.0/16', ports: [1024, 65535] },
      { rule: 110, egress: true, protocol: '6', action: 'allow', cidr: '10.30.0.0/16', ports: [1024, 65535] },
    ],
    'prod-data-nacl',
    'data',
  );
  const sharedDefaultAcl = nacl(shared, 'shared-services/default', true, defaultEntries());
  for (const s of subnetList) {
    if (s.vpc === shared) sharedDefaultAcl.subnets.push(s);
    else if (s.tier === 'public') publicAcl.subnets.push(s);
    else if (s.tier === 'data') dataAcl.subnets.push(s);
    else prodDefaultAcl.subnets.push(s);
  }
  for (const n of nacls) {
    n.entries.sort((x, y) => Number(y.egress) - Number(x.egress) || x.rule - y.rule);
  }

  // Routing
  const natGatewayId = awsId('nat', 'prod-core/prod-public-a');
  const s3EndpointId = awsId('vpce', 'prod-core/s3-gateway');
  const sqsEndpointId = awsId('vpce', 'prod-core/sqs-interface');
  const local = (v: VpcDef): RouteDef => ({ destination: v.cidr, target: 'local', targetId: 'local' });
  const toPcx = (v: VpcDef): RouteDef => ({ destination: v.cidr, target: 'pcx', targetId: peeringId });
  const rt = (v: VpcDef, key: string, main: boolean, routes: RouteDef[], name?: string): RouteTableDef => ({
    key,
    id: awsId('rtb', key),
    name,
    vpc: v,
    main,
    mainAssociationId: main ? awsId('rtbassoc', `${key}/main`) : undefined,
    subnets: [],
    routes,
  });
  const prodMain = rt(prod, 'prod-core/main', true, [local(prod)]);
  const prodPublic = rt(
    prod,
    'prod-core/public',
    false,
    [local(prod), toPcx(shared), { destination: '0.0.0.0/0', target: 'igw', targetId: prod.igwId }],
    'prod-public-rt',
  );
  const prodPrivate = rt(
    prod,
    'prod-core/private',
    false,
    [
      local(prod),
      toPcx(shared),
      { destination: '0.0.0.0/0', target: 'nat', targetId: natGatewayId },
      { destination: '', destinationPrefixList: s3, target: 'vpce', targetId: s3EndpointId },
    ],
    'prod-private-rt',
  );
  const sharedMain = rt(shared, 'shared-services/main', true, [
    local(shared),
    toPcx(prod),
    { destination: '0.0.0.0/0', target: 'igw', targetId: shared.igwId },
  ]);
  for (const s of subnetList) {
    if (s.vpc !== prod) continue;
    (s.tier === 'public' ? prodPublic : prodPrivate).subnets.push(s);
  }
  const routeTables = [prodMain, prodPublic, prodPrivate, sharedMain];

  // Workloads
  const services: ServiceDef[] = [
    svc(
      'storefront',
      'web-frontend',
      'web',
      'm6i.large',
      ['prod-app-a', 'prod-app-b', 'prod-app-c', 'prod-app-a', 'prod-app-b', 'prod-app-c'],
      [storefront],
      '2025-03-04',
    ),
    svc(
      'storefront',
      'catalog-api',
      'web',
      'm6i.large',
      ['prod-app-a', 'prod-app-b', 'prod-app-c', 'prod-app-a'],
      [storefront],
      '2025-02-18',
    ),
    svc(
      'search',
      'search-api',
      'web',
      'c6i.xlarge',
      ['prod-app-a', 'prod-app-b', 'prod-app-c', 'prod-app-b'],
      [search, backendShared],
      '2025-01-27',
    ),
    {
      ...svc(
        'search',
        'search-indexer',
        'web',
        'r6i.xlarge',
        ['prod-public-a', 'prod-public-b', 'prod-public-c'],
        [searchIndexer],
        '2024-11-12',
      ),
      publicIp: 'auto',
      secondEni: { index: 1, subnet: 'prod-app-b' },
    },
    svc(
      'orders',
      'order-api',
      'commerce',
      'm6i.large',
      ['prod-app-a', 'prod-app-b', 'prod-app-a', 'prod-app-b'],
      [orderApi, backendShared],
      '2025-04-22',
    ),
    svc(
      'orders',
      'order-worker',
      'commerce',
      't3.large',
      ['prod-app-a', 'prod-app-b', 'prod-app-a', 'prod-app-b'],
      [backendShared, opsSsh],
      '2025-04-22',
    ),
    svc(
      'payments',
      'payment-gateway',
      'payments',
      'c6i.large',
      ['prod-app-a', 'prod-app-b'],
      [paymentsGateway],
      '2025-03-31',
    ),
    svc(
      'payments',
      'fraud-scorer',
      'payments',
      'c6i.2xlarge',
      ['prod-app-b', 'prod-app-c', 'prod-app-c'],
      [fraudScorer, backendShared],
      '2025-03-31',
    ),
    svc(
      'inventory',
      'inventory-api',
      'supply',
      'm6i.large',
      ['prod-app-a', 'prod-app-b', 'prod-app-c'],
      [inventory, backendShared],
      '2025-02-10',
    ),
    svc(
      'inventory',
      'stock-sync',
      'supply',
      't3.large',
      ['prod-app-c', 'prod-app-c'],
      [supplyWorkers, backendShared],
      '2025-02-10',
    ),
    {
      ...svc('bastion', 'bastion', 'security', 't3.micro', ['shared-public-a'], [bastion], '2024-09-16'),
      publicIp: 'eip',
      secondEni: { index: 0, subnet: 'shared-tools-a' },
    },
    svc(
      'platform-monitoring',
      'prometheus',
      'platform',
      'r6i.large',
      ['shared-tools-a', 'shared-tools-b'],
      [monitoring],
      '2024-10-07',
    ),
    svc(
      'platform-monitoring',
      'grafana',
      'platform',
      't3.medium',
      ['shared-tools-a', 'shared-tools-b'],
      [monitoring],
      '2024-10-07',
    ),
    {
      ...svc('ci', 'jenkins', 'platform', 'm6i.xlarge', ['shared-tools-a'], [ci], '2024-08-19'),
      image: 'ubuntu-jammy',
    },
    {
      ...svc(
        'ci',
        'build-agent',
        'platform',
        'c7g.2xlarge',
        [
          'shared-tools-a',
          'shared-tools-b',
          'shared-tools-a',
          'shared-tools-b',
          'shared-tools-a',
          'shared-tools-b',
          'shared-tools-a',
          'shared-tools-b',
        ],
        [ci],
        '2025-05-12',
      ),
      image: 'al2023-arm',
      stoppedIndex: 7,
    },
  ];

  const instances: InstanceDef[] = [];
  const enis: EniDef[] = [];
  for (const service of services) {
    for (const [index, subnetName] of service.subnets.entries()) {
      const s = sub(subnetName);
      const name = `${service.service}-${index + 1}`;
      const launchTime = at(
        service.launchDay,
        9 * 3600 + (hashInt(`launch/${service.service}/${s.az}`) % 18000),
      );
      const instance: InstanceDef = {
        id: awsId('i', name),
        name,
        service,
        index,
        subnet: s,
        enis: [],
        launchTime,
        reservationKey: `${service.service}/${subnetName}`,
        state: service.stoppedIndex === index ? 'stopped' : 'running',
        volumeId: awsId('vol', name),
      };
      instances.push(instance);
      const primary: EniDef = {
        key: `${name}/eth0`,
        id: awsId('eni', `${name}/eth0`),
        kind: 'instance',
        subnet: s,
        sgs: service.sgs,
        privateIp: allocateIp(s, `${name}/eth0`),
        mac: macAddress(`${name}/eth0`),
        description: '',
        interfaceType: 'interface',
        requesterManaged: false,
        sourceDestCheck: true,
        attachment: {
          id: awsId('eni-attach', `${name}/eth0`),
          time: launchTime,
          deviceIndex: 0,
          deleteOnTermination: true,
          instanceOwnerId: ACCOUNT,
        },
        instance,
        tagSet: {},
        owner: service,
      };
      if (service.publicIp && instance.state === 'running') {
        primary.publicIp = allocatePublicIp(
          name,
          service.publicIp === 'eip' ? ACCOUNT : 'amazon',
          service.publicIp === 'eip',
        );
      }
      instance.enis.push(primary);
      enis.push(primary);
      if (service.secondEni && service.secondEni.index === index) {
        const s2 = sub(service.secondEni.subnet);
        if (s2.az !== s.az) throw new Error(`${name}: second ENI must be in the instance's AZ`);
        const secondary: EniDef = {
          ...primary,
          key: `${name}/eth1`,
          id: awsId('eni', `${name}/eth1`),
          subnet: s2,
          privateIp: allocateIp(s2, `${name}/eth1`),
          publicIp: undefined,
          mac: macAddress(`${name}/eth1`),
          description: `${name} private interface`,
          attachment: {
            id: awsId('eni-attach', `${name}/eth1`),
            time: new Date(launchTime.getTime() + 86400_000 * 3 + 1234_000),
            deviceIndex: 1,
            deleteOnTermination: false,
            instanceOwnerId: ACCOUNT,
          },
          tagSet: { Name: `${name}-eth1` },
        };
        instance.enis.push(secondary);
        enis.push(secondary);
      }
    }
  }

  const albName = 'app/northwind-web/50dc6c495c0c9188';
  const managed = (
    key: string,
    kind: EniKind,
    subnetName: string,
    groups: SgDef[],
    description: string,
    interfaceType: EniDef['interfaceType'],
    requesterId: string,
    instanceOwnerId: string,
    created: Date,
    owner: AppTags | undefined,
    tagSet: Record<string, string>,
  ): EniDef => {
    const s = sub(subnetName);
    const eni: EniDef = {
      key,
      id: awsId('eni', key),
      kind,
      subnet: s,
      sgs: groups,
      privateIp: allocateIp(s, key),
      mac: macAddress(key),
      description,
      interfaceType,
      requesterId,
      requesterManaged: true,
      sourceDestCheck: !forwarders.has(kind),
      attachment: {
        id: awsId('ela-attach', key),
        time: created,
        deviceIndex: 1,
        deleteOnTermination: false,
        instanceOwnerId,
      },
      tagSet,
      owner,
    };
    enis.push(eni);
    return eni;
  };
  const ordersDb: AppTags = { app: 'orders', service: 'orders-db', team: 'commerce' };
  const appTagSet = (t: AppTags, name: string) => ({
    Name: name,
    app: t.app,
    service: t.service,
    team: t.team,
    owner: teamOwner[t.team],
    env: 'prod',
  });
  managed(
    'orders-db/primary',
    'rds',
    'prod-data-a',
    [rdsPostgres],
    'RDSNetworkInterface',
    'interface',
    'amazon-rds',
    'amazon-rds',
    at('2024-06-03', 40211),
    ordersDb,
    appTagSet(ordersDb, 'orders-db'),
  );
  managed(
    'orders-db/replica',
    'rds',
    'prod-data-b',
    [rdsPostgres],
    'RDSNetworkInterface',
    'interface',
    'amazon-rds',
    'amazon-rds',
    at('2024-06-03', 41807),
    ordersDb,
    appTagSet(ordersDb, 'orders-db-replica'),
  );
  const albTags: AppTags = { app: 'storefront', service: 'northwind-web-alb', team: 'web' };
  for (const az of ['a', 'b'] as const) {
    const eni = managed(
      `alb/${az}`,
      'load-balancer',
      `prod-public-${az}`,
      [alb],
      `ELB ${albName}`,
      'interface',
      'amazon-elb',
      'amazon-elb',
      at('2024-11-04', 51320 + (az === 'a' ? 0 : 3)),
      albTags,
      appTagSet(albTags, `northwind-web-alb-${az}`),
    );
    eni.publicIp = allocatePublicIp(`alb/${az}`, 'amazon-elb', false);
  }
  const nat = managed(
    'nat/prod-public-a',
    'nat-gateway',
    'prod-public-a',
    [],
    `Interface for NAT Gateway ${natGatewayId}`,
    'nat_gateway',
    '751232158468',
    'amazon-aws',
    at('2024-06-03', 30115),
    undefined,
    {},
  );
  nat.publicIp = allocatePublicIp('nat/prod-public-a', ACCOUNT, true);
  const webhook: AppTags = { app: 'orders', service: 'orders-webhook', team: 'commerce' };
  managed(
    'lambda/orders-webhook',
    'lambda',
    'prod-app-a',
    [lambdaWebhook],
    `AWS Lambda VPC ENI-orders-webhook-${uuid('lambda/orders-webhook')}`,
    'lambda',
    `AROA${iamLike('lambda-role')}:orders-webhook`,
    'amazon-aws',
    at('2025-04-23', 11042),
    webhook,
    appTagSet(webhook, 'orders-webhook'),
  );
  managed(
    'vpce/sqs',
    'vpc-endpoint',
    'prod-app-b',
    [vpce],
    `VPC Endpoint Interface ${sqsEndpointId}`,
    'vpc_endpoint',
    '413062138104',
    'amazon-aws',
    at('2024-07-15', 49310),
    undefined,
    {},
  );

  // Last, so that the addresses its interfaces take leave every other ENI's as they were.
  const hubId = awsId('tgw', 'northwind-hub');
  const hubAttachment = (v: VpcDef, subnetNames: string[], created: Date) => {
    const id = awsId('tgw-attach', `northwind-hub/${v.key}`);
    const attachmentSubnets = subnetNames.map(sub);
    const interfaces = attachmentSubnets.map((s) =>
      managed(
        `tgw/${v.key}/${s.name}`,
        'transit-gateway',
        s.name,
        [],
        `Network Interface for Transit Gateway Attachment ${id}`,
        'transit_gateway',
        ACCOUNT,
        'amazon-aws',
        created,
        undefined,
        {},
      ),
    );
    return { id, vpc: v, subnets: attachmentSubnets, enis: interfaces, created };
  };
  const transitGateway: TransitGatewayDef = {
    id: hubId,
    name: 'northwind-hub',
    routeTableId: awsId('tgw-rtb', 'northwind-hub/default'),
    created: at('2026-10-19', 33010),
    attachments: [
      hubAttachment(prod, ['prod-app-a', 'prod-app-b', 'prod-app-c'], at('2026-10-19', 34220)),
      hubAttachment(shared, ['shared-tools-a', 'shared-tools-b'], at('2026-10-19', 34580)),
    ],
  };

  return {
    vpcs,
    subnets: subnetList,
    prefixLists: [s3, corp],
    sgs,
    nacls,
    routeTables,
    peering: { id: peeringId, requester: prod, accepter: shared, name: 'prod-core<->shared-services' },
    transitGateway,
    natGatewayId,
    s3EndpointId,
    sqsEndpointId,
    services,
    instances,
    enis,
    dhcpOptionsId: awsId('dopt', 'eu-west-1'),
    albName,
  };
}

function iamLike(key: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < 17; i++) out += alphabet[hashInt(`${key}/${i}`) % 32];
  return out;
}

function svc(
  app: string,
  service: string,
  team: Team,
  instanceType: string,
  subnets: string[],
  sgs: SgDef[],
  launchDay: string,
): ServiceDef {
  const shared = subnets.some((s) => s.startsWith('shared-'));
  return {
    app,
    service,
    team,
    instanceType,
    image: 'al2023-x86',
    subnets,
    sgs,
    keyName: shared ? 'northwind-shared' : 'northwind-prod',
    launchDay,
  };
}

export function subnetOfIp(model: Model, ip: string): SubnetDef | undefined {
  return model.subnets.find((s) => cidrContains(s.cidr, ip));
}
