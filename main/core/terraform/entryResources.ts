import type { AclEntrySpec } from '../impact/change';
import type { JsonCursor } from '../input/jsonCursor';
import { managedBlocks, type ResourceChange } from './planFile';
import { type Sides, sides } from './ruleResources';

const entryFields = [
  'network_acl_id',
  'rule_number',
  'egress',
  'protocol',
  'rule_action',
  'cidr_block',
  'ipv6_cidr_block',
  'from_port',
  'to_port',
  'icmp_type',
  'icmp_code',
];

/**
 * The entries of the network ACL resources, before and after: aws_network_acl (inline ingress and
 * egress blocks) and aws_network_acl_rule. null for other resource types.
 */
export function declaredEntries(change: ResourceChange): Sides<AclEntrySpec> | null {
  switch (change.type) {
    case 'aws_network_acl': {
      const blocks = managedBlocks(change, ['ingress', 'egress']);
      return sides(change, ['id', 'ingress', 'egress'], (acl) =>
        (['ingress', 'egress'] as const).flatMap((direction) =>
          (blocks.has(direction) ? acl.list(direction) : []).map((block) =>
            entry(block, acl.str('id'), direction === 'egress', block.int('rule_no'), block.str('action')),
          ),
        ),
      );
    }
    case 'aws_network_acl_rule':
      return sides(change, entryFields, (rule) => [
        entry(
          rule,
          rule.str('network_acl_id'),
          rule.at('egress').optional((c) => c.boolean()) ?? false,
          rule.int('rule_number'),
          rule.str('rule_action'),
        ),
      ]);
    default:
      return null;
  }
}

function entry(
  block: JsonCursor,
  aclId: string,
  egress: boolean,
  ruleNumber: number,
  action: string,
): AclEntrySpec {
  const optInt = (key: string) => block.at(key).optional((c) => c.integer());
  const cidr = [block.optStr('cidr_block'), block.optStr('ipv6_cidr_block')].find((text) => !!text);
  return {
    aclId,
    egress,
    ruleNumber,
    protocol: block.str('protocol'),
    action: action === 'allow' || action === 'deny' ? action : block.at('action').fail('"allow" or "deny"'),
    cidr: cidr ?? block.at('cidr_block').fail('a CIDR in cidr_block or ipv6_cidr_block'),
    fromPort: optInt('from_port'),
    toPort: optInt('to_port'),
    icmpType: optInt('icmp_type'),
    icmpCode: optInt('icmp_code'),
  };
}

/** A subnet's association with a network ACL, as a plan declares it. */
export interface DeclaredAclAssociation {
  readonly aclId: string;
  readonly subnetId: string;
}

/**
 * The subnets of aws_network_acl (`subnet_ids`, when its configuration writes them: the provider
 * reads back every association otherwise) and aws_network_acl_association, before and after; null
 * for other resource types.
 */
export function declaredAclAssociations(change: ResourceChange): Sides<DeclaredAclAssociation> | null {
  switch (change.type) {
    case 'aws_network_acl': {
      const managed = managedBlocks(change, ['subnet_ids']).has('subnet_ids');
      return sides(change, ['id', 'subnet_ids'], (acl) =>
        (managed ? acl.list('subnet_ids') : []).map((subnet) => ({
          aclId: acl.str('id'),
          subnetId: subnet.string(),
        })),
      );
    }
    case 'aws_network_acl_association':
      return sides(change, ['network_acl_id', 'subnet_id'], (association) => [
        { aclId: association.str('network_acl_id'), subnetId: association.str('subnet_id') },
      ]);
    default:
      return null;
  }
}
