import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../../preload/contract';
import { fileProgressText, listedCounts, sourcesOf, summaryCounts } from '../../../renderer/src/format';

const none = {
  vpcs: 0,
  subnets: 0,
  securityGroups: 0,
  securityGroupRules: 0,
  networkAcls: 0,
  networkAclEntries: 0,
  workloads: 0,
  instances: 0,
  prefixLists: 0,
  routeTables: 0,
  peeringConnections: 0,
  transitGateways: 0,
  transitGatewayAttachments: 0,
  transitGatewayRouteTables: 0,
};
const cluster = { namespaces: 3, pods: 5, services: 4, controllers: 4, networkPolicies: 2 };

function snapshot(counts: Partial<typeof none>, kubernetesCounts?: typeof cluster): SnapshotSummary {
  return {
    id: 1,
    name: 'x',
    importedAt: '2026-11-25T00:00:00.000Z',
    provider: 'aws',
    counts: { ...none, ...counts },
    ...(kubernetesCounts ? { kubernetesCounts } : {}),
    files: [],
  };
}

const shown = (summary: SnapshotSummary) =>
  listedCounts(summary).map(({ value, label }) => `${value} ${label}`);

describe('the counts under a snapshot in the list', () => {
  it('shows the network of an AWS snapshot', () => {
    expect(
      shown(snapshot({ workloads: 58, securityGroups: 19, securityGroupRules: 60, subnets: 12 })),
    ).toEqual(['58 workloads', '19 security groups', '60 rules', '12 subnets']);
  });

  it('adds pods and NetworkPolicies when a cluster came with it', () => {
    expect(shown(snapshot({ workloads: 58, subnets: 12 }, cluster)).slice(4)).toEqual([
      '5 pods',
      '2 NetworkPolicies',
    ]);
  });

  it('shows only the cluster of a cluster-only snapshot, not four zeros', () => {
    expect(shown(snapshot({}, cluster))).toEqual([
      '5 pods',
      '2 NetworkPolicies',
      '3 namespaces',
      '4 services',
    ]);
  });
});

describe('the summary of a snapshot', () => {
  it('names what it was imported from, and counts only that', () => {
    const both = snapshot({ workloads: 58, vpcs: 2 }, cluster);
    expect(sourcesOf(both)).toEqual(['AWS', 'Kubernetes']);
    expect(summaryCounts(both).map((c) => c.label)).toContain('Security group rules');
    expect(summaryCounts(both).find((c) => c.label === 'Pods')?.value).toBe(5);
    const clusterOnly = snapshot({}, cluster);
    expect(sourcesOf(clusterOnly)).toEqual(['Kubernetes']);
    expect(summaryCounts(clusterOnly).map((c) => `${c.value} ${c.label}`)).toEqual([
      '3 Namespaces',
      '5 Pods',
      '4 Services',
      '4 Controllers',
      '2 NetworkPolicies',
    ]);
    // A snapshot of catalogs or flow logs alone holds no network: it still shows the zeros, under no badge.
    const applicationsOnly = snapshot({});
    expect(sourcesOf(applicationsOnly)).toEqual([]);
    expect(summaryCounts(applicationsOnly).every((c) => c.value === 0)).toBe(true);
  });
});

describe('fileProgressText', () => {
  it('gives the share of a large file read, in whole percent, and its size', () => {
    expect(fileProgressText({ done: 110_000_000, total: 245_190_000 })).toBe('44% of 233.8 MB');
    expect(fileProgressText({ done: 245_190_000, total: 245_190_000 })).toBe('100% of 233.8 MB');
  });
});
