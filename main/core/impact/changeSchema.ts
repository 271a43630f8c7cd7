import { z } from 'zod';
import { BadInputError } from '../domain/errors';
import { childPath } from '../input/jsonPath';
import { parseJsonFile } from '../input/jsonText';
import type { ProposedChange } from './change';

/** What a change is called in messages when it names no source: the file the CLI reads it from. */
export const changeFileName = 'CHANGE.json';

/** The shape of CHANGE.json and of the `change` the API takes; ids are checked against the snapshot later. */
const id = (prefix: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}-[0-9a-zA-Z]+$`), `expected an id starting ${prefix}-`);
// A rule's FromPort and ToPort are an ICMP rule's type and code: -1 is every one there, and icmp's
// own limit (255) is checked with the protocol (ruleFields.ts). Said in those words, for an engineer.
const portMessage =
  'a port is a whole number 0-65535 (for icmp, the type or code: -1 for every one, or 0-255)';
const port = z.number().int(portMessage).min(-1, portMessage).max(65535, portMessage).nullable().optional();
const icmpMessage = 'an ICMP type or code is a whole number 0-255, or -1 for every one';
const icmpNumber = z
  .number()
  .int(icmpMessage)
  .min(-1, icmpMessage)
  .max(255, icmpMessage)
  .nullable()
  .optional();
const protocol = z.string().trim().min(1).max(16);
const peer = z.string().trim().min(1).max(100);
const direction = z.enum(['ingress', 'egress']);
const action = z.enum(['allow', 'deny']);
const origin = z.string().max(500).optional();
/** Namespaces and object names are DNS names of at most 253 characters. */
const kubeName = z.string().trim().min(1).max(253);
// Only an object here: the Kubernetes reader checks the rest and names the place in the manifest.
const manifest = z.record(z.string(), z.unknown());

const ruleSpec = z
  .object({
    groupId: id('sg'),
    direction,
    protocol,
    fromPort: port,
    toPort: port,
    peer,
    description: z.string().max(255).nullable().optional(),
  })
  .strict();
const ruleRef = z.union([z.string().trim().min(1).max(200), ruleSpec]);
const ruleFields = ruleSpec.omit({ groupId: true, direction: true }).partial().strict();

const aclEntryRef = z
  .object({ aclId: id('acl'), egress: z.boolean(), ruleNumber: z.number().int().min(1).max(32766) })
  .strict();
const aclEntryFields = z
  .object({
    protocol,
    action,
    cidr: peer,
    fromPort: port,
    toPort: port,
    icmpType: icmpNumber,
    icmpCode: icmpNumber,
  })
  .partial()
  .strict();
const aclEntrySpec = aclEntryRef
  .extend(aclEntryFields.shape)
  .extend({ protocol, action, cidr: peer })
  .strict();

const edit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('remove-rule'), rule: ruleRef, origin }).strict(),
  z.object({ op: z.literal('change-rule'), rule: ruleRef, set: ruleFields, origin }).strict(),
  z.object({ op: z.literal('add-rule'), rule: ruleSpec, origin }).strict(),
  z.object({ op: z.literal('remove-acl-entry'), entry: aclEntryRef, origin }).strict(),
  z.object({ op: z.literal('change-acl-entry'), entry: aclEntryRef, set: aclEntryFields, origin }).strict(),
  z.object({ op: z.literal('add-acl-entry'), entry: aclEntrySpec, origin }).strict(),
  z.object({ op: z.literal('add-prefix-list-entry'), prefixListId: id('pl'), cidr: peer, origin }).strict(),
  z
    .object({ op: z.literal('remove-prefix-list-entry'), prefixListId: id('pl'), cidr: peer, origin })
    .strict(),
  ...(['add-route', 'replace-route'] as const).map((op) =>
    z
      .object({
        op: z.literal(op),
        routeTableId: id('rtb'),
        destination: peer,
        target: z
          .string()
          .trim()
          .regex(
            /^[a-z]+-[0-9a-z]+$/,
            'expected the id of what the route sends to, such as tgw-0123456789abcdef0',
          ),
        origin,
      })
      .strict(),
  ),
  z.object({ op: z.literal('remove-route'), routeTableId: id('rtb'), destination: peer, origin }).strict(),
  z
    .object({
      op: z.literal('set-route-table-association'),
      subnetId: id('subnet'),
      routeTableId: id('rtb').nullable(),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('set-network-acl-association'),
      subnetId: id('subnet'),
      networkAclId: id('acl'),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('set-security-group-referencing'),
      transitGatewayId: id('tgw'),
      attachmentId: id('tgw-attach').optional(),
      enabled: z.boolean(),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('add-transit-gateway-route'),
      routeTableId: id('tgw-rtb'),
      destination: peer,
      attachmentId: id('tgw-attach').optional(),
      blackhole: z.literal(true).optional(),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('remove-transit-gateway-route'),
      routeTableId: id('tgw-rtb'),
      destination: peer,
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('add-transit-gateway-vpc-attachment'),
      attachmentId: id('tgw-attach'),
      transitGatewayId: id('tgw'),
      vpcId: id('vpc'),
      subnetIds: z.array(id('subnet')).min(1, 'an attachment needs a subnet').max(32),
      applianceMode: z.boolean().optional(),
      securityGroupReferencing: z.boolean().optional(),
      defaultAssociation: z.boolean().optional(),
      defaultPropagation: z.boolean().optional(),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('set-transit-gateway-association'),
      attachmentId: id('tgw-attach'),
      routeTableId: id('tgw-rtb').nullable(),
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('set-transit-gateway-propagation'),
      attachmentId: id('tgw-attach'),
      routeTableId: id('tgw-rtb'),
      enabled: z.boolean(),
      origin,
    })
    .strict(),
  z.object({ op: z.literal('add-group'), eni: id('eni'), groupId: id('sg'), origin }).strict(),
  z.object({ op: z.literal('remove-group'), eni: id('eni'), groupId: id('sg'), origin }).strict(),
  z
    .object({
      op: z.literal('move-workload'),
      eni: id('eni'),
      subnetId: id('subnet').optional(),
      groupIds: z.array(id('sg')).max(16).optional(),
      privateIp: z.string().trim().min(1).max(45).optional(),
      origin,
    })
    .strict(),
  z.object({ op: z.literal('add-network-policy'), policy: manifest, origin }).strict(),
  z.object({ op: z.literal('remove-network-policy'), namespace: kubeName, name: kubeName, origin }).strict(),
  z
    .object({
      op: z.literal('replace-network-policy'),
      namespace: kubeName,
      name: kubeName,
      policy: manifest,
      origin,
    })
    .strict(),
  z
    .object({
      op: z.literal('set-pod-labels'),
      namespace: kubeName,
      workload: kubeName,
      labels: z.record(z.string().min(1).max(317), z.string().max(63).nullable()),
      origin,
    })
    .strict(),
]);

export const proposedChangeSchema: z.ZodType<ProposedChange> = z
  .object({
    title: z.string().max(300).optional(),
    source: z.string().max(4096).optional(),
    edits: z.array(edit).max(10_000),
    notEvaluated: z
      .array(z.object({ where: z.string().max(500), what: z.string().max(2000) }).strict())
      .max(10_000)
      .optional(),
  })
  .strict();

/** `$.edits[2].rule.peer`: where a zod issue sits, written as the rest of Faultline writes JSON paths. */
function issuePlace(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (place, key) => childPath(place, typeof key === 'number' ? key : String(key)),
    '$',
  );
}

/**
 * A change of the wrong shape, as the edits' own problems are refused (applyChange): naming the file
 * and the place in it, so the app can mark the edit the place names.
 */
export function changeShapeError(name: string, issue: z.core.$ZodIssue | undefined): BadInputError {
  const place = issuePlace(issue?.path ?? []);
  return new BadInputError(`${name} ${place}: ${issue?.message ?? 'not a valid change'}`, name, place);
}

/** CHANGE.json read strictly: a wrong shape is refused naming the file and the place in it. */
export function readChangeFile(name: string, data: Uint8Array): ProposedChange {
  const parsed = proposedChangeSchema.safeParse(parseJsonFile(name, data));
  if (parsed.success) return { ...parsed.data, source: parsed.data.source ?? name };
  throw changeShapeError(name, parsed.error.issues[0]);
}
