import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { DeclaredDependency } from '../../../main/core/domain/applications';
import type { Estate } from '../../../main/core/domain/estate';
import type { ImpactSide } from '../../../main/core/impact/computeImpact';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, route, tcp } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

/**
 * A small shop, with every answer known by hand. vpc-shop 10.0.0.0/16:
 * - subnet-web 10.0.1.0/24 (acl-web, allows everything): eni-web1 10.0.1.10 (public 203.0.113.10),
 *   eni-web2 10.0.1.11, both sg-web (team web: egress all; ingress tcp 443 from 10.0.0.0/16).
 * - subnet-db 10.0.2.0/24 (acl-db, owner team dba: inbound 100 allow tcp 5432 from 10.0.1.0/24, 110 allow
 *   tcp 22 from 10.0.0.0/16, outbound 100 allow all): eni-db 10.0.2.20 with sg-db (team dba: ingress
 *   tcp 5432 from sg-web, rule id given by describe-security-group-rules is not exported, so keys are
 *   positional: `sg-db/ingress/0/0`).
 * - eni-ops 10.0.1.30 in subnet-web with sg-ops (no owner tag, egress all), app ops, no dependency.
 * - subnet-web routes 0.0.0.0/0 to igw-shop (rtb-web); subnet-db uses the main table, local only, so
 *   eni-db's public address 203.0.113.20 is not reachable from the internet.
 * Apps: shop (team web: service web on eni-web1/2), data (team dba: service db on eni-db), ops.
 * Declared dependency: web → db tcp/5432.
 * With `ipv6`, vpc-shop has 2600:1f18:5::/56 and subnet-web 2600:1f18:5:1::/64, where eni-web1 also has
 * 2600:1f18:5:1::10; rtb-web routes ::/0 to igw-shop and acl-web allows all IPv6 as well.
 */
export async function shopEstate(options: { ipv6?: boolean } = {}): Promise<Estate> {
  const ipv6 = options.ipv6 === true;
  const builder = new AwsExportBuilder().vpc('vpc-shop', '10.0.0.0/16');
  if (ipv6) builder.vpcIpv6('vpc-shop', '2600:1f18:5::/56', 'public');
  const estate = await builder
    .subnet('subnet-web', 'vpc-shop', '10.0.1.0/24', ipv6 ? '2600:1f18:5:1::/64' : undefined)
    .subnet('subnet-db', 'vpc-shop', '10.0.2.0/24')
    .group('sg-web', 'vpc-shop', {
      name: 'web',
      ingress: [tcp(443, 443, { cidrs: ['10.0.0.0/16'] })],
      egress: [allTraffic(anywhere)],
    })
    .group('sg-db', 'vpc-shop', { name: 'db', ingress: [tcp(5432, 5432, { groups: ['sg-web'] })] })
    .group('sg-ops', 'vpc-shop', { name: 'ops', egress: [allTraffic(anywhere)] })
    .eni('eni-web1', 'subnet-web', {
      ips: ['10.0.1.10'],
      groups: ['sg-web'],
      ...(ipv6 ? { ipv6: ['2600:1f18:5:1::10'] } : {}),
    })
    .eni('eni-web2', 'subnet-web', { ips: ['10.0.1.11'], groups: ['sg-web'] })
    .eni('eni-ops', 'subnet-web', { ips: ['10.0.1.30'], groups: ['sg-ops'] })
    .eni('eni-db', 'subnet-db', { ips: ['10.0.2.20'], groups: ['sg-db'] })
    .acl('acl-web', 'vpc-shop', {
      subnets: ['subnet-web'],
      entries: ipv6
        ? [
            ...allowAll,
            aclEntry(101, true, 'allow', 'all', '::/0'),
            aclEntry(101, false, 'allow', 'all', '::/0'),
          ]
        : allowAll,
    })
    .routeTable('rtb-web', 'vpc-shop', {
      subnets: ['subnet-web'],
      routes: [route('0.0.0.0/0', 'igw-shop'), ...(ipv6 ? [route('::/0', 'igw-shop')] : [])],
    })
    .routeTable('rtb-main', 'vpc-shop', { main: true, routes: [] })
    .acl('acl-db', 'vpc-shop', {
      subnets: ['subnet-db'],
      entries: [
        aclEntry(100, false, 'allow', 'tcp', '10.0.1.0/24', { ports: [5432, 5432] }),
        aclEntry(110, false, 'allow', 'tcp', '10.0.0.0/16', { ports: [22, 22] }),
        aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
      ],
    })
    .estate();
  const tags: Record<string, Record<string, string>> = {
    'eni-web1': { app: 'shop', service: 'web', team: 'web' },
    'eni-web2': { app: 'shop', service: 'web', team: 'web' },
    'eni-db': { app: 'data', service: 'db', team: 'dba' },
    'eni-ops': { app: 'ops', service: 'ops', team: 'ops' },
  };
  const owners: Record<string, Record<string, string>> = {
    'sg-web': { team: 'web' },
    'sg-db': { team: 'dba' },
    'acl-db': { team: 'dba' },
  };
  return {
    ...estate,
    workloads: estate.workloads.map((w) => ({
      ...w,
      tags: tags[w.id] ?? {},
      publicIp: w.id === 'eni-web1' ? '203.0.113.10' : w.id === 'eni-db' ? '203.0.113.20' : null,
    })),
    securityGroups: estate.securityGroups.map((g) => ({
      ...g,
      tags: owners[g.id] ?? {},
    })),
    networkAcls: estate.networkAcls.map((a) => ({ ...a, tags: owners[a.id] ?? {} })),
  };
}

const webToDb: DeclaredDependency = {
  from: 'web',
  to: 'db',
  protocol: 'tcp',
  port: 5432,
  origin: 'dependencies-file',
  source: { file: 'deps.csv', path: 'line 2' },
};

export function shopSide(estate: Estate): ImpactSide {
  return {
    estate,
    applications: buildApplicationModel(
      estate,
      { services: [], dependencies: [webToDb], providedApis: [], unresolvedApis: [], flows: [] },
      defaultTagKeys,
    ),
  };
}

/**
 * The shop with a VPC endpoint's interface added beside `like` (same subnet, groups and public address
 * unless told otherwise): `groups: []` makes it a Gateway Load Balancer endpoint's, which has none.
 */
export function withEndpoint(
  estate: Estate,
  like: string,
  endpoint: { id: string; ip: string; groups?: readonly string[] },
): Estate {
  const model = estate.workloads.find((workload) => workload.id === like);
  if (model === undefined) throw new Error(`the shop has no ${like}`);
  const groupIds = endpoint.groups ?? model.groupIds;
  const added = {
    ...model,
    id: endpoint.id,
    kind: 'vpc-endpoint',
    interfaceType: groupIds.length === 0 ? 'gateway_load_balancer_endpoint' : 'vpc_endpoint',
    privateIps: [endpoint.ip],
    groupIds,
    tags: {},
  } as const;
  return { ...estate, workloads: [...estate.workloads, added] };
}
