import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EstateCounts } from '../../../main/core/domain/estate';

export const sampleDir = join(import.meta.dirname, '../../../resources/sample/aws');

type Json = Record<string, unknown[] | undefined>;

/**
 * Counts of the bundled sample computed straight from its JSON files, independently of the
 * importer, so a test comparing the two catches an importer that drops or invents objects.
 */
export function sampleCounts(): EstateCounts {
  const docs = readdirSync(sampleDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(sampleDir, f), 'utf8')) as Json);
  const all = (key: string) => docs.flatMap((d) => d[key] ?? []) as Record<string, unknown[]>[];
  const peers = (p: Record<string, unknown[]>) =>
    ['IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs'].reduce(
      (n, k) => n + (p[k]?.length ?? 0),
      0,
    );
  const groups = all('SecurityGroups');
  const acls = all('NetworkAcls');
  return {
    vpcs: all('Vpcs').length,
    subnets: all('Subnets').length,
    securityGroups: groups.length,
    securityGroupRules: groups
      .flatMap(
        (g) => [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])] as Record<string, unknown[]>[],
      )
      .reduce((n, p) => n + peers(p), 0),
    networkAcls: acls.length,
    networkAclEntries: acls.reduce((n, a) => n + (a.Entries?.length ?? 0), 0),
    workloads: all('NetworkInterfaces').length,
    instances: all('Reservations').reduce((n, r) => n + (r.Instances?.length ?? 0), 0),
    // describe-managed-prefix-lists and describe-prefix-lists both list AWS's S3 list: one list.
    prefixLists: new Set(all('PrefixLists').map((list) => list.PrefixListId)).size,
    routeTables: all('RouteTables').length,
    peeringConnections: all('VpcPeeringConnections').length,
    transitGateways: all('TransitGateways').length,
    transitGatewayAttachments: new Set(
      [...all('TransitGatewayAttachments'), ...all('TransitGatewayVpcAttachments')].map(
        (attachment) => attachment.TransitGatewayAttachmentId,
      ),
    ).size,
    // The output names no table: each file is named after its own.
    transitGatewayRouteTables: new Set(
      readdirSync(sampleDir).flatMap(
        (f) => /^search-transit-gateway-routes\.(tgw-rtb-[0-9a-f]+)\.json$/.exec(f)?.[1] ?? [],
      ),
    ).size,
  };
}
