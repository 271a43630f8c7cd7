import type { ResourceChange } from './planFile';
import { type Sides, sides } from './ruleResources';

/** One entry of a customer-managed prefix list. */
export interface DeclaredListEntry {
  readonly prefixListId: string;
  readonly cidr: string;
}

/**
 * The prefix list entries of the resources, before and after: aws_ec2_managed_prefix_list (its `entry`
 * blocks) and aws_ec2_managed_prefix_list_entry. null for other resource types.
 */
export function declaredListEntries(change: ResourceChange): Sides<DeclaredListEntry> | null {
  switch (change.type) {
    case 'aws_ec2_managed_prefix_list':
      return sides(change, ['id', 'entry'], (list) =>
        list.list('entry').map((block) => ({ prefixListId: list.str('id'), cidr: block.str('cidr') })),
      );
    case 'aws_ec2_managed_prefix_list_entry':
      return sides(change, ['prefix_list_id', 'cidr'], (entry) => [
        { prefixListId: entry.str('prefix_list_id'), cidr: entry.str('cidr') },
      ]);
    default:
      return null;
  }
}
