import type { Estate } from './estate';

/**
 * AWS names its own prefix lists `com.amazonaws.<region>.<service>` and reserves the prefix: they hold
 * public ranges of AWS services, and only AWS changes their entries.
 */
export function isAwsManaged(name: string | null): boolean {
  return name?.startsWith('com.amazonaws.') ?? false;
}

/**
 * Whether the snapshot knows the prefix list: its describe-managed-prefix-lists or entries, or a rule
 * naming it (AWS refuses a rule naming a list that does not exist, so the list existed at export).
 */
export function knowsPrefixList(
  estate: Pick<Estate, 'prefixLists' | 'securityGroupRules'>,
  prefixListId: string,
): boolean {
  return (
    estate.prefixLists.some((list) => list.id === prefixListId) ||
    estate.securityGroupRules.some(
      (rule) => rule.peer.kind === 'prefix-list' && rule.peer.prefixListId === prefixListId,
    )
  );
}
