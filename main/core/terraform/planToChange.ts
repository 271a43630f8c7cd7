import { BadInputError } from '../domain/errors';
import type { Estate } from '../domain/estate';
import { cidrKey, parseCidr } from '../domain/ip';
import { knowsPrefixList } from '../domain/prefixLists';
import type {
  AclEntrySpec,
  ChangeEdit,
  NotEvaluated,
  PolicyManifest,
  ProposedChange,
  RuleSpec,
} from '../impact/change';
import { policyKey } from '../impact/policyText';
import {
  FieldError,
  readEntryCidr,
  readEntryTraffic,
  readPeer,
  readProtocol,
  readRulePorts,
} from '../impact/ruleFields';
import { entryKey, entryLine, ruleKey } from '../impact/ruleText';
import { attachVpc } from '../impact/transitGatewayAttachmentEdits';
import { JsonCursor } from '../input/jsonCursor';
import { readNetworkPolicyManifest } from '../kubernetes/networkPolicies';
import { type DeclaredAclAssociation, declaredAclAssociations, declaredEntries } from './entryResources';
import type { ResourceChange, TerraformPlan } from './planFile';
import { declaredPolicies } from './policyResources';
import { type DeclaredListEntry, declaredListEntries } from './prefixListResources';
import {
  type DeclaredRouteTableAssociation,
  type DeclaredVpcRoute,
  declaredRouteTableAssociations,
  declaredVpcRoutes,
} from './routeResources';
import { type DeclaredRule, declaredRules, type Sides } from './ruleResources';
import {
  type DeclaredNewAttachment,
  type DeclaredReferencing,
  type DeclaredTableLink,
  type DeclaredTransitGatewayRoute,
  declaredNewAttachment,
  declaredReferencing,
  declaredTableLinks,
  declaredTransitGatewayRoutes,
} from './transitGatewayResources';
import { unreadChange } from './unreadResources';

interface Collected {
  readonly removals: ChangeEdit[];
  readonly changes: ChangeEdit[];
  readonly additions: ChangeEdit[];
  readonly notEvaluated: NotEvaluated[];
  /**
   * The snapshot's rules (line → key; null for one this plan adds) and entries (place → line), as the
   * edits so far leave them: two resources removing or adding one rule make one edit.
   */
  readonly rules: Map<string, string | null>;
  readonly entries: Map<string, string>;
  /** The snapshot's NetworkPolicies (`namespace/name` → what they admit), as the edits so far leave them. */
  readonly policies: Map<string, string>;
  /** The entries of the snapshot's prefix lists (`pl-… network`), as the edits so far leave them. */
  readonly listEntries: Set<string>;
  /**
   * The static routes of the snapshot's transit gateway route tables (table and network → target,
   * null for a blackhole), as the edits so far leave them; the tables themselves by id.
   */
  readonly transitGatewayRoutes: Map<string, string | null>;
  readonly transitGatewayTables: ReadonlySet<string>;
  /**
   * Each attachment's associated table (null: none), for those whose association the snapshot
   * says, and the attachment-table pairs that propagate (`attachment table`), as the edits so far
   * leave them.
   */
  /** Each VPC route's target (by `routeKey`), as the edits so far leave them, and the tables. */
  readonly vpcRoutes: Map<string, string>;
  readonly vpcRouteTables: ReadonlySet<string>;
  /** The table each subnet is explicitly associated with, as the edits so far leave them. */
  readonly subnetTables: Map<string, string>;
  /**
   * The network ACL each subnet is explicitly associated with, as the edits so far leave them, and
   * the subnets those edits associated.
   */
  readonly subnetAcls: Map<string, string>;
  readonly aclsAssociated: Set<string>;
  readonly associations: Map<string, string | null>;
  readonly propagations: Set<string>;
  /**
   * What some resource of the plan still declares after apply: rules (by line), ACL entries (by
   * place) and prefix list entries (by list and network). One resource dropping what another keeps
   * (a count index shifted, a resource moved without a `moved` block) removes nothing, in whatever
   * order the plan lists the two.
   */
  readonly kept: {
    readonly rules: Set<string>;
    readonly entries: Set<string>;
    readonly listEntries: Set<string>;
  };
}

type Declared =
  | { readonly kind: 'rules'; readonly sides: Sides<DeclaredRule> }
  | {
      readonly kind: 'entries';
      readonly sides: Sides<AclEntrySpec>;
      readonly associations: Sides<DeclaredAclAssociation>;
    }
  | { readonly kind: 'acl associations'; readonly sides: Sides<DeclaredAclAssociation> }
  | { readonly kind: 'list entries'; readonly sides: Sides<DeclaredListEntry> }
  | { readonly kind: 'policies'; readonly sides: Sides<PolicyManifest> }
  | { readonly kind: 'referencing'; readonly sides: Sides<DeclaredReferencing> }
  | { readonly kind: 'new attachments'; readonly sides: Sides<DeclaredNewAttachment> }
  | { readonly kind: 'transit gateway routes'; readonly sides: Sides<DeclaredTransitGatewayRoute> }
  | { readonly kind: 'table links'; readonly sides: Sides<DeclaredTableLink> }
  | { readonly kind: 'routes'; readonly sides: Sides<DeclaredVpcRoute> }
  | { readonly kind: 'route table associations'; readonly sides: Sides<DeclaredRouteTableAssociation> };

/** What a resource declares that Faultline evaluates; null for the resource types it does not read. */
function declaredBy(change: ResourceChange): Declared | null {
  const rules = declaredRules(change);
  if (rules) return { kind: 'rules', sides: rules };
  const entries = declaredEntries(change);
  const aclAssociations = declaredAclAssociations(change);
  if (entries)
    return {
      kind: 'entries',
      sides: entries,
      associations: aclAssociations ?? { before: [], after: [], unknown: [] },
    };
  if (aclAssociations) return { kind: 'acl associations', sides: aclAssociations };
  const listEntries = declaredListEntries(change);
  if (listEntries) return { kind: 'list entries', sides: listEntries };
  const policies = declaredPolicies(change);
  if (policies) return { kind: 'policies', sides: policies };
  const newAttachments = declaredNewAttachment(change);
  if (newAttachments) return { kind: 'new attachments', sides: newAttachments };
  const referencing = declaredReferencing(change);
  if (referencing) return { kind: 'referencing', sides: referencing };
  const routes = declaredTransitGatewayRoutes(change);
  if (routes) return { kind: 'transit gateway routes', sides: routes };
  const links = declaredTableLinks(change);
  if (links) return { kind: 'table links', sides: links };
  const vpcRoutes = declaredVpcRoutes(change);
  if (vpcRoutes) return { kind: 'routes', sides: vpcRoutes };
  const associations = declaredRouteTableAssociations(change);
  return associations && { kind: 'route table associations', sides: associations };
}

/**
 * The plan's network changes as a ProposedChange on the snapshot, matched by id: a rule or entry the
 * plan removes must be in the snapshot, one it adds is added unless the snapshot has it already.
 * Whatever cannot be matched, or is known only after apply, is listed as not evaluated, never guessed.
 * Removals come first, so a rule replaced by an equal one nets out.
 */
export function planToChange(plan: TerraformPlan, estate: Estate, file: string): ProposedChange {
  const out: Collected = {
    removals: [],
    changes: [],
    additions: [],
    notEvaluated: [],
    rules: new Map(estate.securityGroupRules.map((rule) => [ruleKey(rule), rule.key])),
    entries: new Map(estate.networkAclEntries.map((entry) => [entryKey(entry), entryLine(entry)])),
    policies: new Map(
      (estate.kubernetes?.networkPolicies ?? []).map((policy) => [policyId(policy), policyKey(policy)]),
    ),
    listEntries: new Set(
      estate.prefixLists.flatMap((list) =>
        (list.entries ?? []).map((cidr) => listEntryKey({ prefixListId: list.id, cidr })),
      ),
    ),
    transitGatewayRoutes: new Map(
      estate.transitGatewayRouteTables.flatMap((table) =>
        table.routes
          .filter((route) => route.type === 'static')
          .map((route) => [
            routeKey(table.id, route.destination),
            route.state === 'blackhole' ? null : (route.targets[0]?.attachmentId ?? null),
          ]),
      ),
    ),
    transitGatewayTables: new Set(estate.transitGatewayRouteTables.map((table) => table.id)),
    vpcRoutes: new Map(
      estate.routeTables.flatMap((table) =>
        // aws_route is a static route; one a virtual private gateway propagates is no resource.
        table.routes
          .filter((route) => !route.propagated)
          .map((route) => [routeKey(table.id, route.destination), route.targetId]),
      ),
    ),
    vpcRouteTables: new Set(estate.routeTables.map((table) => table.id)),
    subnetTables: new Map(estate.routeTables.flatMap((table) => table.subnetIds.map((id) => [id, table.id]))),
    subnetAcls: new Map(estate.networkAcls.flatMap((acl) => acl.subnetIds.map((id) => [id, acl.id]))),
    aclsAssociated: new Set(),
    associations: new Map(
      estate.transitGatewayAttachments.flatMap((attachment) =>
        attachment.routeTableId === undefined ? [] : [[attachment.id, attachment.routeTableId] as const],
      ),
    ),
    propagations: new Set(
      estate.transitGatewayRouteTables.flatMap((table) =>
        table.routes
          .filter((route) => route.type === 'propagated')
          .flatMap((route) => route.targets.map((target) => `${target.attachmentId} ${table.id}`)),
      ),
    ),
    kept: { rules: new Set(), entries: new Set(), listEntries: new Set() },
  };
  let resources = 0;
  const declaredChanges = plan.resourceChanges.flatMap((change) => {
    const declared = declaredBy(change);
    if (declared !== null) return [{ change, declared }];
    const unreadPart = unreadChange(change);
    if (unreadPart !== null) {
      resources++;
      out.notEvaluated.push(unreadPart);
    }
    return [];
  });
  for (const { declared } of declaredChanges) keep(declared, out.kept);
  // Destroyed routes and associations first: one the plan moves to another resource address is then
  // removed before it is made again, whichever address sorts first. Routes and associations are the
  // only objects kept by their place alone (a network, a subnet), whatever they send to.
  const destroyedFirst = ({ change, declared }: (typeof declaredChanges)[number]) =>
    Number(
      (declared.kind === 'routes' || declared.kind === 'route table associations') && change.after === null,
    );
  for (const { change, declared } of declaredChanges.sort((a, b) => destroyedFirst(b) - destroyedFirst(a))) {
    resources++;
    const where = change.address;
    const unknown = [
      ...new Set([
        ...declared.sides.unknown,
        ...(declared.kind === 'entries' ? declared.associations.unknown : []),
      ]),
    ];
    if (unknown.length > 0) {
      out.notEvaluated.push({
        where,
        what: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} known only after apply (${change.actions.join(', ')}${unknown.includes('id') ? ' of an object this plan creates' : ''}); what it declares cannot be matched to the snapshot`,
      });
      continue;
    }
    try {
      switch (declared.kind) {
        case 'rules':
          matchRules(estate, where, declared.sides, out);
          break;
        case 'entries':
          // Associations first: they check the ACL and the subnets before any edit is made.
          matchAclAssociations(estate, where, declared.associations, out);
          matchEntries(estate, where, declared.sides, out);
          break;
        case 'acl associations':
          matchAclAssociations(estate, where, declared.sides, out);
          break;
        case 'list entries':
          matchListEntries(estate, where, declared.sides, out);
          break;
        case 'policies':
          matchPolicies(estate, file, where, declared.sides, out);
          break;
        case 'referencing':
          matchReferencing(estate, where, declared.sides, out);
          break;
        case 'new attachments':
          attachNewVpcs(estate, file, where, declared.sides, out);
          break;
        case 'transit gateway routes':
          matchTransitGatewayRoutes(where, declared.sides, out);
          break;
        case 'table links':
          matchTableLinks(where, declared.sides, out);
          break;
        case 'routes':
          matchVpcRoutes(where, declared.sides, out);
          break;
        case 'route table associations':
          matchRouteTableAssociations(where, declared.sides, out);
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      out.notEvaluated.push({ where, what: inPlanWords(error) });
    }
  }
  return {
    title: `Terraform plan ${file}: ${resources} network resource change(s)`,
    source: file,
    edits: [...out.removals, ...out.changes, ...out.additions],
    notEvaluated: out.notEvaluated,
  };
}

/** The change format's field names that a plan's resources spell otherwise. */
const planAttributes: Readonly<Record<string, string>> = {
  fromPort: 'from_port',
  toPort: 'to_port',
  icmpType: 'icmp_type',
  icmpCode: 'icmp_code',
  ruleNumber: 'rule_no',
};

/**
 * Why a resource could not be read, in the words of the plan the user wrote: `to_port 443 is below
 * from_port 8443`, `to_port: give both ports`. The readers it shares with CHANGE.json name fields
 * as that format does.
 */
function inPlanWords(error: FieldError): string {
  let text = error.message;
  for (const [field, attribute] of Object.entries(planAttributes))
    text = text.replace(new RegExp(`\\b${field}\\b`, 'g'), attribute);
  const attribute = planAttributes[error.field];
  return attribute === undefined || text.includes(attribute) ? text : `${attribute}: ${text}`;
}

function specLine(spec: RuleSpec): string {
  const protocol = readProtocol(spec.protocol);
  return ruleKey({
    groupId: spec.groupId,
    direction: spec.direction,
    protocol,
    ...readRulePorts(protocol, spec.fromPort, spec.toPort),
    peer: readPeer(spec.peer),
  });
}

function keep(declared: Declared, kept: Collected['kept']): void {
  const read = (): [Set<string>, string[]] | null => {
    switch (declared.kind) {
      case 'rules':
        return [kept.rules, declared.sides.after.map((rule) => specLine(rule.spec))];
      case 'entries':
        return [kept.entries, declared.sides.after.map(entryKey)];
      case 'list entries':
        return [kept.listEntries, declared.sides.after.map(listEntryKey)];
      default:
        return null;
    }
  };
  try {
    const [set, keys] = read() ?? [new Set<string>(), []];
    for (const key of keys) set.add(key);
  } catch (error) {
    // A resource declaring what cannot be read keeps nothing: its own matching lists it as not evaluated.
    if (!(error instanceof FieldError)) throw error;
  }
}

function matchRules(estate: Estate, where: string, rules: Sides<DeclaredRule>, out: Collected): void {
  const lines = (list: readonly DeclaredRule[]) => new Map(list.map((rule) => [specLine(rule.spec), rule]));
  const [before, after] = [lines(rules.before), lines(rules.after)];
  const missing = [
    ...new Set([...before.values(), ...after.values()].flatMap(({ spec }) => [spec.groupId, spec.peer])),
  ].filter((id) =>
    id.startsWith('sg-')
      ? !estate.securityGroups.some((group) => group.id === id)
      : id.startsWith('pl-') && !knowsPrefixList(estate, id),
  );
  if (missing.length)
    throw new FieldError(
      '',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the snapshot`,
    );
  const snapshot = out.rules;
  for (const [line, rule] of before) {
    if (after.has(line) || out.kept.rules.has(line)) continue;
    const key = snapshot.get(line);
    if (key === undefined || key === null) {
      out.notEvaluated.push({
        where,
        what: `removes "${line}", which the snapshot does not have (changed since?)`,
      });
      continue;
    }
    // By the snapshot's own id when it has one, so the report cites it.
    out.removals.push({
      op: 'remove-rule',
      rule: rule.ruleId === key ? key : rule.spec,
      origin: where,
    });
    snapshot.delete(line);
  }
  for (const [line, rule] of after) {
    if (before.has(line) || snapshot.has(line)) continue;
    out.additions.push({ op: 'add-rule', rule: { ...rule.spec, description: null }, origin: where });
    snapshot.set(line, null);
  }
}

function entrySignature(entry: AclEntrySpec): string {
  return entryLine({
    aclId: entry.aclId,
    egress: entry.egress,
    ruleNumber: entry.ruleNumber,
    action: entry.action,
    cidr: readEntryCidr(entry.cidr),
    ...readEntryTraffic(entry, false),
  });
}

function matchEntries(estate: Estate, where: string, entries: Sides<AclEntrySpec>, out: Collected): void {
  const byKey = (list: readonly AclEntrySpec[]) => new Map(list.map((entry) => [entryKey(entry), entry]));
  const [before, after] = [byKey(entries.before), byKey(entries.after)];
  const missing = [...new Set([...before.values(), ...after.values()].map((entry) => entry.aclId))].filter(
    (id) => !estate.networkAcls.some((acl) => acl.id === id),
  );
  if (missing.length)
    throw new FieldError(
      '',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the snapshot`,
    );
  // Every entry read before any edit is made: one that cannot be read leaves the resource unevaluated.
  const signatures = new Map([...after].map(([key, entry]) => [key, entrySignature(entry)]));
  const snapshot = out.entries;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, now] = [before.get(key), after.get(key)];
    const ref = (was ?? now) as AclEntrySpec;
    const place = { aclId: ref.aclId, egress: ref.egress, ruleNumber: ref.ruleNumber };
    const current = snapshot.get(key);
    if (now === undefined) {
      // Another resource declares the entry at this place: it decides it.
      if (out.kept.entries.has(key)) continue;
      if (current === undefined)
        out.notEvaluated.push({
          where,
          what: `removes ${key}, which the snapshot does not have (changed since?)`,
        });
      else {
        out.removals.push({ op: 'remove-acl-entry', entry: place, origin: where });
        snapshot.delete(key);
      }
    } else if (current === undefined) {
      out.additions.push({ op: 'add-acl-entry', entry: now, origin: where });
      snapshot.set(key, signatures.get(key) as string);
    } else if (current !== signatures.get(key)) {
      const { aclId: _acl, egress: _egress, ruleNumber: _number, ...set } = now;
      out.changes.push({ op: 'change-acl-entry', entry: place, set, origin: where });
      snapshot.set(key, signatures.get(key) as string);
    }
  }
}

/**
 * Subnets an ACL resource takes on are associated with it; those it lets go, all of them when the
 * ACL is destroyed, go back to their VPC's default ACL, as the provider does ("Each subnet's current
 * association is replaced by an association with the specified VPC's default NACL",
 * networkACLAssociationsDelete in hashicorp/terraform-provider-aws) and as AWS requires before it
 * deletes an ACL. A subnet another resource of the plan has moved already is left to it.
 */
function matchAclAssociations(
  estate: Estate,
  where: string,
  declared: Sides<DeclaredAclAssociation>,
  out: Collected,
): void {
  const key = (association: DeclaredAclAssociation) => `${association.aclId} ${association.subnetId}`;
  const [before, after] = [declared.before, declared.after].map(
    (list) => new Map(list.map((association) => [key(association), association])),
  ) as [Map<string, DeclaredAclAssociation>, Map<string, DeclaredAclAssociation>];
  const defaultAcl = (subnetId: string) => {
    const subnet = estate.subnets.find((one) => one.id === subnetId);
    if (subnet === undefined) throw new FieldError('', `subnet ${subnetId} is not in the snapshot`);
    const acl = estate.networkAcls.find((one) => one.isDefault && one.vpcId === subnet.vpcId);
    if (acl === undefined)
      throw new FieldError(
        '',
        `the default network ACL of ${subnet.vpcId} is not in the snapshot: import describe-network-acls`,
      );
    return acl.id;
  };
  for (const { aclId, subnetId } of [...before.values(), ...after.values()]) {
    if (!estate.networkAcls.some((acl) => acl.id === aclId))
      throw new FieldError('', `${aclId} is not in the snapshot`);
    defaultAcl(subnetId);
  }
  const associate = (subnetId: string, networkAclId: string, edits: ChangeEdit[]) => {
    edits.push({ op: 'set-network-acl-association', subnetId, networkAclId, origin: where });
    out.subnetAcls.set(subnetId, networkAclId);
    out.aclsAssociated.add(subnetId);
  };
  for (const [id, was] of before) {
    if (after.has(id)) continue;
    if (out.subnetAcls.get(was.subnetId) === was.aclId)
      associate(was.subnetId, defaultAcl(was.subnetId), out.removals);
    else if (!out.aclsAssociated.has(was.subnetId))
      out.notEvaluated.push({
        where,
        what: `removes the association of ${was.subnetId} with ${was.aclId}, which the snapshot does not have (changed since?)`,
      });
  }
  for (const [id, now] of after) {
    const current = out.subnetAcls.get(now.subnetId) ?? defaultAcl(now.subnetId);
    if (!before.has(id) && current !== now.aclId) associate(now.subnetId, now.aclId, out.changes);
  }
}

/** `pl-… 4/…/16`: one key per list and network, however the CIDR is written. */
function listEntryKey(entry: DeclaredListEntry): string {
  const cidr = parseCidr(entry.cidr.trim());
  if (cidr === null) throw new FieldError('', `"${entry.cidr}" is not an IPv4 or IPv6 CIDR`);
  return `${entry.prefixListId} ${cidrKey(cidr)}`;
}

/**
 * Entries matched to the snapshot's lists by network: one the plan removes must be in the list, one
 * it adds is added unless the list has it. A list without exported entries cannot be compared.
 */
function matchListEntries(
  estate: Estate,
  where: string,
  entries: Sides<DeclaredListEntry>,
  out: Collected,
): void {
  const byKey = (list: readonly DeclaredListEntry[]) =>
    new Map(list.map((entry) => [listEntryKey(entry), entry]));
  const [before, after] = [byKey(entries.before), byKey(entries.after)];
  for (const id of new Set([...before.values(), ...after.values()].map((entry) => entry.prefixListId))) {
    const list = estate.prefixLists.find((one) => one.id === id);
    if (list === undefined) throw new FieldError('', `${id} is not in the snapshot`);
    if (list.entries === null)
      throw new FieldError(
        '',
        `the snapshot has ${id} without its entries: export them with aws ec2 get-managed-prefix-list-entries --prefix-list-id ${id}`,
      );
  }
  const edit = (entry: DeclaredListEntry) => ({
    prefixListId: entry.prefixListId,
    cidr: entry.cidr.trim(),
    origin: where,
  });
  for (const [key, entry] of before) {
    if (after.has(key) || out.kept.listEntries.has(key)) continue;
    if (!out.listEntries.delete(key))
      out.notEvaluated.push({
        where,
        what: `removes ${entry.cidr} from ${entry.prefixListId}, which the snapshot does not have (changed since?)`,
      });
    else out.removals.push({ op: 'remove-prefix-list-entry', ...edit(entry) });
  }
  for (const [key, entry] of after) {
    if (before.has(key) || out.listEntries.has(key)) continue;
    out.additions.push({ op: 'add-prefix-list-entry', ...edit(entry) });
    out.listEntries.add(key);
  }
}

const policyId = (policy: { namespace: string; name: string }) => `${policy.namespace}/${policy.name}`;

/**
 * A policy resource matched to the snapshot by namespace and name: one the plan deletes (or renames)
 * must be there; one it creates or updates is added, or replaces the snapshot's when what it admits
 * differs. A policy the API server would refuse cannot be evaluated.
 */
function matchPolicies(
  estate: Estate,
  file: string,
  where: string,
  policies: Sides<PolicyManifest>,
  out: Collected,
): void {
  const read = (manifest: PolicyManifest) => {
    try {
      return readNetworkPolicyManifest(JsonCursor.root(file, manifest, where));
    } catch (error) {
      if (error instanceof BadInputError)
        throw new FieldError('', `declares a NetworkPolicy the API server would refuse: ${error.message}`);
      throw error;
    }
  };
  const [was, now] = [policies.before, policies.after].map((list) => list.map(read)[0]);
  const namespaces = new Set((estate.kubernetes?.namespaces ?? []).map((namespace) => namespace.name));
  const missing = [was, now].flatMap((policy) =>
    policy && !namespaces.has(policy.namespace) ? [policy.namespace] : [],
  );
  if (missing.length) throw new FieldError('', `namespace ${missing[0]} is not in the snapshot`);
  if (was && (now === undefined || policyId(was) !== policyId(now))) {
    if (!out.policies.has(policyId(was)))
      out.notEvaluated.push({
        where,
        what: `removes NetworkPolicy ${policyId(was)}, which the snapshot does not have (changed since?)`,
      });
    else {
      out.removals.push({
        op: 'remove-network-policy',
        namespace: was.namespace,
        name: was.name,
        origin: where,
      });
      out.policies.delete(policyId(was));
    }
  }
  const [manifest] = policies.after;
  if (now === undefined || manifest === undefined) return;
  const current = out.policies.get(policyId(now));
  if (current === undefined)
    out.additions.push({ op: 'add-network-policy', policy: manifest, origin: where });
  else if (current !== policyKey(now))
    out.changes.push({
      op: 'replace-network-policy',
      namespace: now.namespace,
      name: now.name,
      policy: manifest,
      origin: where,
    });
  out.policies.set(policyId(now), policyKey(now));
}

/**
 * A VPC attachment the plan creates, attached as AWS attaches it (the transit gateway's default
 * tables unless the resource says otherwise). Its id comes only after apply, so it goes by the
 * resource's address, and the resources that name it (associations, propagations, routes) are not
 * evaluated: their attachment id is unknown too.
 */
function attachNewVpcs(
  estate: Estate,
  file: string,
  where: string,
  declared: Sides<DeclaredNewAttachment>,
  out: Collected,
): void {
  for (const now of declared.after) {
    const edit: ChangeEdit = {
      op: 'add-transit-gateway-vpc-attachment',
      attachmentId: `tgw-attach (${where}, planned)`,
      transitGatewayId: now.transitGatewayId,
      vpcId: now.vpcId,
      subnetIds: now.subnetIds,
      applianceMode: now.applianceMode,
      ...(now.securityGroupReferencing === null
        ? {}
        : { securityGroupReferencing: now.securityGroupReferencing }),
      defaultAssociation: now.defaultAssociation,
      defaultPropagation: now.defaultPropagation,
      origin: where,
    };
    // Refused as AWS would refuse it (a VPC or subnet the snapshot lacks): then not evaluated.
    attachVpc(estate, estate.transitGatewayAttachments, edit, { file, path: where });
    out.additions.push(edit);
  }
}

/**
 * A transit gateway or VPC attachment the plan updates: its security group referencing, when that
 * changes, set on the snapshot's. A transit gateway the plan creates, or one or an attachment it
 * destroys, changes routing in ways a plan's attributes do not say enough about: not evaluated.
 */
function matchReferencing(
  estate: Estate,
  where: string,
  declared: Sides<DeclaredReferencing>,
  out: Collected,
): void {
  const [was] = declared.before;
  const [now] = declared.after;
  const name = (one: DeclaredReferencing) => one.attachmentId ?? one.transitGatewayId;
  if (was === undefined || now === undefined) {
    const [one, verb] = was === undefined ? [now, 'creates'] : [was, 'destroys'];
    if (one !== undefined)
      out.notEvaluated.push({
        where,
        what: `${verb} ${name(one)}: how routing through it changes is not evaluated`,
      });
    return;
  }
  if (now.enabled === null || now.enabled === was.enabled) return;
  const current =
    now.attachmentId === null
      ? estate.transitGateways.find((gateway) => gateway.id === now.transitGatewayId)
          ?.securityGroupReferencing
      : estate.transitGatewayAttachments.find((attachment) => attachment.id === now.attachmentId)?.vpc
          ?.securityGroupReferencing;
  if (current === undefined)
    throw new FieldError(
      '',
      `${name(now)} is not in the snapshot's ${now.attachmentId === null ? 'describe-transit-gateways' : 'describe-transit-gateway-vpc-attachments'} output`,
    );
  if (current === now.enabled) return;
  out.changes.push({
    op: 'set-security-group-referencing',
    transitGatewayId: now.transitGatewayId,
    ...(now.attachmentId === null ? {} : { attachmentId: now.attachmentId }),
    enabled: now.enabled,
    origin: where,
  });
}

/** A static route's place: its table and its network, however the CIDR is written. */
function routeKey(routeTableId: string, destination: string): string {
  const cidr = parseCidr(destination);
  return `${routeTableId} ${cidr === null ? destination : cidrKey(cidr)}`;
}

/**
 * A static route the plan destroys must be in the snapshot and is removed; one it creates is added,
 * after the snapshot's route to that network when the target differs (AWS keeps one static route
 * per destination), and nothing when the snapshot has it already.
 */
function matchTransitGatewayRoutes(
  where: string,
  declared: Sides<DeclaredTransitGatewayRoute>,
  out: Collected,
): void {
  const [was] = declared.before;
  const [now] = declared.after;
  for (const route of [was, now]) {
    if (route !== undefined && !out.transitGatewayTables.has(route.routeTableId))
      throw new FieldError(
        '',
        `transit gateway route table ${route.routeTableId} is not in the snapshot: import its search-transit-gateway-routes output`,
      );
  }
  const remove = (route: DeclaredTransitGatewayRoute) => {
    out.removals.push({
      op: 'remove-transit-gateway-route',
      routeTableId: route.routeTableId,
      destination: route.destination,
      origin: where,
    });
    out.transitGatewayRoutes.delete(routeKey(route.routeTableId, route.destination));
  };
  if (
    was !== undefined &&
    (now === undefined ||
      routeKey(was.routeTableId, was.destination) !== routeKey(now.routeTableId, now.destination))
  ) {
    if (!out.transitGatewayRoutes.has(routeKey(was.routeTableId, was.destination)))
      out.notEvaluated.push({
        where,
        what: `removes the static route ${was.destination} from ${was.routeTableId}, which the snapshot does not have (changed since?)`,
      });
    else remove(was);
  }
  if (now === undefined) return;
  const key = routeKey(now.routeTableId, now.destination);
  const current = out.transitGatewayRoutes.get(key);
  if (current === now.attachmentId) return;
  if (current !== undefined) remove(now);
  out.additions.push({
    op: 'add-transit-gateway-route',
    routeTableId: now.routeTableId,
    destination: now.destination,
    ...(now.attachmentId === null ? { blackhole: true as const } : { attachmentId: now.attachmentId }),
    origin: where,
  });
  out.transitGatewayRoutes.set(key, now.attachmentId);
}

/**
 * Routes of VPC route tables, by table and network: one the plan no longer declares is removed if
 * the snapshot has it, one it declares is added, or sent to its new target when the snapshot routes
 * that network elsewhere, and nothing when the snapshot has it already.
 */
function matchVpcRoutes(where: string, declared: Sides<DeclaredVpcRoute>, out: Collected): void {
  const byKey = (routes: readonly DeclaredVpcRoute[]) =>
    new Map(routes.map((route) => [routeKey(route.routeTableId, route.destination), route]));
  const [before, after] = [byKey(declared.before), byKey(declared.after)];
  for (const route of [...before.values(), ...after.values()]) {
    if (!out.vpcRouteTables.has(route.routeTableId))
      throw new FieldError(
        '',
        `route table ${route.routeTableId} is not in the snapshot: import describe-route-tables`,
      );
  }
  for (const [key, route] of before) {
    if (after.has(key)) continue;
    if (!out.vpcRoutes.has(key)) {
      out.notEvaluated.push({
        where,
        what: `removes the route ${route.destination} from ${route.routeTableId}, which the snapshot does not have (changed since?)`,
      });
      continue;
    }
    const { routeTableId, destination } = route;
    out.removals.push({ op: 'remove-route', routeTableId, destination, origin: where });
    out.vpcRoutes.delete(key);
  }
  for (const [key, route] of after) {
    const current = out.vpcRoutes.get(key);
    if (route.target === null) {
      out.notEvaluated.push({
        where,
        what: `the target of the route ${route.destination} in ${route.routeTableId} is known only after apply`,
      });
      continue;
    }
    if (current === route.target) continue;
    const { routeTableId, destination, target } = route;
    const edit = { routeTableId, destination, target, origin: where };
    if (current === undefined) out.additions.push({ op: 'add-route', ...edit });
    else out.changes.push({ op: 'replace-route', ...edit });
    out.vpcRoutes.set(key, route.target);
  }
}

/**
 * A subnet's association the plan creates or moves routes the subnet by that table; one it destroys
 * leaves the subnet to its VPC's main table, if the snapshot has the association. Edge associations
 * (a gateway's) are not evaluated.
 */
function matchRouteTableAssociations(
  where: string,
  declared: Sides<DeclaredRouteTableAssociation>,
  out: Collected,
): void {
  const [was] = declared.before;
  const [now] = declared.after;
  for (const link of [was, now]) {
    if (link?.subnetId === null)
      throw new FieldError(
        '',
        `associates a gateway with ${link.routeTableId}: edge associations are not evaluated`,
      );
    if (link !== undefined && !out.vpcRouteTables.has(link.routeTableId))
      throw new FieldError(
        '',
        `route table ${link.routeTableId} is not in the snapshot: import describe-route-tables`,
      );
  }
  const subnetId = now?.subnetId ?? was?.subnetId;
  if (subnetId == null) return;
  const current = out.subnetTables.get(subnetId);
  if (now === undefined && current !== was?.routeTableId) {
    out.notEvaluated.push({
      where,
      what: `removes the association of ${subnetId} with ${was?.routeTableId}, which the snapshot does not have (changed since?)`,
    });
    return;
  }
  const routeTableId = now?.routeTableId ?? null;
  if (current === (routeTableId ?? undefined)) return;
  (now === undefined ? out.removals : out.changes).push({
    op: 'set-route-table-association',
    subnetId,
    routeTableId,
    origin: where,
  });
  if (routeTableId === null) out.subnetTables.delete(subnetId);
  else out.subnetTables.set(subnetId, routeTableId);
}

/**
 * An association or propagation the plan destroys unlinks the attachment from the table; one it
 * creates links it. Only what changes the snapshot becomes an edit, and only where the snapshot
 * says what is linked: the association is in describe-transit-gateway-attachments, propagations
 * show as the table's propagated routes.
 */
function matchTableLinks(where: string, declared: Sides<DeclaredTableLink>, out: Collected): void {
  const [was] = declared.before;
  const [now] = declared.after;
  const link = now ?? was;
  if (link === undefined) return;
  if (link.kind === 'association' && !out.associations.has(link.attachmentId))
    throw new FieldError(
      '',
      `which table ${link.attachmentId} is associated with is not in the snapshot: import describe-transit-gateway-attachments`,
    );
  if (link.kind === 'propagation' && !out.transitGatewayTables.has(link.routeTableId))
    throw new FieldError(
      '',
      `transit gateway route table ${link.routeTableId} is not in the snapshot: import its search-transit-gateway-routes output`,
    );
  for (const [one, linked] of [
    [was, false],
    [now, true],
  ] as const) {
    if (one === undefined || (linked === false && now !== undefined && now.routeTableId === one.routeTableId))
      continue;
    const { attachmentId, routeTableId } = one;
    if (one.kind === 'association') {
      const current = out.associations.get(attachmentId);
      const next = linked ? routeTableId : null;
      // Unlinking a table the attachment has already left changes nothing.
      if (current === next || (!linked && current !== routeTableId)) continue;
      (linked ? out.additions : out.removals).push({
        op: 'set-transit-gateway-association',
        attachmentId,
        routeTableId: next,
        origin: where,
      });
      out.associations.set(attachmentId, next);
    } else {
      const key = `${attachmentId} ${routeTableId}`;
      if (out.propagations.has(key) === linked) continue;
      (linked ? out.additions : out.removals).push({
        op: 'set-transit-gateway-propagation',
        attachmentId,
        routeTableId,
        enabled: linked,
        origin: where,
      });
      if (linked) out.propagations.add(key);
      else out.propagations.delete(key);
    }
  }
}
