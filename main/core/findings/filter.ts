import type { Finding, FindingKind, Severity } from './types';

export interface FindingFilter {
  readonly kinds?: readonly FindingKind[];
  readonly severities?: readonly Severity[];
  /** Findings touching this owner (team or person), compared case-insensitively. */
  readonly owner?: string;
  /** Findings about this object: an app, service, workload, group, ACL or subnet id. */
  readonly objectId?: string;
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const owner = filter.owner?.toLowerCase();
  return findings.filter(
    (f) =>
      (!filter.kinds?.length || filter.kinds.includes(f.kind)) &&
      (!filter.severities?.length || filter.severities.includes(f.severity)) &&
      (owner === undefined || f.owners.some((o) => o.toLowerCase() === owner)) &&
      (filter.objectId === undefined || f.objects.some((o) => o.id === filter.objectId)),
  );
}
