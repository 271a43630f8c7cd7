import type { RuleSpec } from '../impact/change';
import type { JsonCursor } from '../input/jsonCursor';
import { isUnknown, managedBlocks, type ResourceChange } from './planFile';

/** A rule a resource declares, with its AWS id when the plan knows it (`sgr-…`). */
export interface DeclaredRule {
  readonly spec: RuleSpec;
  readonly ruleId: string | null;
}

export interface Sides<T> {
  readonly before: readonly T[];
  readonly after: readonly T[];
  /** Fields of `after` known only after apply: nothing of the resource can then be evaluated. */
  readonly unknown: readonly string[];
}

type Direction = RuleSpec['direction'];

/** A list of strings, or one string, as the peers of a block; null and empty strings are none. */
const strings = (cursor: JsonCursor, key: string): string[] =>
  (cursor.at(key).optional((c) => (Array.isArray(c.value) ? c.items() : [c])) ?? [])
    .map((item) => item.string())
    .filter((text) => text !== '');
const port = (cursor: JsonCursor, key: string) => cursor.at(key).optional((c) => c.integer());

/** Fields the rule resources are read by; other unknowns (ids, arns, tags) do not matter. */
const ruleFields = [
  'type',
  'security_group_id',
  'protocol',
  'ip_protocol',
  'from_port',
  'to_port',
  'cidr_blocks',
  'ipv6_cidr_blocks',
  'prefix_list_ids',
  'source_security_group_id',
  'self',
  'cidr_ipv4',
  'cidr_ipv6',
  'prefix_list_id',
  'referenced_security_group_id',
];

/**
 * The rules of the security group resources, before and after: aws_security_group (inline ingress and
 * egress blocks), aws_security_group_rule, aws_vpc_security_group_ingress_rule and _egress_rule. One
 * block or resource naming several CIDRs, groups and prefix lists is one rule per peer, as AWS stores it.
 * null for other resource types.
 */
export function declaredRules(change: ResourceChange): Sides<DeclaredRule> | null {
  switch (change.type) {
    case 'aws_security_group': {
      const blocks = managedBlocks(change, ['ingress', 'egress']);
      return sides(change, ['id', 'ingress', 'egress'], (group) => inlineRules(group, blocks));
    }
    case 'aws_security_group_rule':
      return sides(change, securityGroupRuleFields(change.after), (resource) => {
        const groupId = resource.str('security_group_id');
        const direction = readDirection(resource.at('type'));
        return peersOf(resource, groupId).map((peer) => ({
          spec: { groupId, direction, ...traffic(resource, 'protocol'), peer },
          ruleId: resource.optStr('security_group_rule_id'),
        }));
      });
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      const direction: Direction = change.type.endsWith('_ingress_rule') ? 'ingress' : 'egress';
      return sides(change, ruleFields, (resource) => [
        {
          spec: {
            groupId: resource.str('security_group_id'),
            direction,
            ...traffic(resource, 'ip_protocol'),
            peer: groupOf(
              resource
                .oneOf(['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'])
                .field.string(),
            ),
          },
          ruleId: resource.optStr('security_group_rule_id') ?? resource.optStr('id'),
        },
      ]);
    }
    default:
      return null;
  }
}

/**
 * The provider declares source_security_group_id Optional and Computed, so it is unknown on every
 * new rule that does not set it; it also conflicts with cidr_blocks, ipv6_cidr_blocks and self
 * (hashicorp/terraform-provider-aws, vpc_security_group_rule.go), so beside one of them it can only
 * stay empty, and its being unknown hides nothing.
 */
function securityGroupRuleFields(after: JsonCursor | null): readonly string[] {
  const set = (key: string) => {
    const value = after?.at(key).value;
    return Array.isArray(value) ? value.length > 0 : value === true;
  };
  return ['cidr_blocks', 'ipv6_cidr_blocks', 'self'].some(set)
    ? ruleFields.filter((field) => field !== 'source_security_group_id')
    : ruleFields;
}

/** `fields` are the names read, or paths into nested blocks (`metadata.0.name`). */
export function sides<T>(
  change: ResourceChange,
  fields: readonly string[],
  read: (resource: JsonCursor) => T[],
): Sides<T> {
  const path = (field: string) => field.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  const unknown =
    change.after === null ? [] : fields.filter((field) => isUnknown(change.afterUnknown, path(field)));
  return {
    before: change.before === null ? [] : read(change.before),
    after: change.after === null || unknown.length > 0 ? [] : read(change.after),
    unknown,
  };
}

function inlineRules(group: JsonCursor, blocks: ReadonlySet<string>): DeclaredRule[] {
  const groupId = group.str('id');
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    (blocks.has(direction) ? group.list(direction) : []).flatMap((block) =>
      peersOf(block, groupId).map((peer) => ({
        spec: { groupId, direction, ...traffic(block, 'protocol'), peer },
        ruleId: null,
      })),
    ),
  );
}

function traffic(resource: JsonCursor, protocolKey: string) {
  return {
    protocol: resource.str(protocolKey),
    fromPort: port(resource, 'from_port'),
    toPort: port(resource, 'to_port'),
  };
}

/** Every peer a block or rule names; `self` is the group itself. */
function peersOf(resource: JsonCursor, groupId: string): string[] {
  return [
    ...strings(resource, 'cidr_blocks'),
    ...strings(resource, 'ipv6_cidr_blocks'),
    ...strings(resource, 'prefix_list_ids'),
    ...strings(resource, 'security_groups'),
    ...strings(resource, 'source_security_group_id'),
    ...(resource.at('self').optional((c) => c.boolean()) ? [groupId] : []),
  ]
    .filter((peer) => peer !== '')
    .map(groupOf);
}

/** Another account's group is written `111122223333/sg-…`; the group id is what rules match on. */
function groupOf(peer: string): string {
  return peer.replace(/^\d{12}\/(?=sg-)/, '');
}

function readDirection(field: JsonCursor): Direction {
  const text = field.string();
  return text === 'ingress' || text === 'egress' ? text : field.fail('"ingress" or "egress"');
}
