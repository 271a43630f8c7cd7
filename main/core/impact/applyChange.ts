import { BadInputError } from '../domain/errors';
import type {
  Estate,
  NetworkAclEntry,
  SecurityGroupRule,
  SourceRef,
  Subnet,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Workload,
} from '../domain/estate';
import { cidrContains, cidrKey, parseCidr, parseIp } from '../domain/ip';
import { hasPortRange } from '../domain/ipProtocol';
import { knowsPrefixList } from '../domain/prefixLists';
import { transitGatewaysOfTable } from '../domain/transitGatewayTables';
import { childPath } from '../input/jsonPath';
import type {
  AclEntryFields,
  AclEntryRef,
  AclEntrySpec,
  ChangeEdit,
  ProposedChange,
  RuleFields,
  RuleRef,
  RuleSpec,
} from './change';
import { changeFileName } from './changeSchema';
import { applyClusterEdit, type EditedCluster, isClusterEdit } from './clusterEdits';
import { checkEniGroups, refuseWithoutGroups } from './eniGroups';
import { findSubnet } from './findSubnet';
import { setNetworkAclAssociation } from './networkAclAssociationEdits';
import { editPrefixLists } from './prefixListEdits';
import {
  FieldError,
  readEntryCidr,
  readEntryTraffic,
  readPeer,
  readProtocol,
  readRulePorts,
} from './ruleFields';
import { entryKey, peerText, ruleKey, ruleLine } from './ruleText';
import { attachVpc, defaultPropagationTable } from './transitGatewayAttachmentEdits';
import { editVpcRoute, setRouteTableAssociation } from './vpcRouteEdits';

type Edited = {
  -readonly [K in
    | 'securityGroupRules'
    | 'networkAclEntries'
    | 'networkAcls'
    | 'workloads'
    | 'prefixLists'
    | 'routeTables'
    | 'transitGateways'
    | 'transitGatewayAttachments'
    | 'transitGatewayRouteTables']: Estate[K][number][];
};

/**
 * The estate as it would be after the change, the stored snapshot untouched. Edits apply in order;
 * one naming something the snapshot lacks, or asking for what AWS or the Kubernetes API server would
 * refuse, is refused with the place in the change (`CHANGE.json $.edits[2].rule: …`).
 */
export function applyChange(estate: Estate, change: ProposedChange): Estate {
  const file = change.source ?? changeFileName;
  const edited: Edited = {
    securityGroupRules: [...estate.securityGroupRules],
    networkAclEntries: [...estate.networkAclEntries],
    networkAcls: [...estate.networkAcls],
    workloads: [...estate.workloads],
    prefixLists: [...estate.prefixLists],
    routeTables: [...estate.routeTables],
    transitGateways: [...estate.transitGateways],
    transitGatewayAttachments: [...estate.transitGatewayAttachments],
    transitGatewayRouteTables: [...estate.transitGatewayRouteTables],
  };
  const cluster = estate.kubernetes;
  const editedCluster: EditedCluster | null = cluster
    ? { networkPolicies: [...cluster.networkPolicies], pods: [...cluster.pods] }
    : null;
  change.edits.forEach((edit, index) => {
    const place = childPath(childPath('$', 'edits'), index);
    try {
      if (!isClusterEdit(edit)) applyEdit(estate, edited, edit, { file, path: edit.origin ?? place });
      else if (cluster && editedCluster)
        applyClusterEdit(cluster, editedCluster, edit, {
          file,
          path: place,
          ...(edit.origin === undefined ? {} : { origin: edit.origin }),
        });
      else throw new FieldError('op', 'this snapshot holds no Kubernetes objects');
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const at = `${place}.${error.field}`;
      const where = edit.origin ? `${edit.origin} (${at})` : at;
      throw new BadInputError(`${file} ${where}: ${error.message}`, file, at);
    }
  });
  return {
    ...estate,
    ...edited,
    ...(cluster && editedCluster ? { kubernetes: { ...cluster, ...editedCluster } } : {}),
  };
}

/**
 * The option on the transit gateway, or on one of its VPC attachments. Both must be in the export:
 * the option of one that is not cannot be said to change.
 */
function setReferencing(
  edited: Edited,
  edit: Extract<ChangeEdit, { op: 'set-security-group-referencing' }>,
): void {
  const { transitGatewayId, attachmentId, enabled } = edit;
  const state = (on: boolean) => (on ? 'enables' : 'disables');
  if (attachmentId === undefined) {
    const gateway = edited.transitGateways.find((one) => one.id === transitGatewayId);
    if (gateway === undefined)
      throw new FieldError(
        'transitGatewayId',
        edited.transitGateways.length === 0
          ? 'this snapshot has no describe-transit-gateways output: import it to change a transit gateway’s options'
          : `no transit gateway ${transitGatewayId} in this snapshot`,
      );
    if (gateway.securityGroupReferencing === enabled)
      throw new FieldError(
        'enabled',
        `${transitGatewayId} already ${state(enabled)} security group referencing`,
      );
    edited.transitGateways = edited.transitGateways.map((one) =>
      one === gateway ? { ...one, securityGroupReferencing: enabled } : one,
    );
    return;
  }
  const attachment = edited.transitGatewayAttachments.find((one) => one.id === attachmentId);
  if (attachment === undefined || attachment.transitGatewayId !== transitGatewayId)
    throw new FieldError(
      'attachmentId',
      `no attachment ${attachmentId} of ${transitGatewayId} in this snapshot`,
    );
  const { vpc } = attachment;
  if (vpc === undefined)
    throw new FieldError(
      'attachmentId',
      `${attachmentId} is not a VPC attachment of describe-transit-gateway-vpc-attachments, where the option is`,
    );
  if (vpc.securityGroupReferencing === enabled)
    throw new FieldError('enabled', `${attachmentId} already ${state(enabled)} security group referencing`);
  edited.transitGatewayAttachments = edited.transitGatewayAttachments.map((one) =>
    one === attachment ? { ...one, vpc: { ...vpc, securityGroupReferencing: enabled } } : one,
  );
}

/**
 * A static route added to or removed from a transit gateway route table of the snapshot. AWS refuses
 * a second static route to one destination (replacing one is removing it, then adding), and deleting
 * a propagated route: propagation puts it there.
 */
function editTransitGatewayRoute(
  edited: Edited,
  edit: Extract<ChangeEdit, { op: 'add-transit-gateway-route' | 'remove-transit-gateway-route' }>,
  source: SourceRef,
): void {
  const table = findRouteTable(edited, edit.routeTableId);
  const cidr = parseCidr(edit.destination);
  if (cidr === null) throw new FieldError('destination', `${edit.destination} is not a CIDR`);
  const destination = edit.destination;
  // One network however it is written: 10.5.0.0/16 and 10.5.0.1/16 are one destination.
  const same = (route: TransitGatewayRoute) => {
    const parsed = parseCidr(route.destination);
    return parsed !== null && cidrKey(parsed) === cidrKey(cidr);
  };
  const existing = table.routes.find((route) => route.type === 'static' && same(route));
  let routes: TransitGatewayRoute[];
  if (edit.op === 'remove-transit-gateway-route') {
    if (existing === undefined)
      throw new FieldError(
        'destination',
        `${edit.routeTableId} has no static route to ${destination}${table.routes.some(same) ? ' (only a propagated one, which propagation puts there)' : ''}`,
      );
    routes = table.routes.filter((route) => route !== existing);
  } else {
    if (existing !== undefined)
      throw new FieldError(
        'destination',
        `${edit.routeTableId} already has a static route to ${destination}: remove it first to replace it`,
      );
    routes = [...table.routes, { ...newRouteTarget(edited, edit), destination, type: 'static', source }];
  }
  replaceRoutes(edited, table, routes);
}

function findRouteTable(edited: Edited, id: string): TransitGatewayRouteTable {
  const table = edited.transitGatewayRouteTables.find((one) => one.id === id);
  if (table === undefined)
    throw new FieldError(
      'routeTableId',
      `no transit gateway route table ${id} in this snapshot: import its search-transit-gateway-routes output`,
    );
  return table;
}

function replaceRoutes(edited: Edited, table: TransitGatewayRouteTable, routes: TransitGatewayRoute[]): void {
  edited.transitGatewayRouteTables = edited.transitGatewayRouteTables.map((one) =>
    one === table ? { ...table, routes } : one,
  );
}

/** AWS links an attachment only to a table of its own transit gateway. */
function checkTableOf(edited: Edited, tableId: string, attachment: TransitGatewayAttachment): void {
  const table = edited.transitGatewayRouteTables.find((one) => one.id === tableId) ?? {
    id: tableId,
    routes: [],
  };
  const owners = transitGatewaysOfTable(table, edited.transitGatewayAttachments);
  if (owners.length > 0 && !owners.includes(attachment.transitGatewayId))
    throw new FieldError(
      'routeTableId',
      `${tableId} is a table of ${owners.join(', ')}; ${attachment.id} is an attachment of ${attachment.transitGatewayId}`,
    );
}

function findAttachment(edited: Edited, id: string): TransitGatewayAttachment {
  const attachment = edited.transitGatewayAttachments.find((one) => one.id === id);
  if (attachment === undefined)
    throw new FieldError('attachmentId', `no transit gateway attachment ${id} in this snapshot`);
  return attachment;
}

/** The attachment's association, which describe-transit-gateway-attachments must have said. */
function setAssociation(
  edited: Edited,
  edit: Extract<ChangeEdit, { op: 'set-transit-gateway-association' }>,
): void {
  const attachment = findAttachment(edited, edit.attachmentId);
  if (attachment.routeTableId === undefined)
    throw new FieldError(
      'attachmentId',
      `which table ${edit.attachmentId} is associated with is not in the snapshot: import describe-transit-gateway-attachments`,
    );
  if (edit.routeTableId !== null) checkTableOf(edited, edit.routeTableId, attachment);
  if (attachment.routeTableId === edit.routeTableId)
    throw new FieldError(
      'routeTableId',
      edit.routeTableId === null
        ? `${edit.attachmentId} is associated with no route table`
        : `${edit.attachmentId} is already associated with ${edit.routeTableId}`,
    );
  edited.transitGatewayAttachments = edited.transitGatewayAttachments.map((one) =>
    one === attachment ? { ...one, routeTableId: edit.routeTableId } : one,
  );
}

/**
 * A VPC attachment propagating to a table puts a route to each of its VPC's CIDR blocks there, to
 * the attachment; stopping takes those routes out. The table must be in the snapshot, and the VPC,
 * whose ranges they are.
 */
function setPropagation(
  estate: Estate,
  edited: Edited,
  edit: Extract<ChangeEdit, { op: 'set-transit-gateway-propagation' }>,
  source: SourceRef,
): void {
  const table = findRouteTable(edited, edit.routeTableId);
  const attachment = edited.transitGatewayAttachments.find((one) => one.id === edit.attachmentId);
  if (attachment === undefined || attachment.resourceType !== 'vpc')
    throw new FieldError('attachmentId', `no VPC attachment ${edit.attachmentId} in this snapshot`);
  checkTableOf(edited, table.id, attachment);
  const vpc = estate.vpcs.find((one) => one.id === attachment.resourceId);
  if (vpc === undefined)
    throw new FieldError(
      'attachmentId',
      `${attachment.resourceId}, the VPC of ${edit.attachmentId}, is not in this snapshot`,
    );
  const propagated = (route: TransitGatewayRoute) =>
    route.type === 'propagated' && route.targets.some((target) => target.attachmentId === attachment.id);
  const has = table.routes.some(propagated);
  if (has === edit.enabled)
    throw new FieldError(
      'enabled',
      `${edit.attachmentId} ${has ? 'already propagates' : 'does not propagate'} to ${edit.routeTableId}`,
    );
  const { id, resourceType, resourceId } = attachment;
  const routes = edit.enabled
    ? [
        ...table.routes,
        ...vpc.cidrBlocks.map(
          (destination): TransitGatewayRoute => ({
            destination,
            type: 'propagated',
            state: 'active',
            targets: [{ attachmentId: id, resourceType, resourceId }],
            source,
          }),
        ),
      ]
    : table.routes.filter((route) => !propagated(route));
  replaceRoutes(edited, table, routes);
}

/** What a new static route sends to: an attachment of the snapshot, or nowhere. */
function newRouteTarget(
  edited: Edited,
  edit: Extract<ChangeEdit, { op: 'add-transit-gateway-route' }>,
): Pick<TransitGatewayRoute, 'state' | 'targets'> {
  if ((edit.attachmentId === undefined) === (edit.blackhole === undefined))
    throw new FieldError('attachmentId', 'give the attachment it sends to, or blackhole: true, and not both');
  if (edit.attachmentId === undefined) return { state: 'blackhole', targets: [] };
  const attachment = findAttachment(edited, edit.attachmentId);
  const { id, resourceType, resourceId } = attachment;
  return { state: 'active', targets: [{ attachmentId: id, resourceType, resourceId }] };
}

function applyEdit(estate: Estate, edited: Edited, edit: ChangeEdit, source: SourceRef): void {
  switch (edit.op) {
    case 'remove-rule': {
      const found = findRule(edited.securityGroupRules, edit.rule);
      edited.securityGroupRules = edited.securityGroupRules.filter((rule) => rule !== found);
      return;
    }
    case 'change-rule': {
      const found = findRule(edited.securityGroupRules, edit.rule);
      const changed = { ...found, ...ruleContent(estate, changedSpec(found, edit.set), 'set.'), source };
      refuseDuplicate(edited.securityGroupRules, changed, 'set', found);
      edited.securityGroupRules = edited.securityGroupRules.map((rule) => (rule === found ? changed : rule));
      return;
    }
    case 'add-rule': {
      const content = ruleContent(estate, edit.rule, 'rule.');
      refuseDuplicate(edited.securityGroupRules, content, 'rule');
      edited.securityGroupRules.push({ ...content, key: `proposed:${source.path}`, source });
      return;
    }
    case 'remove-acl-entry': {
      const found = findEntry(estate, edited.networkAclEntries, edit.entry);
      edited.networkAclEntries = edited.networkAclEntries.filter((entry) => entry !== found);
      return;
    }
    case 'change-acl-entry': {
      const found = findEntry(estate, edited.networkAclEntries, edit.entry);
      const changed = { ...found, ...entryContent({ ...fieldsOf(found), ...edit.set }, 'set.'), source };
      edited.networkAclEntries = edited.networkAclEntries.map((entry) => (entry === found ? changed : entry));
      return;
    }
    case 'add-acl-entry': {
      const { entry } = edit;
      if (!estate.networkAcls.some((acl) => acl.id === entry.aclId))
        throw new FieldError('entry.aclId', `no network ACL ${entry.aclId} in this snapshot`);
      if (edited.networkAclEntries.some((one) => entryKey(one) === entryKey(entry)))
        throw new FieldError(
          'entry.ruleNumber',
          `${entry.aclId} already has an ${entry.egress ? 'outbound' : 'inbound'} rule ${entry.ruleNumber}: change or remove it`,
        );
      const { aclId, egress, ruleNumber } = entry;
      edited.networkAclEntries.push({
        aclId,
        egress,
        ruleNumber,
        ...entryContent(entry, 'entry.'),
        source,
      });
      return;
    }
    case 'add-prefix-list-entry':
    case 'remove-prefix-list-entry':
      edited.prefixLists = editPrefixLists(edited.prefixLists, edit);
      return;
    case 'add-route':
    case 'replace-route':
    case 'remove-route':
      edited.routeTables = editVpcRoute(estate, edited.routeTables, edit);
      return;
    case 'set-route-table-association':
      edited.routeTables = setRouteTableAssociation(estate, edited.routeTables, edit);
      return;
    case 'set-network-acl-association':
      edited.networkAcls = setNetworkAclAssociation(estate, edited.networkAcls, edit);
      return;
    case 'set-security-group-referencing':
      setReferencing(edited, edit);
      return;
    case 'add-transit-gateway-route':
    case 'remove-transit-gateway-route':
      editTransitGatewayRoute(edited, edit, source);
      return;
    case 'add-transit-gateway-vpc-attachment': {
      edited.transitGatewayAttachments = attachVpc(estate, edited.transitGatewayAttachments, edit, source);
      const routeTableId = defaultPropagationTable(estate, edit);
      // A default table whose routes were not exported stays as unknown as it was.
      if (routeTableId !== null && edited.transitGatewayRouteTables.some((one) => one.id === routeTableId))
        setPropagation(
          estate,
          edited,
          {
            op: 'set-transit-gateway-propagation',
            attachmentId: edit.attachmentId,
            routeTableId,
            enabled: true,
          },
          source,
        );
      return;
    }
    case 'set-transit-gateway-association':
      setAssociation(edited, edit);
      return;
    case 'set-transit-gateway-propagation':
      setPropagation(estate, edited, edit, source);
      return;
    case 'add-group':
    case 'remove-group': {
      const workload = findWorkload(edited.workloads, edit.eni);
      refuseWithoutGroups(workload, 'eni');
      const has = workload.groupIds.includes(edit.groupId);
      if (edit.op === 'remove-group' && !has)
        throw new FieldError('groupId', `${edit.eni} does not carry ${edit.groupId}`);
      if (edit.op === 'add-group' && has)
        throw new FieldError('groupId', `${edit.eni} already carries ${edit.groupId}`);
      const groupIds = checkEniGroups(
        estate,
        workload,
        edit.op === 'add-group'
          ? [...workload.groupIds, edit.groupId]
          : workload.groupIds.filter((id) => id !== edit.groupId),
        workload.vpcId,
        'groupId',
        () => 'groupId',
      );
      replaceWorkload(edited, workload, { ...workload, groupIds });
      return;
    }
    case 'move-workload': {
      const workload = findWorkload(edited.workloads, edit.eni);
      const subnet = findSubnet(estate, edit.subnetId ?? workload.subnetId, 'subnetId');
      const vpcId = subnet.vpcId;
      if (vpcId !== workload.vpcId && edit.groupIds === undefined)
        throw new FieldError(
          'groupIds',
          `${subnet.id} is in another VPC (${vpcId}): give the groups it gets there`,
        );
      const groupIds =
        edit.groupIds === undefined
          ? workload.groupIds
          : checkEniGroups(estate, workload, edit.groupIds, vpcId, 'groupIds', (at) => `groupIds[${at}]`);
      replaceWorkload(edited, workload, {
        ...workload,
        vpcId,
        subnetId: subnet.id,
        // Only a new subnet or address is checked: the export's own addresses are as AWS gave them.
        ...(edit.subnetId === undefined && edit.privateIp === undefined
          ? {}
          : addresses(edited.workloads, workload, subnet, edit.privateIp)),
        groupIds,
      });
      return;
    }
  }
}

/** A rule by id (`sgr-…` or Faultline's key), or by group, direction, protocol, ports and peer. */
function findRule(rules: readonly SecurityGroupRule[], ref: RuleRef): SecurityGroupRule {
  if (typeof ref === 'string') {
    const found = rules.find((rule) => rule.key === ref);
    if (found === undefined) throw new FieldError('rule', `no security group rule ${ref} in this snapshot`);
    return found;
  }
  const written = { groupId: ref.groupId, direction: ref.direction, ...ruleTraffic(ref, 'rule.') };
  const key = ruleKey(written);
  const found = rules.find((rule) => ruleKey(rule) === key);
  if (found === undefined) throw new FieldError('rule', `no rule "${ruleLine(written)}" in this snapshot`);
  return found;
}

function ruleTraffic(spec: Omit<RuleSpec, 'groupId' | 'direction'>, prefix: string) {
  const protocol = withPrefix(prefix, () => readProtocol(spec.protocol));
  return {
    protocol,
    ...withPrefix(prefix, () => readRulePorts(protocol, spec.fromPort, spec.toPort)),
    peer: withPrefix(prefix, () => readPeer(spec.peer)),
  };
}

function ruleContent(estate: Estate, spec: RuleSpec, prefix: string) {
  const group = estate.securityGroups.find((one) => one.id === spec.groupId);
  if (group === undefined)
    throw new FieldError(`${prefix}groupId`, `no security group ${spec.groupId} in this snapshot`);
  const traffic = ruleTraffic(spec, prefix);
  if (
    traffic.peer.kind === 'group' &&
    !estate.securityGroups.some((one) => traffic.peer.kind === 'group' && one.id === traffic.peer.groupId)
  )
    throw new FieldError(`${prefix}peer`, `no security group ${spec.peer} in this snapshot`);
  if (traffic.peer.kind === 'prefix-list' && !knowsPrefixList(estate, traffic.peer.prefixListId))
    throw new FieldError(
      `${prefix}peer`,
      `no prefix list ${traffic.peer.prefixListId} in this snapshot (import describe-managed-prefix-lists if it exists)`,
    );
  return {
    groupId: spec.groupId,
    direction: spec.direction,
    ...traffic,
    description: spec.description ?? null,
  };
}

/** AWS refuses a rule its group already has, however the CIDR is written (InvalidPermission.Duplicate). */
function refuseDuplicate(
  rules: readonly SecurityGroupRule[],
  content: Parameters<typeof ruleKey>[0],
  field: string,
  replacing?: SecurityGroupRule,
): void {
  const key = ruleKey(content);
  const same = rules.find((rule) => rule !== replacing && ruleKey(rule) === key);
  if (same !== undefined)
    throw new FieldError(
      field,
      `${ruleLine(content)} is already a rule (${same.key}): AWS refuses a duplicate (InvalidPermission.Duplicate)`,
    );
}

/**
 * The rule with `set` over it. Ports mean something else per protocol (a port range for tcp and udp,
 * a type and code for icmp, others for icmpv6), so they carry over only between tcp and udp: a rule
 * changed to another protocol takes the ports `set` gives.
 */
function changedSpec(rule: SecurityGroupRule, set: RuleFields): RuleSpec {
  const spec = { ...specOf(rule), ...set };
  const written = set.protocol;
  if (written === undefined) return spec;
  const protocol = withPrefix('set.', () => readProtocol(written));
  if (protocol === rule.protocol || (hasPortRange(protocol) && hasPortRange(rule.protocol))) return spec;
  const needsPorts = hasPortRange(protocol) || protocol === 'icmp';
  if (needsPorts && set.fromPort === undefined && set.toPort === undefined)
    throw new FieldError(
      'set.fromPort',
      `${rule.key} changes from ${rule.protocol === '-1' ? 'all traffic' : rule.protocol} to ${protocol}, whose ports it does not have: set fromPort and toPort${protocol === 'icmp' ? ' (the ICMP type and code; -1 and -1 for all)' : ''}`,
    );
  return { ...spec, fromPort: set.fromPort, toPort: set.toPort };
}

/** A rule written back as a spec, so `set` can override some of its fields. */
function specOf(rule: SecurityGroupRule): RuleSpec {
  return {
    groupId: rule.groupId,
    direction: rule.direction,
    protocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    peer: peerText(rule.peer),
    description: rule.description,
  };
}

function findEntry(estate: Estate, entries: readonly NetworkAclEntry[], ref: AclEntryRef): NetworkAclEntry {
  if (!estate.networkAcls.some((acl) => acl.id === ref.aclId))
    throw new FieldError('entry.aclId', `no network ACL ${ref.aclId} in this snapshot`);
  const found = entries.find((entry) => entryKey(entry) === entryKey(ref));
  if (found === undefined)
    throw new FieldError(
      'entry.ruleNumber',
      `${ref.aclId} has no ${ref.egress ? 'outbound' : 'inbound'} rule ${ref.ruleNumber}`,
    );
  return found;
}

function fieldsOf(entry: NetworkAclEntry) {
  return {
    protocol: entry.protocol,
    action: entry.action,
    cidr: entry.cidr,
    fromPort: entry.portRange?.from ?? null,
    toPort: entry.portRange?.to ?? null,
    icmpType: entry.icmp?.type ?? null,
    icmpCode: entry.icmp?.code ?? null,
  };
}

type EntryWritten = AclEntryFields & Pick<AclEntrySpec, 'protocol' | 'action' | 'cidr'>;

function entryContent(fields: EntryWritten, prefix: string) {
  return {
    ...withPrefix(prefix, () => readEntryTraffic(fields)),
    action: fields.action,
    cidr: withPrefix(prefix, () => readEntryCidr(fields.cidr)),
  };
}

function findWorkload(workloads: readonly Workload[], eni: string): Workload {
  const found = workloads.find((workload) => workload.id === eni);
  if (found === undefined) throw new FieldError('eni', `no ENI ${eni} in this snapshot`);
  return found;
}

/**
 * A workload moved to another subnet needs an address there: the given one, or its own if the subnet
 * holds it. Secondary and IPv6 addresses, and delegated prefixes, outside the subnet go.
 */
function addresses(
  workloads: readonly Workload[],
  workload: Workload,
  subnet: Subnet,
  privateIp: string | undefined,
): Pick<Workload, 'privateIps' | 'ipv6Addresses' | 'prefixes'> {
  const blocks = [...(subnet.cidrBlock === null ? [] : [subnet.cidrBlock]), ...subnet.ipv6CidrBlocks];
  const cidrs = blocks.flatMap((text) => parseCidr(text) ?? []);
  const inside = (text: string) => {
    const address = parseIp(text);
    return address !== null && cidrs.some((cidr) => cidrContains(cidr, address));
  };
  const where = `${subnet.id} (${blocks.join(', ')})`;
  if (privateIp !== undefined) {
    if (parseIp(privateIp)?.family !== 4)
      throw new FieldError('privateIp', `"${privateIp}" is not an IPv4 address`);
    if (!inside(privateIp)) throw new FieldError('privateIp', `${privateIp} is outside ${where}`);
    const taken = workloads.find((other) => other !== workload && other.privateIps.includes(privateIp));
    if (taken) throw new FieldError('privateIp', `${privateIp} is already ${taken.id}'s address`);
  }
  const [primary, ...secondary] = workload.privateIps;
  if (privateIp === undefined && primary !== undefined && !inside(primary))
    throw new FieldError(
      'privateIp',
      `${workload.id}'s address ${primary} is outside ${where}: give privateIp`,
    );
  return {
    privateIps: [privateIp ?? primary, ...secondary.filter((ip) => ip !== privateIp && inside(ip))].filter(
      (ip): ip is string => ip !== undefined,
    ),
    ipv6Addresses: workload.ipv6Addresses.filter(inside),
    ...(workload.prefixes && {
      prefixes: workload.prefixes.filter((prefix) => inside(prefix.split('/')[0] as string)),
    }),
  };
}

function replaceWorkload(edited: Edited, old: Workload, next: Workload): void {
  edited.workloads = edited.workloads.map((workload) => (workload === old ? next : workload));
}

/** Field errors of a nested part name their path from the edit. */
function withPrefix<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError && !error.field.startsWith(prefix))
      throw new FieldError(`${prefix}${error.field}`, error.message);
    throw error;
  }
}
