import { beforeAll, describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { computeFindings } from '../../../main/core/findings/computeFindings';
import { FindingContext } from '../../../main/core/findings/context';
import { exposures } from '../../../main/core/findings/exposure';
import { overPermissiveRules } from '../../../main/core/findings/overPermissive';
import { unusedRules } from '../../../main/core/findings/unusedRule';
import {
  AwsExportBuilder,
  aclEntry,
  allTraffic,
  anywhere,
  permission,
  route,
  tcp,
} from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';
import { declared } from './declared';

/**
 * vpc-a 10.0.0.0/16, three subnets:
 * - subnet-pub 10.0.1.0/24, routed to igw-1: eni-web 10.0.1.10 (public 54.1.2.3, sg-web: 443 and 9200
 *   from anywhere) of app front, and eni-other 10.0.1.20 (sg-other, no ingress) of app other.
 * - subnet-app 10.0.2.0/24, routed to a NAT gateway: eni-api 10.0.2.10 and eni-worker 10.0.2.200 of app
 *   shop, both in sg-app: 8080 from 10.0.0.0/8, 22 from anywhere, 11211 from 10.0.1.0/24.
 * - subnet-db 10.0.3.0/24 with acl-db admitting 5432 only from 10.0.2.0/25: eni-db 10.0.3.10 of app
 *   shop, sg-db admitting 5432 from sg-app.
 * Dependencies: web → api 8080 (allowed), web → api 9090 (no rule admits it), api → db 5432 (allowed),
 * worker → db 5432 (10.0.2.200 is outside the ACL's /25).
 */
let ctx: FindingContext;

const shop = () =>
  new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24')
    .subnet('subnet-db', 'vpc-a', '10.0.3.0/24')
    .group('sg-web', 'vpc-a', {
      name: 'web',
      ingress: [tcp(443, 443, anywhere), tcp(9200, 9200, anywhere)],
      egress: [allTraffic(anywhere)],
    })
    .group('sg-other', 'vpc-a', { name: 'other', egress: [allTraffic(anywhere)] })
    .group('sg-app', 'vpc-a', {
      name: 'app',
      ingress: [
        tcp(8080, 8080, { cidrs: ['10.0.0.0/8'] }),
        tcp(22, 22, anywhere),
        tcp(11211, 11211, { cidrs: ['10.0.1.0/24'] }),
      ],
      egress: [allTraffic(anywhere)],
    })
    .group('sg-db', 'vpc-a', { name: 'db', ingress: [tcp(5432, 5432, { groups: ['sg-app'] })] })
    .eni('eni-web', 'subnet-pub', { ips: ['10.0.1.10'], groups: ['sg-web'], publicIp: '54.1.2.3' })
    .eni('eni-other', 'subnet-pub', { ips: ['10.0.1.20'], groups: ['sg-other'] })
    .eni('eni-api', 'subnet-app', { ips: ['10.0.2.10'], groups: ['sg-app'] })
    .eni('eni-worker', 'subnet-app', { ips: ['10.0.2.200'], groups: ['sg-app'] })
    .eni('eni-db', 'subnet-db', { ips: ['10.0.3.10'], groups: ['sg-db'] })
    .acl('acl-main', 'vpc-a', { subnets: ['subnet-pub', 'subnet-app'], entries: allowAll })
    .acl('acl-db', 'vpc-a', {
      subnets: ['subnet-db'],
      entries: [
        aclEntry(100, false, 'allow', 'tcp', '10.0.2.0/25', { ports: [5432, 5432] }),
        aclEntry(100, true, 'allow', 'tcp', '10.0.0.0/16', { ports: [1024, 65535] }),
      ],
    })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [route('0.0.0.0/0', 'igw-1')] })
    .routeTable('rtb-app', 'vpc-a', { main: true, routes: [route('0.0.0.0/0', 'nat-1')] });

beforeAll(async () => {
  const estate = await shop().estate();
  const services = [
    ['web', 'front', 'eni-web'],
    ['other', 'other', 'eni-other'],
    ['api', 'shop', 'eni-api'],
    ['worker', 'shop', 'eni-worker'],
    ['db', 'shop', 'eni-db'],
  ] as const;
  const applications: ApplicationModel = {
    apps: ['front', 'other', 'shop'].map((app) => ({
      name: app,
      owners: [`team-${app}`],
      services: services
        .filter((s) => s[1] === app)
        .map(([name, , eni]) => ({
          name,
          app,
          owners: [`team-${app}`],
          workloadIds: [eni],
          origins: ['tags'],
        })),
    })),
    unassigned: [],
    dependencies: [
      declared('web', 'api', 8080),
      declared('web', 'api', 9090),
      declared('api', 'db', 5432),
      declared('worker', 'db', 5432),
    ],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
  ctx = new FindingContext(estate, applications, defaultTagKeys);
});

describe('blocked dependencies', () => {
  it('names the denying layer and the narrowest fix: a security group rule, a NACL entry', () => {
    const found = blockedDependencies(ctx);
    expect(found.map((f) => f.id)).toEqual([
      'blocked-dependency:web:api:tcp/9090',
      'blocked-dependency:worker:db:tcp/5432',
    ]);
    const [bySg, byAcl] = found;
    expect(bySg).toMatchObject({
      severity: 'high',
      owners: ['team-front', 'team-shop'],
      suggestion: 'add to sg-app (app) an ingress rule tcp 9090 from sg-web (web)',
    });
    expect(bySg?.evidence.flows[0]?.explanation.find((l) => l.layer === 'sg-ingress')?.verdict).toBe('deny');
    expect(byAcl?.suggestion).toBe(
      'add to acl-db an inbound allow entry tcp 5432 from 10.0.2.0/24 with a rule number below 32767',
    );
    expect(byAcl?.evidence.rules).toContainEqual(
      expect.objectContaining({
        kind: 'network-acl-entry',
        aclId: 'acl-db',
        ruleNumber: 32767,
        action: 'deny',
      }),
    );
  });
});

describe('exposure', () => {
  it('reports each internet-open rule of a public workload in a routed subnet, with a verified flow', () => {
    const found = exposures(ctx);
    expect(found.map((f) => `${f.id} ${f.severity}`)).toEqual([
      'exposure:sg-web/ingress/0/0 high',
      'exposure:sg-web/ingress/1/0 high',
    ]);
    const [https] = found;
    expect(https?.evidence.flows[0]).toMatchObject({
      allowed: true,
      port: 443,
      destination: { workloadId: 'eni-web' },
    });
    expect(https?.objects.map((o) => o.id)).toEqual(['sg-web', 'eni-web', 'web', 'front']);
  });

  it('leaves out the same rule on workloads with no public address (sg-app 22 from anywhere)', () => {
    expect(exposures(ctx).some((f) => f.id.includes('sg-app'))).toBe(false);
  });

  it('leaves out a public address with no private IPv4 behind it, rather than failing the check', () => {
    const web = ctx.estate.workloads.find((w) => w.id === 'eni-web');
    if (!web) throw new Error('the estate has eni-web');
    const bare = { ...web, id: 'eni-bare', privateIps: [], publicIp: '54.1.2.4' };
    const estate = { ...ctx.estate, workloads: [...ctx.estate.workloads, bare] };
    const withBare = new FindingContext(estate, ctx.applications, defaultTagKeys);
    const found = exposures(withBare);
    expect(found.map((f) => f.id)).toEqual(['exposure:sg-web/ingress/0/0', 'exposure:sg-web/ingress/1/0']);
    expect(found.flatMap((f) => f.objects.map((o) => o.id))).not.toContain('eni-bare');
  });

  it('counts a workload whose only public address is the Elastic IP of a secondary address', () => {
    const web = ctx.estate.workloads.find((w) => w.id === 'eni-web');
    if (!web) throw new Error('the estate has eni-web');
    const secondary = { privateIp: '10.0.1.31', publicIp: '54.1.2.5' };
    const multi = { ...web, id: 'eni-multi', privateIps: ['10.0.1.30', '10.0.1.31'], publicIp: null };
    const estate = {
      ...ctx.estate,
      workloads: [...ctx.estate.workloads, { ...multi, secondaryPublicIps: [secondary] }],
    };
    const https = exposures(new FindingContext(estate, ctx.applications, defaultTagKeys)).find(
      (f) => f.id === 'exposure:sg-web/ingress/0/0',
    );
    expect(https?.objects.map((o) => o.id)).toContain('eni-multi');
    expect(JSON.stringify(https)).toContain('at 54.1.2.5');
    // Without it, the same workload has no public address and is left out.
    const withoutIt = { ...ctx.estate, workloads: [...ctx.estate.workloads, multi] };
    const none = exposures(new FindingContext(withoutIt, ctx.applications, defaultTagKeys));
    expect(none.flatMap((f) => f.objects.map((o) => o.id))).not.toContain('eni-multi');
  });
});

describe('exposure through a prefix list', () => {
  it('counts the internet ranges of its entries like a CIDR, and says when its entries are not exported', async () => {
    const sshFrom = (list: string) => [tcp(22, 22, { prefixLists: [list] })];
    const estate = await new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
      .group('sg-office', 'vpc-a', { name: 'office', ingress: sshFrom('pl-office') })
      .group('sg-world', 'vpc-a', { name: 'world', ingress: sshFrom('pl-world') })
      .group('sg-unsaid', 'vpc-a', { name: 'unsaid', ingress: sshFrom('pl-unsaid') })
      .group('sg-cli', 'vpc-a', { name: 'cli', egress: [allTraffic(anywhere)] })
      .prefixList('pl-office', 'office', ['8.20.0.0/16'])
      .prefixList('pl-world', 'world', ['0.0.0.0/0'])
      .prefixList('pl-unsaid', 'unsaid', null)
      .eni('eni-office', 'subnet-pub', { ips: ['10.0.1.10'], groups: ['sg-office'], publicIp: '54.1.2.3' })
      .eni('eni-world', 'subnet-pub', { ips: ['10.0.1.20'], groups: ['sg-world'], publicIp: '54.1.2.4' })
      .eni('eni-unsaid', 'subnet-pub', { ips: ['10.0.1.30'], groups: ['sg-unsaid'], publicIp: '54.1.2.5' })
      .eni('eni-cli', 'subnet-pub', { ips: ['10.0.1.40'], groups: ['sg-cli'] })
      .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: allowAll })
      .routeTable('rtb-pub', 'vpc-a', { main: true, routes: [route('0.0.0.0/0', 'igw-1')] })
      .estate();
    const apps = appPerWorkload([
      ['office', 'eni-office'],
      ['world', 'eni-world'],
      ['unsaid', 'eni-unsaid'],
      ['cli', 'eni-cli'],
    ]);
    const withPl = new FindingContext(estate, apps, defaultTagKeys);
    const found = exposures(withPl);
    expect(found.map((f) => f.title)).toEqual([
      'tcp 22 on 1 workload open to the internet through sg-office (office)',
      'tcp 22 on 1 workload open to the internet through sg-world (world)',
      'tcp 22 on 1 workload may be open to the internet through sg-unsaid (unsaid)',
    ]);
    expect(found[0]?.evidence.flows[0]?.source.address).toBe('8.20.0.0');
    expect(found[2]?.explanation).toContain(
      'aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-unsaid',
    );
    expect(found[2]?.explanation).toContain(
      'names a prefix list whose entries the export does not hold, so whether it lets clients on the internet open tcp 22 connections',
    );
    // The list holding 0.0.0.0/0 is internet-wide: neither unused nor measured as over-permissive.
    expect(unusedRules(withPl)).toEqual([]);
    expect(overPermissiveRules(withPl)).toEqual([]);
  });
});

describe('ICMP and all-traffic rules meeting IPv6 clients', () => {
  /** A dual-stack public ENI in a subnet routed to igw-1 both ways, carrying only `ingress`. */
  const dualStack = (ingress: Record<string, unknown>[]) =>
    new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
      .group('sg-pub', 'vpc-a', { name: 'pub', ingress })
      .prefixList('pl-office', 'office', null)
      .eni('eni-pub', 'subnet-pub', {
        ips: ['10.0.1.10'],
        ipv6: ['2600:1f18:0:1::10'],
        groups: ['sg-pub'],
        publicIp: '54.1.2.3',
      })
      .acl('acl-pub', 'vpc-a', {
        subnets: ['subnet-pub'],
        entries: [
          ...allowAll,
          aclEntry(101, true, 'allow', 'all', '::/0'),
          aclEntry(101, false, 'allow', 'all', '::/0'),
        ],
      })
      .routeTable('rtb-pub', 'vpc-a', {
        main: true,
        routes: [route('0.0.0.0/0', 'igw-1'), route('::/0', 'igw-1')],
      })
      .estate();
  const exposedTo = async (ingress: Record<string, unknown>[]) =>
    exposures(
      new FindingContext(await dualStack(ingress), appPerWorkload([['pub', 'eni-pub']]), defaultTagKeys),
    ).map((finding) => [
      finding.title,
      finding.evidence.flows.map((flow) => `${flow.protocol} from ${flow.source.address}`),
    ]);

  it('an icmp rule from ::/0 admits nothing over IPv6 (AWS accepts it, and it does nothing)', async () => {
    expect(await exposedTo([permission('icmp', [8, -1], { ipv6: ['::/0'] })])).toEqual([]);
  });

  it('all traffic from ::/0 is tried with icmpv6 from IPv6 clients', async () => {
    const [finding] = await exposedTo([allTraffic({ ipv6: ['::/0'] })]);
    expect(finding?.[1]).toEqual(['tcp from 2000::', 'udp from 2000::', 'icmpv6 from 2000::']);
  });

  it('a rule naming an IPv4 prefix list without entries says nothing of IPv6 clients', async () => {
    const found = await exposedTo([permission('icmp', [8, -1], { prefixLists: ['pl-office'] })]);
    expect(found).toEqual([
      ['icmp 8 on 1 workload may be open to the internet through sg-pub (pub)', ['icmp from 1.0.0.0']],
    ]);
    const engine = new ReachabilityEngine(await dualStack([tcp(22, 22, { prefixLists: ['pl-office'] })]));
    const fromIpv6 = engine.check({
      source: '2a00:1450:4001:80b::200e',
      destination: 'eni-pub',
      protocol: 'tcp',
      port: 22,
    });
    expect(fromIpv6.allowed).toBe(false);
  });
});

describe('exposure an ACL decides by the ICMP code', () => {
  it('says the types an entry admits by code may be open, as check does, not stopped', async () => {
    const estate = await new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
      .group('sg-pub', 'vpc-a', {
        name: 'pub',
        ingress: [permission('icmp', [-1, -1], anywhere), tcp(443, 443, anywhere)],
        egress: [allTraffic(anywhere)],
      })
      .eni('eni-pub', 'subnet-pub', { ips: ['10.0.1.10'], groups: ['sg-pub'], publicIp: '54.1.2.3' })
      .acl('acl-pub', 'vpc-a', {
        subnets: ['subnet-pub'],
        entries: [
          aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
          aclEntry(100, false, 'allow', 'tcp', '0.0.0.0/0', { ports: [443, 443] }),
          // Path MTU discovery's "fragmentation needed": one code of type 3.
          aclEntry(110, false, 'allow', 'icmp', '0.0.0.0/0', { icmp: [3, 4] }),
        ],
      })
      .routeTable('rtb-pub', 'vpc-a', { main: true, routes: [route('0.0.0.0/0', 'igw-1')] })
      .estate();
    const engine = new ReachabilityEngine(estate);
    const probe = (port: number) =>
      engine.check({ source: '198.51.100.7', destination: 'eni-pub', protocol: 'icmp', port }).allowed;
    expect([probe(3), probe(8)]).toEqual(['unknown', false]);
    const found = exposures(new FindingContext(estate, appPerWorkload([['pub', 'eni-pub']]), defaultTagKeys));
    // An ICMP error message is no connection: the path MTU allowance is low, the open port high.
    expect(found.map((finding) => finding.severity)).toEqual(['low', 'high']);
    expect(found.map((finding) => [finding.title, finding.evidence.figures])).toEqual([
      [
        'icmp 3 on 1 workload may be open to the internet through sg-pub (pub)',
        { workloads: 1, workloadsInDoubt: 1, workloadPorts: 1 },
      ],
      [
        'tcp 443 on 1 workload open to the internet through sg-pub (pub)',
        { workloads: 1, workloadsInDoubt: 0, workloadPorts: 1 },
      ],
    ]);
  });
});

describe('exposure over IPv6', () => {
  it('names the workload at its global IPv6 address, which the internet reaches directly', async () => {
    const estate = await shop()
      .subnet('subnet-v6', 'vpc-a', '10.0.5.0/24', '2600:1f18:0:5::/64')
      .group('sg-v6', 'vpc-a', { name: 'v6', ingress: [tcp(22, 22, { ipv6: ['::/0'] })] })
      .eni('eni-v6', 'subnet-v6', { ips: ['10.0.5.40'], ipv6: ['2600:1f18:0:5::40'], groups: ['sg-v6'] })
      .acl('acl-v6', 'vpc-a', {
        subnets: ['subnet-v6'],
        entries: [aclEntry(100, true, 'allow', 'all', '::/0'), aclEntry(100, false, 'allow', 'all', '::/0')],
      })
      .routeTable('rtb-v6', 'vpc-a', { subnets: ['subnet-v6'], routes: [route('::/0', 'igw-1')] })
      .estate();
    const found = exposures(new FindingContext(estate, ctx.applications, defaultTagKeys));
    const ssh = found.find((f) => f.id === 'exposure:sg-v6/ingress/0/0');
    expect(ssh?.title).toBe('tcp 22 on 1 workload open to the internet through sg-v6 (v6)');
    expect(ssh?.explanation).toContain('open tcp 22 connections to eni-v6 at 2600:1f18:0:5::40:');
  });
});

describe('exposure through what the export does not show', () => {
  // igw-1's own route table (ingress routing) hands subnet-pub to a firewall's endpoint first;
  // subnet-edge, also routed to igw-1, it delivers straight by the local route.
  const inspected = async (withEdge: boolean) => {
    const builder = shop().routeTable('rtb-igw', 'vpc-a', {
      gateways: ['igw-1'],
      routes: [route('10.0.1.0/24', 'vpce-0gwlb')],
    });
    if (withEdge)
      builder
        .subnet('subnet-edge', 'vpc-a', '10.0.4.0/24')
        .eni('eni-edge', 'subnet-edge', { ips: ['10.0.4.10'], groups: ['sg-web'], publicIp: '54.1.2.9' })
        .acl('acl-edge', 'vpc-a', { subnets: ['subnet-edge'], entries: allowAll })
        .routeTable('rtb-edge', 'vpc-a', { subnets: ['subnet-edge'], routes: [route('0.0.0.0/0', 'igw-1')] });
    return new FindingContext(await builder.estate(), ctx.applications, defaultTagKeys);
  };

  it('says a workload behind an inspection appliance may be open, and why it is not known', async () => {
    const behind = await inspected(false);
    const found = exposures(behind);
    expect(found.map((f) => `${f.id} ${f.severity}`)).toEqual([
      'exposure:sg-web/ingress/0/0 high',
      'exposure:sg-web/ingress/1/0 high',
    ]);
    const [https] = found;
    expect(https?.title).toBe('tcp 443 on 1 workload may be open to the internet through sg-web (web)');
    expect(https?.explanation).toContain(
      'lets any client on the internet open tcp 443 connections to eni-web at 54.1.2.3 unless what the export does not show stops them: route: ',
    );
    expect(https?.explanation).toContain(
      'vpce-0gwlb, a Gateway Load Balancer endpoint, an inspection appliance',
    );
    expect(https?.explanation).not.toContain('passes the request and its reply');
    expect(https?.evidence.flows.map((flow) => flow.allowed)).toEqual(['unknown']);
    expect(https?.evidence.figures).toMatchObject({ workloads: 1, workloadsInDoubt: 1 });
    // The rule is reported once, here, and not as over-permissive as well.
    expect(overPermissiveRules(behind).map((f) => f.id)).not.toContain('over-permissive:sg-web/ingress/0/0');
    // Without the gateway's table the same rule is proven open, with nothing in doubt.
    const [open] = exposures(ctx);
    expect(open?.title).toBe('tcp 443 on 1 workload open to the internet through sg-web (web)');
    expect(open?.evidence.figures.workloadsInDoubt).toBe(0);
  });

  it('tells the workloads proven open from those in doubt in one finding', async () => {
    const [https] = exposures(await inspected(true));
    expect(https?.title).toBe('tcp 443 on 2 workloads open to the internet through sg-web (web)');
    expect(https?.evidence.flows.map((flow) => [flow.destination.workloadId, flow.allowed])).toEqual([
      ['eni-web', 'unknown'],
      ['eni-edge', true],
    ]);
    expect(https?.explanation).toMatch(
      /open tcp 443 connections to eni-edge at 54\.1\.2\.9: it has a public address.*It also lets them open tcp 443 connections to eni-web at 54\.1\.2\.3 unless what the export does not show stops them/,
    );
    expect(https?.evidence.figures).toMatchObject({ workloads: 2, workloadsInDoubt: 1 });
  });
});

describe('over-permissive rules', () => {
  it('flags an internet-wide rule on private workloads and a rule letting unrelated apps in, measured', () => {
    const found = overPermissiveRules(ctx);
    expect(found.map((f) => `${f.id} ${f.severity}`)).toEqual([
      'over-permissive:sg-app/ingress/0/0 medium',
      'over-permissive:sg-app/ingress/1/0 high',
    ]);
    const [internal, ssh] = found;
    // 10.0.0.0/8 admits all 5 workloads into the 2 of sg-app: 5 × 2 − 2 (a workload with itself) = 8 pairs.
    expect(internal?.evidence.figures).toMatchObject({
      workloadPairs: 8,
      ports: 1,
      opened: 8,
      needed: 1,
      beyondNeed: 7,
    });
    expect(internal?.explanation).toContain('other → shop');
    expect(internal?.suggestion).toBe(
      'replace sg-app/ingress/0/0 on sg-app (app) with ingress tcp 8080 from sg-web (web) (for web)',
    );
    expect(ssh?.suggestion).toBe('remove sg-app/ingress/1/0: no dependency uses it');
  });

  it('leaves alone a rule whose sources are all of the same app (sg-db from sg-app)', () => {
    expect(overPermissiveRules(ctx).some((f) => f.id.includes('sg-db'))).toBe(false);
  });
});

describe('internet-wide rules per address family', () => {
  it('count no pair for ::/0 on workloads without IPv6, and the pairs of those with it', async () => {
    const estateWith = (serverIpv6: string[]) =>
      new AwsExportBuilder()
        .vpc('vpc-a', '10.0.0.0/16')
        .subnet('subnet-a', 'vpc-a', '10.0.1.0/24', '2600:1f18:1:101::/64')
        .group('sg-srv', 'vpc-a', { name: 'srv', ingress: [permission('tcp', [22, 22], { ipv6: ['::/0'] })] })
        .group('sg-cli', 'vpc-a', { name: 'cli', egress: [allTraffic(anywhere)] })
        .eni('eni-srv', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-srv'], ipv6: serverIpv6 })
        .eni('eni-cli', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-cli'], ipv6: ['2600:1f18:1:101::20'] })
        .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
        .estate();
    const apps = appPerWorkload([
      ['srv', 'eni-srv'],
      ['cli', 'eni-cli'],
    ]);
    const ipv4Only = new FindingContext(await estateWith([]), apps, defaultTagKeys);
    expect(overPermissiveRules(ipv4Only)).toEqual([]);
    const dualStack = new FindingContext(await estateWith(['2600:1f18:1:101::10']), apps, defaultTagKeys);
    expect(overPermissiveRules(dualStack).map((f) => [f.id, f.evidence.figures.workloadPairs])).toEqual([
      ['over-permissive:sg-srv/ingress/0/0', 1],
    ]);
  });
});

describe('unused rules', () => {
  it('finds the rule no dependency needs, and not the defaults or those reported elsewhere', () => {
    expect(unusedRules(ctx).map((f) => f.id)).toEqual(['unused-rule:sg-app/ingress/2/0']);
  });
});

describe('the whole crafted estate', () => {
  it('lists each problem once, and measures alignment', () => {
    const { findings, alignment } = computeFindings(ctx);
    const kinds = findings.map((f) => f.kind);
    for (const kind of ['blocked-dependency', 'exposure', 'over-permissive', 'unused-rule'] as const)
      expect(kinds).toContain(kind);
    const ruleKeys = findings
      .filter((f) => ['exposure', 'over-permissive', 'unused-rule'].includes(f.kind))
      .map((f) => f.id.split(':')[1]);
    expect(new Set(ruleKeys).size).toBe(ruleKeys.length);
    expect(alignment.dependenciesAllowed).toEqual({ allowed: 2, total: 4 });
  });
});

/** One app of one service per workload, owned by team-NAME, and no dependency. */
function appPerWorkload(apps: readonly (readonly [string, string])[]): ApplicationModel {
  return {
    apps: apps.map(([name, eni]) => ({
      name,
      owners: [`team-${name}`],
      services: [{ name, app: name, owners: [`team-${name}`], workloadIds: [eni], origins: ['tags'] }],
    })),
    unassigned: [],
    dependencies: [],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
}

describe('rules naming addresses of a prefix delegated to an ENI', () => {
  it('reach the ENI holding the prefix, whether they lie inside it or hold it', async () => {
    const estate = await new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .group('sg-node', 'vpc-a', { name: 'node', egress: [allTraffic(anywhere)] })
      .group('sg-api', 'vpc-a', {
        name: 'api',
        // A pod's /32 inside the node's /28, and a /27 holding the whole /28.
        ingress: [
          tcp(8080, 8080, { cidrs: ['10.0.1.100/32'] }),
          tcp(9090, 9090, { cidrs: ['10.0.1.96/27'] }),
        ],
      })
      .eni('eni-node', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-node'], prefixes: ['10.0.1.96/28'] })
      .eni('eni-api', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-api'] })
      .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
      .estate();
    const applications = appPerWorkload([
      ['api', 'eni-api'],
      ['node', 'eni-node'],
    ]);
    const found = unusedRules(new FindingContext(estate, applications, defaultTagKeys));
    expect(found.map((f) => [f.id, f.evidence.figures.workloadPairs])).toEqual([
      ['unused-rule:sg-api/ingress/0/0', 1],
      ['unused-rule:sg-api/ingress/1/0', 1],
    ]);
  });
});

describe('rules reaching across a transit gateway', () => {
  /**
   * vpc-a and vpc-b on tgw-1, no peering. sg-api (eni-api, vpc-a) admits 8080 from vpc-b's range and
   * 9090 from sg-b; sg-b (eni-b, vpc-b) lets 5432 out to sg-api. No dependency needs any of them.
   */
  interface Across {
    /** vpc-b's attachment's setting (default enable; null: not printed). */
    readonly attachmentB?: 'enable' | 'disable' | null;
    readonly peered?: boolean;
    /** tgw-2 joins the two VPCs too, with referencing enabled everywhere. */
    readonly second?: boolean;
  }
  const unusedAcross = async (
    referencing: 'enable' | 'disable' | null,
    { attachmentB, peered, second }: Across = {},
  ) => {
    const builder = new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
      .group('sg-api', 'vpc-a', {
        name: 'api',
        ingress: [tcp(8080, 8080, { cidrs: ['10.1.0.0/16'] }), tcp(9090, 9090, { groups: ['sg-b'] })],
      })
      .group('sg-b', 'vpc-b', { name: 'b', egress: [tcp(5432, 5432, { groups: ['sg-api'] })] })
      .eni('eni-api', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-api'] })
      .eni('eni-b', 'subnet-b', { ips: ['10.1.1.10'], groups: ['sg-b'] })
      .transitGateway('tgw-1', referencing)
      .routeTable('rtb-a', 'vpc-a', { main: true, routes: [route('10.1.0.0/16', 'tgw-1')] })
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [route('10.0.0.0/16', 'tgw-1')] });
    if (peered) builder.peering('pcx-1', 'vpc-a', 'vpc-b');
    for (const vpc of ['a', 'b'])
      builder.transitGatewayVpcAttachment(`tgw-attach-${vpc}`, 'tgw-1', `vpc-${vpc}`, {
        subnets: [`subnet-${vpc}`],
        routeTableId: 'tgw-rtb-1',
        referencing: vpc === 'b' && attachmentB !== undefined ? attachmentB : 'enable',
      });
    if (second) {
      builder.transitGateway('tgw-2', 'enable');
      for (const vpc of ['a', 'b'])
        builder.transitGatewayVpcAttachment(`tgw-attach-2${vpc}`, 'tgw-2', `vpc-${vpc}`, {
          subnets: [`subnet-${vpc}`],
          routeTableId: 'tgw-rtb-2',
        });
    }
    const applications = appPerWorkload([
      ['api', 'eni-api'],
      ['b', 'eni-b'],
    ]);
    const found = unusedRules(new FindingContext(await builder.estate(), applications, defaultTagKeys));
    return found.map((finding) => [
      finding.id,
      finding.evidence.figures.workloadPairs,
      finding.explanation,
      finding.suggestion,
      finding.objects.map((object) => `${object.type}:${object.id}`),
    ]);
  };

  it('measure the workloads of the other VPC, and a group only where referencing reaches it', async () => {
    // The outbound rule naming sg-api matches nothing across tgw-1, whatever the settings.
    const stale = await unusedAcross('enable');
    expect(stale.map(([id, pairs]) => [id, pairs])).toEqual([
      ['unused-rule:sg-api/ingress/0/0', 1],
      ['unused-rule:sg-api/ingress/1/0', 1],
      ['unused-rule:sg-b/egress/0/0', 0],
    ]);
    expect(stale[2]?.[2]).toBe(
      'sg-b (b) egress tcp 5432 to sg-api (api) names sg-api (api) of vpc-a, and no active peering joins vpc-b and vpc-a, only tgw-1, and outbound rules do not match groups across a transit gateway. AWS keeps such a rule but it matches nothing (aws ec2 describe-stale-security-groups lists it as stale): it opens no workload pair and serves no dependency, and whoever reads the group takes it for an allowance.',
    );
    // Disabled: the inbound rule naming sg-b is stale too.
    const disabled = await unusedAcross('disable');
    expect(disabled.map(([id, pairs]) => [id, pairs])).toEqual([
      ['unused-rule:sg-api/ingress/0/0', 1],
      ['unused-rule:sg-api/ingress/1/0', 0],
      ['unused-rule:sg-b/egress/0/0', 0],
    ]);
    // Not printed: whether the inbound rule reaches sg-b is not known, so it is neither measured nor stale.
    for (const unsaid of [await unusedAcross(null), await unusedAcross('enable', { attachmentB: null })]) {
      expect(unsaid.map(([id]) => id)).toEqual([
        'unused-rule:sg-api/ingress/0/0',
        'unused-rule:sg-b/egress/0/0',
      ]);
    }
    // With an active peering too, rules naming the other VPC's groups are live: AWS matches them over it.
    // Enabled on the transit gateway but disabled on vpc-b's only attachment: stale as well.
    expect(
      (await unusedAcross('enable', { attachmentB: 'disable' })).map(([id, pairs]) => [id, pairs]),
    ).toEqual(disabled.map(([id, pairs]) => [id, pairs]));
    // Another transit gateway that lets it through: live, measured.
    expect((await unusedAcross('disable', { second: true })).map(([id, pairs]) => [id, pairs])).toEqual([
      ['unused-rule:sg-api/ingress/0/0', 1],
      ['unused-rule:sg-api/ingress/1/0', 1],
      ['unused-rule:sg-b/egress/0/0', 0],
    ]);
    expect((await unusedAcross('disable', { peered: true })).map(([id, pairs]) => [id, pairs])).toEqual([
      ['unused-rule:sg-api/ingress/0/0', 1],
      ['unused-rule:sg-api/ingress/1/0', 1],
      ['unused-rule:sg-b/egress/0/0', 1],
    ]);
    // A stale rule names its group, the group it names and the transit gateway between them.
    expect(disabled[1]?.[4]).toEqual([
      'security-group:sg-api',
      'security-group:sg-b',
      'transit-gateway:tgw-1',
    ]);
    expect(disabled[0]?.[4]).not.toContain('transit-gateway:tgw-1');
    expect(disabled[1]?.[3]).toBe(
      "remove sg-api/ingress/1/0 from sg-api (api), or enable security group referencing on tgw-1 and on its attachments of vpc-a and vpc-b, or name vpc-b's addresses instead",
    );
  });
});
