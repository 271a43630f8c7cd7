import { describe, expect, it } from 'vitest';
import { ClassEdgeList } from '../../../main/core/analysis/flowGraph/classEdgeList';
import { aggregateBySegment } from '../../../main/core/analysis/flowGraph/index';
import { clusterSegments } from '../../../main/core/kubernetes/clusterSegments';
import { type SegmentEdge, unpackSegmentEdges } from '../helpers/segmentEdges';
import { clusterOnly, clusterWith, fixture } from './files';

const all = [{ from: 0, to: 65535 }];
const from = (edges: readonly SegmentEdge[], namespace: string) =>
  edges
    .filter((e) => e.fromGroup === `namespace/${namespace}`)
    .map(
      (e) =>
        `${e.toGroup} ${e.protocol} ${e.ports.map((p) => `${p.from}-${p.to}`).join(',')} x${e.workloadPairs}`,
    )
    .sort();

describe('namespaces as segments', () => {
  it('without policies, every namespace reaches every namespace on every port, counting pod pairs', () => {
    const graph = clusterSegments(clusterWith());
    expect(graph.segments.map((s) => [s.groupId, s.vpcId, s.members])).toEqual([
      ['namespace/shop', 'kubernetes', 4],
      ['namespace/billing', 'kubernetes', 1],
      ['namespace/kube-system', 'kubernetes', 1],
      ['namespace/monitoring', 'kubernetes', 1],
    ]);
    const shopToShop = unpackSegmentEdges(graph).filter(
      (e) => e.fromGroup === 'namespace/shop' && e.toGroup === 'namespace/shop',
    );
    expect(shopToShop.map((e) => [e.protocol, e.ports, e.workloadPairs])).toEqual([
      ['tcp', all, 12],
      ['udp', all, 12],
      ['132', all, 12],
    ]);
    // A namespace of one pod has no pair within itself.
    expect(
      from(unpackSegmentEdges(graph), 'billing').filter((e) => e.startsWith('namespace/billing')),
    ).toEqual([]);
  });

  it('carries only what the policies surely allow: DNS egress from shop', () => {
    const graph = clusterSegments(clusterWith(fixture('recipes/allow-dns-egress/policies.yaml')));
    expect(from(unpackSegmentEdges(graph), 'shop')).toEqual([
      'namespace/kube-system tcp 53-53 x4',
      'namespace/kube-system udp 53-53 x4',
    ]);
    expect(from(unpackSegmentEdges(graph), 'billing')).toContain('namespace/shop tcp 0-65535 x4');
  });

  it('resolves named ports and ranges per destination pod', () => {
    const graph = clusterSegments(clusterWith(fixture('recipes/end-port/policies.yaml')));
    const intoShop = unpackSegmentEdges(graph).filter(
      (e) => e.fromGroup === 'namespace/billing' && e.toGroup === 'namespace/shop',
    );
    // db and web are open; api only on 32000-32768, inside the union of all ports.
    expect(intoShop.find((e) => e.protocol === 'tcp')?.ports).toEqual(all);
    const named = clusterSegments(clusterWith(fixture('recipes/named-port/policies.yaml')));
    const webOut = unpackSegmentEdges(named).filter(
      (e) => e.fromGroup === 'namespace/shop' && e.toGroup === 'namespace/billing',
    );
    // web may only send to ports named http, which pay lacks; api, db are unrestricted.
    expect(webOut.map((e) => [e.protocol, e.workloadPairs])).toEqual([
      ['tcp', 2],
      ['udp', 2],
      ['132', 2],
    ]);
  });

  it('makes each policy a segment of the pods it selects, joined to policies as groups are', () => {
    const graph = clusterSegments(clusterWith(fixture('recipes/allow-same-namespace/policies.yaml')));
    expect(graph.segments.slice(4).map((s) => [s.groupId, s.name, s.members])).toEqual([
      ['networkpolicy/shop/default-deny-ingress', 'shop/default-deny-ingress', 4],
      ['networkpolicy/shop/allow-same-namespace', 'shop/allow-same-namespace', 4],
    ]);
    const betweenPolicies = unpackSegmentEdges(graph)
      .filter((e) => e.fromGroup.startsWith('networkpolicy/') && e.protocol === 'tcp')
      .map(
        (e) => `${e.fromGroup} -> ${e.toGroup} ${e.ports.length === 1 ? 'all' : 'some'} x${e.workloadPairs}`,
      );
    expect(betweenPolicies).toEqual([
      'networkpolicy/shop/default-deny-ingress -> networkpolicy/shop/default-deny-ingress all x12',
      'networkpolicy/shop/default-deny-ingress -> networkpolicy/shop/allow-same-namespace all x12',
      'networkpolicy/shop/allow-same-namespace -> networkpolicy/shop/default-deny-ingress all x12',
      'networkpolicy/shop/allow-same-namespace -> networkpolicy/shop/allow-same-namespace all x12',
    ]);
    // Only shop's own pods may enter shop.
    expect(from(unpackSegmentEdges(graph), 'billing').some((e) => e.startsWith('namespace/shop'))).toBe(
      false,
    );
  });

  it('joins the security-group segment graph', () => {
    const estate = clusterOnly(clusterWith(fixture('recipes/deny-all-ingress/policies.yaml')));
    const graph = aggregateBySegment(estate, { classes: [], edges: new ClassEdgeList(), protocols: [] });
    expect(graph.segments.map((s) => s.groupId)).toEqual([
      'namespace/shop',
      'namespace/billing',
      'namespace/kube-system',
      'namespace/monitoring',
      'networkpolicy/shop/default-deny-ingress',
    ]);
    expect(unpackSegmentEdges(graph).some((e) => e.toGroup === 'namespace/shop')).toBe(false);
    expect(unpackSegmentEdges(graph).some((e) => e.fromGroup === 'namespace/shop')).toBe(true);
  });
});
