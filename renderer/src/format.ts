import type { SnapshotSummary } from '../../preload/contract';

type CountKey = keyof SnapshotSummary['counts'];

/** Every estate count, labelled, in reading order. The Record type makes a missing key a compile error. */
const countLabels: Readonly<Record<CountKey, string>> = {
  workloads: 'Workloads (ENIs)',
  instances: 'Instances',
  vpcs: 'VPCs',
  subnets: 'Subnets',
  routeTables: 'Route tables',
  securityGroups: 'Security groups',
  securityGroupRules: 'Security group rules',
  networkAcls: 'Network ACLs',
  networkAclEntries: 'Network ACL entries',
  prefixLists: 'Prefix lists',
  peeringConnections: 'Peering connections',
};

export const countKinds = Object.entries(countLabels) as [CountKey, string][];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const number = new Intl.NumberFormat();

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatCount(n: number): string {
  return number.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
