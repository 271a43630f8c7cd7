/**
 * AWS names its own prefix lists `com.amazonaws.<region>.<service>` and reserves the prefix: they hold
 * public ranges of AWS services, and only AWS changes their entries.
 */
export function isAwsManaged(name: string | null): boolean {
  return name?.startsWith('com.amazonaws.') ?? false;
}
