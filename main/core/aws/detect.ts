import type { AwsExport } from './draft';
import { instancesExport } from './instances';
import { networkAclsExport } from './networkAcls';
import { networkInterfacesExport } from './networkInterfaces';
import { peeringConnectionsExport } from './peeringConnections';
import { prefixListsExport } from './prefixLists';
import { routeTablesExport } from './routeTables';
import { securityGroupRulesExport } from './securityGroupRules';
import { securityGroupsExport } from './securityGroups';
import { subnetsExport } from './subnets';
import { vpcsExport } from './vpcs';

export const awsExports: readonly AwsExport[] = [
  vpcsExport,
  subnetsExport,
  securityGroupsExport,
  securityGroupRulesExport,
  networkAclsExport,
  networkInterfacesExport,
  instancesExport,
  prefixListsExport,
  routeTablesExport,
  peeringConnectionsExport,
];

const exportOfKey: ReadonlyMap<string, AwsExport> = new Map(awsExports.map((e) => [e.listKey, e]));

export type Detection = { readonly exports: readonly AwsExport[] } | { readonly skipReason: string };

/**
 * What a parsed document is, from its content alone: file names are often wrong (`vpcs.json` holding
 * subnets) and zips carry whatever names their maker chose. Keys other than the known lists, such as
 * `NextToken` in paginated output, are ignored; a document merged by hand from several exports
 * yields several.
 */
export function detectExports(document: unknown): Detection {
  const notAnExport = 'not an AWS EC2 describe-* export';
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return {
      skipReason: `${notAnExport}: the top level is ${Array.isArray(document) ? 'an array' : 'not an object'}`,
    };
  }
  const keys = Object.keys(document);
  const exports = keys.flatMap((key) => exportOfKey.get(key) ?? []);
  if (exports.length > 0) return { exports };
  if (keys.length === 0) return { skipReason: `${notAnExport}: the top-level object is empty` };
  const shown = keys.slice(0, 8).join(', ') + (keys.length > 8 ? `, … (${keys.length} keys)` : '');
  return { skipReason: `${notAnExport}: top-level keys are ${shown}` };
}
