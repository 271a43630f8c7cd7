import type { AwsExport } from './draft';
import { instancesExport } from './instances';
import { networkAclsExport } from './networkAcls';
import { networkInterfacesExport } from './networkInterfaces';
import { peeringConnectionsExport } from './peeringConnections';
import { prefixListEntriesExport } from './prefixListEntries';
import { prefixListsExport } from './prefixLists';
import { publicAccessExclusionsExport } from './publicAccessExclusions';
import { routeTablesExport } from './routeTables';
import { securityGroupRulesExport } from './securityGroupRules';
import { securityGroupsExport } from './securityGroups';
import { subnetsExport } from './subnets';
import {
  transitGatewayAttachmentsExport,
  transitGatewayVpcAttachmentsExport,
} from './transitGatewayAttachments';
import { transitGatewayRoutesCutExport, transitGatewayRoutesExport } from './transitGatewayRoutes';
import { transitGatewaysExport } from './transitGateways';
import { vpcsExport } from './vpcs';

const awsExports: readonly AwsExport[] = [
  vpcsExport,
  subnetsExport,
  securityGroupsExport,
  securityGroupRulesExport,
  networkAclsExport,
  networkInterfacesExport,
  instancesExport,
  prefixListsExport,
  prefixListEntriesExport,
  routeTablesExport,
  peeringConnectionsExport,
  transitGatewaysExport,
  transitGatewayAttachmentsExport,
  transitGatewayVpcAttachmentsExport,
  transitGatewayRoutesExport,
  transitGatewayRoutesCutExport,
  publicAccessExclusionsExport,
];

const exportOfKey: ReadonlyMap<string, AwsExport> = new Map(awsExports.map((e) => [e.listKey, e]));

/**
 * What a document is, from its content alone: file names are often wrong (`vpcs.json` holding
 * subnets) and zips carry whatever names their maker chose. Each top-level key holding a known list
 * is an export; other keys, such as `NextToken` in paginated output, are ignored, and a document
 * merged by hand from several exports yields several.
 */
export function exportAt(topLevelKey: string): AwsExport | null {
  return exportOfKey.get(topLevelKey) ?? null;
}

const notAnExport = 'not an AWS EC2 describe-* export';

/** Why a top-level object none of whose keys is an export is skipped. */
export function noExportReason(keys: readonly string[]): string {
  if (keys.length === 0) return `${notAnExport}: the top-level object is empty`;
  const shown = keys.slice(0, 8).join(', ') + (keys.length > 8 ? `, … (${keys.length} keys)` : '');
  return `${notAnExport}: top-level keys are ${shown}`;
}

/** Why a document whose top level is no object is skipped. */
export function notAnObjectReason(document: unknown): string {
  if (!Array.isArray(document)) return `${notAnExport}: the top level is not an object`;
  // `--query 'SecurityGroups'` and the like print the bare list, which says nothing of its kind.
  return `${notAnExport}: the top level is an array, as aws … --query prints one; export without --query, so that the list keeps its key (such as "SecurityGroups")`;
}
