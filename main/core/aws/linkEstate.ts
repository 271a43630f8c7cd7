import { BadInputError } from '../domain/errors';
import type {
  Estate,
  PrefixList,
  PublicAccessExclusion,
  SourceRef,
  Tags,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Workload,
} from '../domain/estate';
import type { Draft } from './draft';
import { type NamedExclusion, publicAccessExclusionsExport } from './publicAccessExclusions';
import type { References, ReferenceTarget } from './references';

const where = (source: SourceRef) => `${source.file} ${source.path}`;

/**
 * Settles what only the whole export can tell: ids are unique across files, references resolve,
 * described rules take over from IpPermissions, and ENIs inherit their instance's tags.
 * `commands` are the describe-* commands whose output was imported, to say which one is missing.
 */
export function linkEstate(exported: Draft, commands: ReadonlySet<string>): Estate {
  const draft = withSameObjectsMerged(exported);
  const byId = <T extends { id: string; source: SourceRef }>(items: readonly T[], noun: string) =>
    indexUnique(items, noun, (item) => item.id);
  const targets: Record<ReferenceTarget, Target> = {
    vpc: { noun: 'VPC', command: 'describe-vpcs', ids: byId(draft.vpcs, 'VPC') },
    subnet: { noun: 'subnet', command: 'describe-subnets', ids: byId(draft.subnets, 'subnet') },
    securityGroup: {
      noun: 'security group',
      command: 'describe-security-groups',
      ids: byId(draft.securityGroups, 'security group'),
    },
    networkInterface: {
      noun: 'network interface',
      command: 'describe-network-interfaces',
      ids: byId(draft.workloads, 'network interface'),
    },
  };
  const instances = byId(draft.instances, 'instance');
  byId(draft.networkAcls, 'network ACL');
  const prefixLists = mergePrefixLists(draft.prefixLists);
  byId(draft.routeTables, 'route table');
  byId(draft.peeringConnections, 'peering connection');
  byId(draft.transitGateways, 'transit gateway');
  const transitGatewayAttachments = mergeAttachments(
    byId(draft.transitGatewayAttachments, 'transit gateway attachment'),
    byId(draft.transitGatewayVpcAttachments, 'transit gateway VPC attachment'),
  );
  indexUnique(draft.describedRules, 'security group rule', (rule) => rule.key);
  checkReferences(draft.references, targets, commands);

  const described = new Set(draft.describedRules.map((rule) => rule.groupId));
  const { vpcs, subnets } = commands.has(publicAccessExclusionsExport.command)
    ? withExclusions(
        draft,
        indexUnique(draft.publicAccessExclusions, 'Block Public Access exclusion of', (e) => e.resourceId),
      )
    : draft;
  return {
    vpcs,
    subnets,
    securityGroups: draft.securityGroups,
    // Described rules carry stable sgr- ids, so they replace the derived ones of the groups they cover.
    securityGroupRules: [
      ...draft.permissionRules.filter((rule) => !described.has(rule.groupId)),
      ...draft.describedRules,
    ],
    networkAcls: draft.networkAcls,
    networkAclEntries: draft.networkAclEntries,
    workloads: draft.workloads.map((eni) => withInstanceTags(eni, instances.get(eni.instanceId ?? '')?.tags)),
    instances: draft.instances,
    prefixLists,
    routeTables: draft.routeTables,
    peeringConnections: draft.peeringConnections,
    transitGateways: draft.transitGateways,
    transitGatewayAttachments,
    transitGatewayRouteTables: mergeRouteTables(
      draft.transitGatewayRouteTables,
      draft.incompleteTransitGatewayRouteTables,
    ),
  };
}

/**
 * Hangs each exclusion on the VPC or subnet it names. Every VPC is marked, with null where none names
 * it, so that the analysis knows the exclusions were read; one naming something outside the export
 * (another Region's VPC) exempts nothing here.
 */
function withExclusions(
  draft: Draft,
  byResource: ReadonlyMap<string, NamedExclusion>,
): Pick<Estate, 'vpcs' | 'subnets'> {
  const exclusionOf = (id: string): PublicAccessExclusion | null => {
    const named = byResource.get(id);
    if (named === undefined) return null;
    const { resourceId: _, ...exclusion } = named;
    return exclusion;
  };
  return {
    vpcs: draft.vpcs.map((vpc) => ({ ...vpc, blockPublicAccessExclusion: exclusionOf(vpc.id) })),
    subnets: draft.subnets.map((subnet) => {
      const exclusion = exclusionOf(subnet.id);
      return exclusion === null ? subnet : { ...subnet, blockPublicAccessExclusion: exclusion };
    }),
  };
}

interface Target {
  readonly noun: string;
  readonly command: string;
  readonly ids: ReadonlyMap<string, unknown>;
}

/**
 * An export of several accounts or Regions shows some objects from more than one side: a peering
 * connection to both its requester and its accepter ("you must accept the VPC peering connection in
 * the Region of the accepter VPC", AcceptVpcPeeringConnection), a subnet shared through AWS RAM and
 * the VPC it is in to the owner and each participant, the network interfaces of a shared subnet to
 * the owner and the participant that made them, a shared transit gateway and its attachments to its
 * owner and the accounts attached. Reads of one id in two files that agree on everything but tags are one object,
 * with the tags of both (each account tags its side) and what either read alone says; reads that
 * disagree are left for the uniqueness check to refuse.
 */
function withSameObjectsMerged(draft: Draft): Draft {
  return {
    ...draft,
    vpcs: mergeSame(draft.vpcs),
    subnets: mergeSame(draft.subnets),
    workloads: mergeSame(draft.workloads),
    instances: mergeSame(draft.instances),
    peeringConnections: mergeSame(draft.peeringConnections),
    transitGateways: mergeSame(draft.transitGateways),
    transitGatewayAttachments: mergeSame(draft.transitGatewayAttachments),
    transitGatewayVpcAttachments: mergeSame(draft.transitGatewayVpcAttachments),
  };
}

function mergeSame<T extends { readonly id: string; readonly tags?: Tags; readonly source: SourceRef }>(
  items: readonly T[],
): T[] {
  // Where each id's first read sits in `kept`: a shared subnet's ENIs may all be read twice.
  const at = new Map<string, number>();
  const kept: T[] = [];
  for (const item of items) {
    const place = at.get(item.id);
    const first = place === undefined ? undefined : (kept[place] as T);
    // One output never lists an object twice: only reads from two files can be two sides.
    const merged =
      first === undefined || first.source.file === item.source.file ? undefined : sameObject(first, item);
    if (place !== undefined && merged !== undefined) {
      kept[place] = merged;
      continue;
    }
    if (place === undefined) at.set(item.id, kept.length);
    kept.push(item);
  }
  return kept;
}

/** The two reads as one, when they agree on all that both say apart from tags and place; else undefined. */
function sameObject<T extends { readonly tags?: Tags }>(first: T, again: T): T | undefined {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(again)) {
    if (key === 'source' || key === 'tags' || value === undefined) continue;
    if (merged[key] === undefined) merged[key] = value;
    else if (JSON.stringify(merged[key]) !== JSON.stringify(value)) return undefined;
  }
  const both = merged as T;
  return first.tags === undefined ? both : { ...both, tags: { ...again.tags, ...first.tags } };
}

function indexUnique<T extends { source: SourceRef }>(
  items: readonly T[],
  noun: string,
  idOf: (item: T) => string,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const id = idOf(item);
    const first = index.get(id);
    if (first !== undefined) throw duplicate(noun, id, first.source, item.source);
    index.set(id, item);
  }
  return index;
}

function duplicate(noun: string, id: string, first: SourceRef, again: SourceRef, why = ''): BadInputError {
  return new BadInputError(
    `duplicate ${noun} ${id}: ${where(first)} and ${where(again)}${why}`,
    again.file,
    again.path,
  );
}

/**
 * One list can be read up to three times: describe-managed-prefix-lists names it without entries,
 * describe-prefix-lists prints AWS's own lists with theirs (`Cidrs`), and get-managed-prefix-list-entries
 * prints a list's entries without its name. They are one list, with the name and the entries of
 * whichever reads have them; two reads with different entries contradict each other.
 */
function mergePrefixLists(lists: readonly PrefixList[]): PrefixList[] {
  const byId = new Map<string, PrefixList>();
  for (const list of lists) {
    const first = byId.get(list.id);
    if (first === undefined) {
      byId.set(list.id, list);
      continue;
    }
    if (first.entries !== null && list.entries !== null && first.entries.join() !== list.entries.join())
      throw duplicate('prefix list', list.id, first.source, list.source, ', with different entries');
    // The verdicts cite the read that gave the entries.
    const withEntries = first.entries === null && list.entries !== null ? list : first;
    byId.set(list.id, {
      id: list.id,
      name: first.name ?? list.name,
      addressFamily: first.addressFamily ?? list.addressFamily,
      entries: withEntries.entries,
      source: withEntries.source,
    });
  }
  return [...byId.values()];
}

/**
 * describe-transit-gateway-attachments names an attachment's route table, the VPC attachments' own
 * output its subnets: one attachment, with what each read has. Attachments often name VPCs and
 * subnets of other accounts, so neither is checked against the export.
 */
function mergeAttachments(
  general: ReadonlyMap<string, TransitGatewayAttachment>,
  vpcs: ReadonlyMap<string, TransitGatewayAttachment>,
): TransitGatewayAttachment[] {
  const merged = [...general.values()].map((attachment) => {
    const own = vpcs.get(attachment.id);
    return own?.vpc === undefined ? attachment : { ...attachment, vpc: own.vpc };
  });
  return [...merged, ...[...vpcs.values()].filter((attachment) => !general.has(attachment.id))];
}

/** A table searched in parts (by `--filters`, past the 1,000 routes one search prints) is one table. */
function mergeRouteTables(
  parts: readonly TransitGatewayRouteTable[],
  incomplete: ReadonlySet<string>,
): TransitGatewayRouteTable[] {
  const byId = new Map<string, TransitGatewayRouteTable>();
  for (const part of parts) {
    const first = byId.get(part.id);
    byId.set(part.id, first === undefined ? part : { ...first, routes: [...first.routes, ...part.routes] });
  }
  return [...byId.values()].map((table) =>
    incomplete.has(table.id) ? { ...table, complete: false } : table,
  );
}

function checkReferences(
  references: References,
  targets: Record<ReferenceTarget, Target>,
  commands: ReadonlySet<string>,
): void {
  const dangling = references.dangling((target, id) => targets[target].ids.has(id));
  if (dangling === null) return;
  const { first, count } = dangling;
  const { noun, command } = targets[first.target];
  const hint = commands.has(command)
    ? ''
    : `; no ${command} output was imported (run aws ec2 ${command} and import its output too)`;
  const more = count > 1 ? ` (and ${count - 1} more references to missing objects)` : '';
  throw new BadInputError(
    `${first.owner} (${where(first.at)}) names ${noun} ${first.id} which is not in the export${hint}${more}`,
    first.at.file,
    first.at.path,
  );
}

/** The ENI's own tags win: they describe the interface, the instance's describe the machine. */
function withInstanceTags(eni: Workload, instanceTags: Tags | undefined): Workload {
  if (instanceTags === undefined) return eni;
  return { ...eni, tags: Object.fromEntries([...Object.entries(instanceTags), ...Object.entries(eni.tags)]) };
}
