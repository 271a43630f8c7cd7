import type { EstateKey } from '../core/domain/estate';
import type { FileOutcome, SnapshotSummary } from '../core/domain/importReport';
import type { KubernetesCounts } from '../core/domain/kubernetes';
import { visibleText } from '../core/findings/visibleText';

const countLabels: Record<EstateKey, string> = {
  vpcs: 'VPCs',
  subnets: 'Subnets',
  securityGroups: 'Security groups',
  securityGroupRules: 'Security group rules',
  networkAcls: 'Network ACLs',
  networkAclEntries: 'Network ACL entries',
  workloads: 'Workloads (ENIs)',
  instances: 'Instances',
  prefixLists: 'Prefix lists',
  routeTables: 'Route tables',
  peeringConnections: 'Peering connections',
  transitGateways: 'Transit gateways',
  transitGatewayAttachments: 'Transit gateway attachments',
  transitGatewayRouteTables: 'Transit gateway route tables',
};

const kubernetesLabels: Record<keyof KubernetesCounts, string> = {
  namespaces: 'Namespaces',
  pods: 'Pods',
  services: 'Services',
  controllers: 'Controllers',
  networkPolicies: 'NetworkPolicies',
};

export function formatCounts({ counts, kubernetesCounts: cluster }: SnapshotSummary): string {
  const line = (label: string, count: number) => `  ${label.padEnd(30)}${String(count).padStart(8)}`;
  return [
    ...Object.entries(countLabels).map(([key, label]) => line(label, counts[key as EstateKey])),
    ...(cluster
      ? Object.entries(kubernetesLabels).map(([key, label]) =>
          line(label, cluster[key as keyof KubernetesCounts]),
        )
      : []),
  ].join('\n');
}

export function formatFiles(files: readonly FileOutcome[]): string {
  return files
    .map((f) => {
      const records = `${f.records} record${f.records === 1 ? '' : 's'}`;
      const detail =
        f.status === 'imported'
          ? `${f.kind}, ${records}${f.reason ? `; ${f.reason}` : ''}`
          : (f.reason ?? '');
      return visibleText(`  ${f.status.padEnd(9)}${f.file}  (${detail}${f.place ? ` at ${f.place}` : ''})`);
    })
    .join('\n');
}

/**
 * Left-aligned columns two spaces apart, the way `ls -l` and `kubectl get` print. Cells hold imported
 * names, shown with their bidirectional and control characters visible (docs/security.md).
 */
export function formatTable(header: readonly string[], imported: readonly (readonly string[])[]): string {
  const rows = imported.map((row) => row.map(visibleText));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function formatSnapshotTable(snapshots: readonly SnapshotSummary[]): string {
  if (snapshots.length === 0)
    return 'No snapshots yet. Import one with: faultline import --db FILE PATH...\n';
  return formatTable(
    ['ID', 'NAME', 'IMPORTED', 'WORKLOADS', 'GROUPS', 'RULES'],
    snapshots.map((s) => [
      String(s.id),
      s.name,
      s.importedAt,
      String(s.counts.workloads),
      String(s.counts.securityGroups),
      String(s.counts.securityGroupRules),
    ]),
  );
}
