/**
 * The what-if edits the user has made so far, as a list the impact store keeps and the panel shows.
 * Pure: (list, action) → list, so the rules about superseding edits are tested without a DOM.
 */
import type { ProposedChange } from '../../../preload/contract';
import { entryTrafficText, trafficText } from '../format';

export type ChangeEdit = ProposedChange['edits'][number];

export interface PendingEdit {
  /** Stable while the edit is in the list: React keys and "remove this one" name it. */
  readonly id: number;
  readonly edit: ChangeEdit;
}

export interface EditList {
  readonly items: readonly PendingEdit[];
  readonly nextId: number;
}

export const emptyEdits: EditList = { items: [], nextId: 1 };

export type EditAction =
  | { readonly type: 'add'; readonly edit: ChangeEdit }
  | { readonly type: 'remove'; readonly id: number }
  | { readonly type: 'clear' };

export function reduceEdits(list: EditList, action: EditAction): EditList {
  switch (action.type) {
    case 'add': {
      const target = targetOf(action.edit);
      // A later edit of the same rule, entry or ENI membership replaces the earlier one: removing a
      // rule after changing it means "remove it", not "change it, then fail to find it".
      const kept = list.items.filter((item) => target === null || targetOf(item.edit) !== target);
      return { items: [...kept, { id: list.nextId, edit: action.edit }], nextId: list.nextId + 1 };
    }
    case 'remove':
      return { ...list, items: list.items.filter((item) => item.id !== action.id) };
    case 'clear':
      return { ...list, items: [] };
  }
}

/** What an edit acts on, when a second edit of it should replace the first; null when edits add up. */
function targetOf(edit: ChangeEdit): string | null {
  switch (edit.op) {
    case 'remove-rule':
    case 'change-rule':
      return typeof edit.rule === 'string' ? ruleTarget(edit.rule) : null;
    case 'remove-acl-entry':
    case 'change-acl-entry':
      return entryTarget(
        `${edit.entry.aclId}/${edit.entry.egress ? 'egress' : 'ingress'}/${edit.entry.ruleNumber}`,
      );
    case 'add-group':
    case 'remove-group':
      return memberTarget(edit.eni, edit.groupId);
    case 'move-workload':
      return moveTarget(edit.eni);
    case 'remove-network-policy':
    case 'replace-network-policy':
      return policyTarget(edit.namespace, edit.name);
    case 'set-pod-labels':
      return labelsTarget(edit.namespace, edit.workload);
    case 'add-prefix-list-entry':
    case 'remove-prefix-list-entry':
      return prefixListEntryTarget(edit.prefixListId, edit.cidr);
    case 'set-security-group-referencing':
      return referencingTarget(edit.attachmentId ?? edit.transitGatewayId);
    case 'remove-transit-gateway-route':
      return transitGatewayRouteTarget(edit.routeTableId, edit.destination);
    // Removing a route after sending it elsewhere means "remove it"; adding one is its own target too.
    case 'add-route':
    case 'replace-route':
    case 'remove-route':
      return vpcRouteTarget(edit.routeTableId, edit.destination);
    case 'set-route-table-association':
      return routeTableAssociationTarget(edit.subnetId);
    case 'set-network-acl-association':
      return networkAclAssociationTarget(edit.subnetId);
    case 'set-transit-gateway-association':
      return associationTarget(edit.attachmentId);
    case 'set-transit-gateway-propagation':
      return propagationTarget(edit.attachmentId, edit.routeTableId);
    case 'add-transit-gateway-vpc-attachment':
      return `attachment ${edit.attachmentId}`;
    case 'add-transit-gateway-route':
    case 'add-rule':
    case 'add-acl-entry':
    case 'add-network-policy':
      return null;
  }
}

/** Rule and entry keys as the topology names them (`sg-1/ingress/0/1`, `acl-1/egress/100`). */
export const ruleTarget = (ruleKey: string) => `rule ${ruleKey}`;
export const entryTarget = (entryKey: string) => `entry ${entryKey}`;
export const memberTarget = (eni: string, groupId: string) => `member ${eni} ${groupId}`;
export const moveTarget = (eni: string) => `move ${eni}`;
export const policyTarget = (namespace: string, name: string) => `policy ${namespace}/${name}`;
export const labelsTarget = (namespace: string, workload: string) => `labels ${namespace}/${workload}`;
/** A static route of a transit gateway route table, by table and destination. */
export const transitGatewayRouteTarget = (routeTableId: string, destination: string) =>
  `transit gateway route ${routeTableId} ${destination}`;
/** A route of a VPC route table, by table and destination. */
export const vpcRouteTarget = (routeTableId: string, destination: string) =>
  `route ${routeTableId} ${destination}`;
/** The route table a subnet is associated with. */
export const routeTableAssociationTarget = (subnetId: string) => `route table of ${subnetId}`;
/** The network ACL a subnet is associated with. */
export const networkAclAssociationTarget = (subnetId: string) => `network ACL of ${subnetId}`;
/** A transit gateway's or attachment's security group referencing option. */
export const referencingTarget = (id: string) => `referencing ${id}`;
/** An attachment's association with a table, and its propagation to one. */
export const associationTarget = (attachmentId: string) => `association ${attachmentId}`;
export const propagationTarget = (attachmentId: string, routeTableId: string) =>
  `propagation ${attachmentId} ${routeTableId}`;
export const prefixListEntryTarget = (prefixListId: string, cidr: string) =>
  `prefix list ${prefixListId} ${cidr}`;

/** The pending edit acting on a target, so the inspector can show it next to the object. */
export function pendingOn(list: EditList, target: string): PendingEdit | null {
  return list.items.find((item) => targetOf(item.edit) === target) ?? null;
}

/** A rule or entry a pending edit adds, written as the inspector writes the snapshot's own. */
export interface AddedLine {
  /** The pending edit's id, for Undo. */
  readonly id: number;
  /** As the topology keys entries (`acl-1/ingress/90`), so they sort among the ACL's; a group's rules have no order. */
  readonly key: string;
  readonly text: string;
}

/** The rules pending edits add to a group. */
export function addedRules(list: EditList, groupId: string): AddedLine[] {
  return list.items.flatMap(({ id, edit }) => {
    if (edit.op !== 'add-rule' || edit.rule.groupId !== groupId) return [];
    const { direction, protocol, fromPort, toPort, peer } = edit.rule;
    const text = `${direction} ${trafficText(protocol, fromPort, toPort)} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
    return [{ id, key: `${groupId}/added/${id}`, text }];
  });
}

/** The entries pending edits add to a network ACL. */
export function addedEntries(list: EditList, aclId: string): AddedLine[] {
  return list.items.flatMap(({ id, edit }) => {
    if (edit.op !== 'add-acl-entry' || edit.entry.aclId !== aclId) return [];
    const { egress, ruleNumber, action, cidr } = edit.entry;
    const text = `#${ruleNumber} ${egress ? 'outbound' : 'inbound'} ${action} ${entryTrafficText(edit.entry)} ${egress ? 'to' : 'from'} ${cidr}`;
    return [{ id, key: `${aclId}/${egress ? 'egress' : 'ingress'}/${ruleNumber}`, text }];
  });
}

/**
 * An ACL's entries with those pending edits add, in the order AWS evaluates them (inbound, then
 * outbound, each by rule number), so the user sees which entries an added one comes before.
 */
export function inEvaluationOrder<T extends { readonly key: string }>(entries: readonly T[]): T[] {
  const order = (key: string) => {
    const [, direction, number] = key.split('/');
    return (direction === 'egress' ? 100_000 : 0) + Number(number);
  };
  return [...entries].sort((a, b) => order(a.key) - order(b.key));
}

export function toProposedChange(list: EditList): ProposedChange {
  return { title: 'What-if', edits: list.items.map((item) => item.edit) };
}

/**
 * Which pending edit an error's place names (`$.edits[2].rule.peer` → the third), so the list can
 * show the message next to it.
 */
export function editAtPlace(list: EditList, place: string | null | undefined): PendingEdit | null {
  const match = /^\$\.edits\[(\d+)\]/.exec(place ?? '');
  return match ? (list.items[Number(match[1])] ?? null) : null;
}

/** How the pending list names objects: ids by default, the names the views show when it knows them. */
export interface EditNames {
  /** A group, ACL, ENI, subnet, prefix list, route table or transit gateway id. */
  readonly of: (id: string) => string;
  /** A rule key (`sg-1/ingress/0/1`), as its group and line. */
  readonly rule: (key: string) => string;
}

const ids: EditNames = { of: (id) => id, rule: (key) => key };

/** One line per edit, as the pending list reads it. */
export function describeEdit(edit: ChangeEdit, names: EditNames = ids): string {
  const { of } = names;
  switch (edit.op) {
    case 'remove-rule':
      return `Remove rule ${ruleName(edit.rule, names)}`;
    case 'change-rule':
      return `Change rule ${ruleName(edit.rule, names)} to ${fieldsText(edit.set, of)}`;
    case 'add-rule':
      return `Add to ${of(edit.rule.groupId)}: ${edit.rule.direction} ${fieldsText(edit.rule, of)}`;
    case 'remove-acl-entry':
      return `Remove ${entryName(edit.entry, of)}`;
    case 'change-acl-entry':
      return `Change ${entryName(edit.entry, of)} to ${entryText(edit.set)}`;
    case 'add-acl-entry':
      return `Add ${entryName(edit.entry, of)}: ${entryText(edit.entry)}`;
    case 'add-prefix-list-entry':
      return `Add ${edit.cidr} to ${of(edit.prefixListId)}`;
    case 'remove-prefix-list-entry':
      return `Remove ${edit.cidr} from ${of(edit.prefixListId)}`;
    case 'set-security-group-referencing':
      return `${edit.enabled ? 'Enable' : 'Disable'} security group referencing on ${edit.attachmentId === undefined ? edit.transitGatewayId : `${edit.attachmentId} of ${edit.transitGatewayId}`}`;
    case 'add-route':
      return `Add to ${of(edit.routeTableId)}: ${edit.destination} → ${of(edit.target)}`;
    case 'replace-route':
      return `Send ${edit.destination} of ${of(edit.routeTableId)} to ${of(edit.target)}`;
    case 'remove-route':
      return `Remove the route ${edit.destination} from ${of(edit.routeTableId)}`;
    case 'set-route-table-association':
      return edit.routeTableId === null
        ? `Route ${of(edit.subnetId)} by its VPC's main table`
        : `Route ${of(edit.subnetId)} by ${of(edit.routeTableId)}`;
    case 'set-network-acl-association':
      return `Filter ${of(edit.subnetId)} by ${of(edit.networkAclId)}`;
    case 'add-transit-gateway-route':
      return `Add to ${edit.routeTableId}: ${edit.destination} → ${edit.blackhole ? 'blackhole' : edit.attachmentId}`;
    case 'remove-transit-gateway-route':
      return `Remove the static route ${edit.destination} from ${edit.routeTableId}`;
    case 'add-transit-gateway-vpc-attachment':
      return `Attach ${of(edit.vpcId)} to ${of(edit.transitGatewayId)} as ${edit.attachmentId}, in ${edit.subnetIds.map(of).join(', ')}`;
    case 'set-transit-gateway-association':
      return edit.routeTableId === null
        ? `Disassociate ${edit.attachmentId} from its route table`
        : `Associate ${edit.attachmentId} with ${edit.routeTableId}`;
    case 'set-transit-gateway-propagation':
      return `${edit.enabled ? 'Propagate' : 'Stop propagating'} ${edit.attachmentId} to ${edit.routeTableId}`;
    case 'add-group':
      return `Add ${of(edit.groupId)} to ${of(edit.eni)}`;
    case 'remove-group':
      return `Remove ${of(edit.groupId)} from ${of(edit.eni)}`;
    case 'move-workload':
      return `Move ${of(edit.eni)}${edit.subnetId ? ` to ${of(edit.subnetId)}` : ''}${edit.privateIp ? ` at ${edit.privateIp}` : ''}${edit.groupIds ? ` with ${edit.groupIds.map(of).join(', ')}` : ''}`;
    case 'add-network-policy': {
      const { namespace, name } = manifestRef(edit.policy);
      return `Add NetworkPolicy ${namespace}/${name ?? '(no name)'}`;
    }
    case 'remove-network-policy':
      return `Remove NetworkPolicy ${edit.namespace}/${edit.name}`;
    case 'replace-network-policy':
      return `Replace NetworkPolicy ${edit.namespace}/${edit.name}`;
    case 'set-pod-labels':
      return `Set labels of ${edit.namespace}/${edit.workload}: ${Object.entries(edit.labels)
        .map(([key, value]) => (value === null ? `-${key}` : `${key}=${value}`))
        .join(', ')}`;
  }
}

/**
 * The namespace and name a manifest gives itself; a missing namespace is `default`, as for kubectl.
 * The name may be missing: the API says so, at its place.
 */
export function manifestRef(policy: Readonly<Record<string, unknown>>): {
  namespace: string;
  name: string | null;
} {
  const metadata = (policy.metadata ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return { namespace: text(metadata.namespace) ?? 'default', name: text(metadata.name) };
}

type RuleRef = Extract<ChangeEdit, { op: 'remove-rule' }>['rule'];
type AclRef = Extract<ChangeEdit, { op: 'remove-acl-entry' }>['entry'];
type AclFields = Extract<ChangeEdit, { op: 'change-acl-entry' }>['set'];

const ruleName = (rule: RuleRef, { of, rule: ruleOf }: EditNames) =>
  typeof rule === 'string' ? ruleOf(rule) : `${of(rule.groupId)} ${rule.direction} ${fieldsText(rule, of)}`;

const entryName = (entry: AclRef, of: EditNames['of']) =>
  `${of(entry.aclId)} #${entry.ruleNumber} ${entry.egress ? 'outbound' : 'inbound'}`;

function fieldsText(
  fields: { protocol?: string; fromPort?: number | null; toPort?: number | null; peer?: string },
  of: EditNames['of'] = ids.of,
): string {
  const protocol =
    fields.protocol === undefined ? '' : trafficText(fields.protocol, fields.fromPort, fields.toPort);
  const peer = fields.peer ? ` ${of(fields.peer)}` : '';
  return `${protocol}${peer}`.trim();
}

function entryText(fields: AclFields): string {
  const traffic =
    fields.protocol === undefined ? '' : entryTrafficText({ ...fields, protocol: fields.protocol });
  return [fields.action, traffic, fields.cidr].filter(Boolean).join(' ');
}
