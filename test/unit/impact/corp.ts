import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { ObservedFlow } from '../../../main/core/domain/applications';
import type { Estate } from '../../../main/core/domain/estate';
import { computeImpact, type ImpactSide } from '../../../main/core/impact/computeImpact';
import type { ImpactReport } from '../../../main/core/impact/types';
import { AwsExportBuilder, allTraffic, anywhere, tcp } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

export const office = 'pl-0office00000001';
export const unexported = 'pl-0unknown0000001';
export const s3 = 'pl-63a5400a';

/**
 * vpc-corp 10.0.0.0/16. The office list (10.9.0.0/16) admits ssh into sg-admin (eni-admin 10.0.2.10,
 * owned by team platform); eni-bastion 10.0.1.5 (sg-bastion) is not in it. sg-app admits tcp 8080
 * from a list whose entries were not exported (eni-app 10.0.2.20). eni-ops (sg-ops) names no list.
 * Apps by tags: admin (service admin-ssh on eni-admin, team platform), bastion (team security).
 * eni-admin has the public address 203.0.113.10; `routes` go into the main route table.
 */
export async function corpEstate(routes: Record<string, unknown>[] = []): Promise<Estate> {
  const estate = await new AwsExportBuilder()
    .vpc('vpc-corp', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-corp', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-corp', '10.0.2.0/24')
    .group('sg-bastion', 'vpc-corp', { name: 'bastion', egress: [allTraffic(anywhere)] })
    .group('sg-admin', 'vpc-corp', { name: 'admin', ingress: [tcp(22, 22, { prefixLists: [office] })] })
    .group('sg-app', 'vpc-corp', { name: 'app', ingress: [tcp(8080, 8080, { prefixLists: [unexported] })] })
    .group('sg-ops', 'vpc-corp', { name: 'ops', egress: [allTraffic(anywhere)] })
    .eni('eni-bastion', 'subnet-a', { ips: ['10.0.1.5'], groups: ['sg-bastion'] })
    .eni('eni-ops', 'subnet-a', { ips: ['10.0.1.6'], groups: ['sg-ops'] })
    .eni('eni-admin', 'subnet-b', { ips: ['10.0.2.10'], groups: ['sg-admin'] })
    .eni('eni-app', 'subnet-b', { ips: ['10.0.2.20'], groups: ['sg-app'] })
    .acl('acl-all', 'vpc-corp', { subnets: ['subnet-a', 'subnet-b'], entries: allowAll })
    .routeTable('rtb-main', 'vpc-corp', { main: true, routes })
    .prefixList(office, 'corp-office', ['10.9.0.0/16'])
    .prefixList(unexported, 'partners', null)
    .prefixList(s3, 'com.amazonaws.eu-west-1.s3', ['52.218.0.0/17'])
    .estate();
  const tags: Record<string, Record<string, string>> = {
    'eni-admin': { app: 'admin', service: 'admin-ssh', team: 'platform' },
    'eni-bastion': { app: 'bastion', service: 'bastion', team: 'security' },
  };
  return {
    ...estate,
    workloads: estate.workloads.map((w) => ({
      ...w,
      tags: tags[w.id] ?? {},
      publicIp: w.id === 'eni-admin' ? '203.0.113.10' : w.publicIp,
    })),
    securityGroups: estate.securityGroups.map((g) => ({
      ...g,
      tags: g.id === 'sg-admin' ? { team: 'platform' } : ({} as Record<string, string>),
    })),
  };
}

/** A side of an impact with the application model of the estate's tags and the flows given. */
export function corpSide(estate: Estate, flows: readonly ObservedFlow[] = []): ImpactSide {
  return {
    estate,
    applications: buildApplicationModel(estate, {
      services: [],
      dependencies: [],
      providedApis: [],
      unresolvedApis: [],
      flows,
    }),
  };
}

/** The impact of going from one estate to the other, as a what-if on snapshot 1. */
export function corpImpact(before: Estate, after: Estate, flows: readonly ObservedFlow[] = []): ImpactReport {
  return computeImpact(
    {
      kind: 'change',
      title: 'corp',
      before: { snapshotId: 1, name: 'corp' },
      after: { snapshotId: null, name: 'corp with the change' },
    },
    corpSide(before, flows),
    corpSide(after, flows),
    defaultTagKeys,
  );
}
