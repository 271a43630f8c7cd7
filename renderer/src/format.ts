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
  transitGateways: 'Transit gateways',
  transitGatewayAttachments: 'Transit gateway attachments',
  transitGatewayRouteTables: 'Transit gateway route tables',
};

export const countKinds = Object.entries(countLabels) as [CountKey, string][];

type KubernetesCountKey = keyof NonNullable<SnapshotSummary['kubernetesCounts']>;

const kubernetesCountLabels: Readonly<Record<KubernetesCountKey, string>> = {
  namespaces: 'Namespaces',
  pods: 'Pods',
  services: 'Services',
  controllers: 'Controllers',
  networkPolicies: 'NetworkPolicies',
};

export const kubernetesCountKinds = Object.entries(kubernetesCountLabels) as [KubernetesCountKey, string][];

/** A count as the snapshot list and summary show it. */
export interface LabelledCount {
  readonly value: number;
  readonly label: string;
}

/** Whether the snapshot holds any AWS network, as opposed to a cluster or application sources only. */
function hasCloud({ counts }: SnapshotSummary): boolean {
  return counts.vpcs + counts.subnets + counts.workloads + counts.securityGroups > 0;
}

/** What the snapshot was imported from, as badges: AWS, Kubernetes, both, or neither. */
export function sourcesOf(snapshot: SnapshotSummary): string[] {
  return [...(hasCloud(snapshot) ? ['AWS'] : []), ...(snapshot.kubernetesCounts ? ['Kubernetes'] : [])];
}

/** Every count of the snapshot, labelled: the AWS kinds unless it holds only a cluster, then the cluster's. */
export function summaryCounts(snapshot: SnapshotSummary): LabelledCount[] {
  const { counts, kubernetesCounts } = snapshot;
  const cloud = countKinds.map(([key, label]) => ({ label, value: counts[key] }));
  const cluster = kubernetesCounts
    ? kubernetesCountKinds.map(([key, label]) => ({ label, value: kubernetesCounts[key] }))
    : [];
  return hasCloud(snapshot) || !kubernetesCounts ? [...cloud, ...cluster] : cluster;
}

/**
 * What a snapshot holds, in four counts or six: its AWS network, its cluster, or both. A cluster-only
 * snapshot would otherwise read "0 workloads, 0 security groups".
 */
export function listedCounts(snapshot: SnapshotSummary): LabelledCount[] {
  const { counts, kubernetesCounts } = snapshot;
  const cloud: LabelledCount[] = [
    { value: counts.workloads, label: 'workloads' },
    { value: counts.securityGroups, label: 'security groups' },
    { value: counts.securityGroupRules, label: 'rules' },
    { value: counts.subnets, label: 'subnets' },
  ];
  if (!kubernetesCounts) return cloud;
  const cluster: LabelledCount[] = [
    { value: kubernetesCounts.pods, label: 'pods' },
    { value: kubernetesCounts.networkPolicies, label: 'NetworkPolicies' },
  ];
  if (hasCloud(snapshot)) return [...cloud, ...cluster];
  return [
    ...cluster,
    { value: kubernetesCounts.namespaces, label: 'namespaces' },
    { value: kubernetesCounts.services, label: 'services' },
  ];
}

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

/** `45% of 245.1 MB`: how far into a large file an import is, while its count of files stands still. */
export function fileProgressText({ done, total }: { readonly done: number; readonly total: number }): string {
  return `${Math.floor((100 * done) / total)}% of ${formatBytes(total)}`;
}

/** `tcp/5432`, `icmp type 8`, `protocol 50`: traffic named as the engine's reasons name it. */
export function protocolPort(protocol: string, port: number | null): string {
  if (port === null) return /^\d+$/.test(protocol) ? `protocol ${protocol}` : protocol;
  return protocol.startsWith('icmp') ? `${protocol} type ${port}` : `${protocol}/${port}`;
}

/**
 * `tcp/5432`, `udp all ports`, `icmp type 8`, `icmp type 3 code 4`, `all traffic`: what a rule or entry
 * admits, as the inspector's lines (main/core/views/topology.ts) write it. `from` and `to` are the
 * ports, or an ICMP rule's type and code (-1 or absent: every one), as a security group rule holds them.
 */
export function trafficText(
  protocol: string,
  from: number | null | undefined,
  to: number | null | undefined,
): string {
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  if (protocol.startsWith('icmp')) {
    if (from == null || from === -1) return `${protocol} all types`;
    return `${protocol} type ${from}${to == null || to === -1 ? '' : ` code ${to}`}`;
  }
  if (from == null || (protocol !== 'tcp' && protocol !== 'udp')) return protocol;
  if (from === 0 && to === 65535) return `${protocol} all ports`;
  return from === to || to == null ? `${protocol}/${from}` : `${protocol}/${from}-${to}`;
}

/** An ACL entry's traffic: it holds its ICMP type and code apart from its port range. */
export function entryTrafficText(fields: {
  readonly protocol: string;
  readonly fromPort?: number | null;
  readonly toPort?: number | null;
  readonly icmpType?: number | null;
  readonly icmpCode?: number | null;
}): string {
  return fields.protocol.startsWith('icmp')
    ? trafficText(fields.protocol, fields.icmpType, fields.icmpCode)
    : trafficText(fields.protocol, fields.fromPort, fields.toPort);
}

/**
 * A file's status as the import results say it. In a refused import nothing was imported: a file the
 * import would have taken was read, and is fine, but is not in the workspace.
 */
export function fileStatusText(status: 'imported' | 'skipped' | 'error', refused: boolean): string {
  return refused && status === 'imported' ? 'read, not imported' : status;
}
