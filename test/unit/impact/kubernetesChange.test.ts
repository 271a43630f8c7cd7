import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { BadInputError } from '../../../main/core/domain/errors';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit, PolicyManifest } from '../../../main/core/impact/change';
import { compareImpact } from '../../../main/core/impact/requests';
import type { ImpactReport } from '../../../main/core/impact/types';
import { clusterWith, fixture, textFile } from '../kubernetes/files';
import { clusterImpact, clusterSide, impactFixture } from './cluster';
import { shopEstate } from './shop';

const denyAllIngress: PolicyManifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny-ingress', namespace: 'shop' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

const impactOf = (edits: ChangeEdit[], ...files: Parameters<typeof clusterWith>) =>
  clusterImpact(clusterWith(...files), { title: 'Kubernetes change', edits });

const dependency = (report: ImpactReport, from: string, to: string) =>
  report.dependencies.find((d) => d.from === from && d.to === to);

function refusal(edits: ChangeEdit[], ...files: Parameters<typeof clusterWith>): BadInputError {
  try {
    impactOf(edits, ...files);
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('the change was accepted');
}

describe('NetworkPolicy edits in a change', () => {
  it('adding deny-all ingress in shop breaks the dependencies into shop, citing the proposed policy', () => {
    const report = impactOf([{ op: 'add-network-policy', policy: denyAllIngress }]);
    const storefront = dependency(report, 'storefront', 'order-api');
    expect(storefront).toMatchObject({ effect: 'breaks', workloadPairs: 2, newlyBlocked: 2 });
    expect(storefront?.examples[0]).toMatchObject({
      source: 'shop/web-7d4b9c6f5-x2x9k',
      destination: 'shop/api-5f6d7c8b9-k8s7q',
      before: true,
      after: false,
      layers: ['k8s-ingress'],
      rules: [
        {
          kind: 'network-policy-rule',
          namespace: 'shop',
          policy: 'default-deny-ingress',
          ruleIndex: null,
          source: { file: 'CHANGE.json', path: '$.edits[0].policy' },
        },
      ],
    });
    expect(dependency(report, 'order-api', 'orders-db')?.effect).toBe('breaks');
    // payments is in billing: the shop policy does not select it.
    expect(dependency(report, 'order-api', 'payments')).toBeUndefined();
    expect(report.figures.dependenciesBroken).toBe(2);
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons).toContain(
      '4 pods become isolated for ingress (shop/web-7d4b9c6f5-x2x9k, shop/web-7d4b9c6f5-q9w2e, shop/api-5f6d7c8b9-k8s7q and 1 more): what no NetworkPolicy rule admits stops, needed by a dependency or not',
    );
    expect(report.changes.networkPolicies.added).toEqual([
      {
        id: 'networkpolicy/shop/default-deny-ingress',
        segment: 'namespace/shop',
        text: 'shop/default-deny-ingress: pods {all}; ingress nothing',
      },
    ]);
  });

  it('closes every flow into shop and nothing else, seen by pod class and by namespace', () => {
    const report = impactOf([{ op: 'add-network-policy', policy: denyAllIngress }]);
    expect(report.flows.every((flow) => flow.to.subnetId === 'namespace/shop')).toBe(true);
    expect(report.flows.every((flow) => flow.opened.length === 0 && flow.closed.length > 0)).toBe(true);
    // 7 pods in 6 classes (the two storefront pods are alike); each of the 3 shop classes receives.
    const receivers = new Set(report.flows.map((flow) => flow.to.workloadIds.join()));
    expect([...receivers].sort()).toEqual([
      'shop/api-5f6d7c8b9-k8s7q',
      'shop/db-0',
      'shop/web-7d4b9c6f5-x2x9k,shop/web-7d4b9c6f5-q9w2e',
    ]);
    const toApi = report.flows.find(
      (flow) =>
        flow.protocol === 'tcp' &&
        flow.from.workloadIds.length === 2 &&
        flow.to.workloadIds[0] === 'shop/api-5f6d7c8b9-k8s7q',
    );
    expect(toApi?.neededBy).toEqual(['storefront → order-api tcp/8080']);
    expect(toApi?.to.groupIds).toEqual(['networkpolicy/shop/default-deny-ingress']);
    // 6 pods outside shop or in it send to each of 4 shop pods, minus each pod to itself: 7*4 - 4.
    const namespaces = report.segments.filter((s) => s.toGroup === 'namespace/shop' && s.protocol === 'tcp');
    expect(namespaces.map((s) => s.fromGroup).sort()).toEqual([
      'namespace/billing',
      'namespace/kube-system',
      'namespace/monitoring',
      'namespace/shop',
    ]);
    expect(namespaces.reduce((sum, s) => sum + s.workloadPairs, 0)).toBe(7 * 4 - 4);
    expect(report.segmentNames['namespace/shop']).toBe('shop');
  });

  it('asks the owners (team label) of the edited namespace and of those whose flows close', () => {
    const report = impactOf([{ op: 'add-network-policy', policy: denyAllIngress }]);
    const shop = report.approvers.find((a) => a.owner === 'shop');
    expect(shop?.reasons).toEqual([
      'namespace shop: NetworkPolicies or pod labels edited',
      'namespace shop: flows close',
      'networkpolicy shop/default-deny-ingress: edited',
    ]);
    // billing sends into shop, so its namespace's owner hears that its flows close.
    expect(report.approvers.find((a) => a.owner === 'billing')?.reasons).toEqual([
      'namespace billing: flows close',
    ]);
  });

  it('removing the deny-all policy restores the dependencies', () => {
    const report = impactOf(
      [{ op: 'remove-network-policy', namespace: 'shop', name: 'default-deny-ingress' }],
      fixture('recipes/deny-all-ingress/policies.yaml'),
    );
    expect(dependency(report, 'storefront', 'order-api')).toMatchObject({
      effect: 'restored',
      newlyAllowed: 2,
    });
    expect(dependency(report, 'order-api', 'orders-db')?.effect).toBe('restored');
    expect(report.figures.dependenciesBroken).toBe(0);
    expect(report.flows.every((flow) => flow.closed.length === 0 && flow.opened.length > 0)).toBe(true);
    expect(report.changes.networkPolicies.removed.map((p) => p.id)).toEqual([
      'networkpolicy/shop/default-deny-ingress',
    ]);
  });

  it('replacing a policy to admit only a labelled namespace closes exactly the other pairs', () => {
    const onlyFromShop: PolicyManifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'pay-ingress', namespace: 'billing' },
      spec: {
        podSelector: { matchLabels: { app: 'pay' } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }], ports: [{ port: 8443 }] },
        ],
      },
    };
    const report = impactOf(
      [{ op: 'replace-network-policy', namespace: 'billing', name: 'pay-ingress', policy: onlyFromShop }],
      impactFixture('allow-all-to-pay.yaml'),
    );
    const closed = report.flows.map((flow) => [
      flow.from.workloadIds.join(),
      flow.to.workloadIds.join(),
      flow.protocol,
      flow.closed.map((r) => `${r.from}-${r.to}`).join(' '),
    ]);
    const shopTcp = '0-8442 8444-65535';
    expect(closed.sort()).toEqual(
      [
        ['kube-system/coredns-5d78c9869d-7kx2p', 'tcp', '0-65535'],
        ['kube-system/coredns-5d78c9869d-7kx2p', 'udp', '0-65535'],
        ['kube-system/coredns-5d78c9869d-7kx2p', '132', '0-65535'],
        ['monitoring/prometheus-0', 'tcp', '0-65535'],
        ['monitoring/prometheus-0', 'udp', '0-65535'],
        ['monitoring/prometheus-0', '132', '0-65535'],
        ['shop/api-5f6d7c8b9-k8s7q', 'tcp', shopTcp],
        ['shop/api-5f6d7c8b9-k8s7q', 'udp', '0-65535'],
        ['shop/api-5f6d7c8b9-k8s7q', '132', '0-65535'],
        ['shop/db-0', 'tcp', shopTcp],
        ['shop/db-0', 'udp', '0-65535'],
        ['shop/db-0', '132', '0-65535'],
        ['shop/web-7d4b9c6f5-x2x9k,shop/web-7d4b9c6f5-q9w2e', 'tcp', shopTcp],
        ['shop/web-7d4b9c6f5-x2x9k,shop/web-7d4b9c6f5-q9w2e', 'udp', '0-65535'],
        ['shop/web-7d4b9c6f5-x2x9k,shop/web-7d4b9c6f5-q9w2e', '132', '0-65535'],
      ]
        .map(([from, protocol, ports]) => [from, 'billing/pay-6c9d8f7b5-zzq2w', protocol, ports])
        .sort(),
    );
    // order-api still reaches payments on 8443: no dependency changes, nothing breaks; pay was isolated already.
    expect(report.dependencies).toEqual([]);
    expect(report.risk).toEqual({
      level: 'low',
      reasons: ['no dependency breaks, nothing is exposed and nothing opens that no dependency needs'],
    });
    expect(report.changes.networkPolicies.changed).toEqual([
      {
        id: 'networkpolicy/billing/pay-ingress',
        segment: 'namespace/billing',
        before: 'billing/pay-ingress: pods {app=pay}; ingress from anywhere on every port',
        after:
          'billing/pay-ingress: pods {app=pay}; ingress from all pods in namespaces {team=shop} on tcp/8443',
      },
    ]);
  });

  it('a pod inside an ipBlock is undecidable: its port becomes undecidable, not closed', () => {
    const fromPodRange: PolicyManifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'pay-from-pod-range', namespace: 'billing' },
      spec: {
        podSelector: { matchLabels: { app: 'pay' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ port: 8443 }] }],
      },
    };
    const report = impactOf([{ op: 'add-network-policy', policy: fromPodRange }]);
    expect(dependency(report, 'order-api', 'payments')).toMatchObject({
      effect: 'may-break',
      newlyUnknown: 1,
    });
    const fromApi = report.flows.find(
      (flow) => flow.protocol === 'tcp' && flow.from.workloadIds.join() === 'shop/api-5f6d7c8b9-k8s7q',
    );
    expect(fromApi).toMatchObject({
      opened: [],
      closed: [
        { from: 0, to: 8442 },
        { from: 8444, to: 65535 },
      ],
      undecided: [{ from: 8443, to: 8443 }],
      neededBy: ['order-api → payments tcp/8443'],
    });
    expect(report.risk).toMatchObject({ level: 'medium' });
  });

  it('pod labels decide selection: relabelling storefront lets it through a policy on order-api', () => {
    const onlyFrontends: PolicyManifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api-from-frontends', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 8080 }] },
        ],
      },
    };
    const add: ChangeEdit = { op: 'add-network-policy', policy: onlyFrontends };
    expect(dependency(impactOf([add]), 'storefront', 'order-api')?.effect).toBe('breaks');
    const relabelled = impactOf([
      add,
      { op: 'set-pod-labels', namespace: 'shop', workload: 'web', labels: { role: 'frontend' } },
    ]);
    expect(dependency(relabelled, 'storefront', 'order-api')).toBeUndefined();
    expect(relabelled.changes.pods.map((pod) => [pod.podId, pod.text])).toEqual([
      ['shop/web-7d4b9c6f5-x2x9k', 'labels +role=frontend'],
      ['shop/web-7d4b9c6f5-q9w2e', 'labels +role=frontend'],
    ]);
  });
});

describe('two snapshots of a cluster', () => {
  it('compares policies and pods as a change does: a policy added since breaks the dependencies', () => {
    const older = clusterSide(clusterWith());
    const newer = clusterSide(clusterWith(fixture('recipes/deny-all-ingress/policies.yaml')), 2);
    const report = compareImpact(older, newer, defaultTagKeys);
    expect(dependency(report, 'storefront', 'order-api')?.effect).toBe('breaks');
    expect(report.changes.networkPolicies.added.map((p) => p.id)).toEqual([
      'networkpolicy/shop/default-deny-ingress',
    ]);
    expect(report.changes.pods).toEqual([]);
  });
});

describe('two snapshots whose cluster differs only in the order of sets', () => {
  type Order = <T>(items: T[]) => T[];
  const list = (order: Order, items: string[]) => `[${order(items).join(', ')}]`;
  const policy = (order: Order, port: number) => {
    const values = list(order, ['prod', 'staging']);
    const expressions = list(order, [
      `{key: env, operator: In, values: ${values}}`,
      '{key: canary, operator: DoesNotExist}',
    ]);
    const peers = list(order, [
      '{podSelector: {matchLabels: {app: storefront}}}',
      '{namespaceSelector: {matchLabels: {team: billing}}}',
    ]);
    const ports = list(order, ['{port: 8080}', `{port: ${port}}`]);
    const except = list(order, ['10.1.0.0/16', '10.2.0.0/16']);
    const rules = list(order, [
      `{from: ${peers}, ports: ${ports}}`,
      `{from: [{ipBlock: {cidr: 10.0.0.0/8, except: ${except}}}]}`,
    ]);
    return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector:
    matchLabels: {${order(['app: order-api', 'tier: backend']).join(', ')}}
    matchExpressions: ${expressions}
  ingress: ${rules}
`;
  };
  const written: Order = (items) => items;
  const reversed: Order = (items) => [...items].reverse();
  const cluster = (order: Order, port = 8443) => {
    const estate = clusterWith(textFile('policy.yaml', policy(order, port)));
    return { ...estate, pods: estate.pods.map((pod) => ({ ...pod, ports: order([...pod.ports]) })) };
  };

  it('reports nothing: rules, peers, ports, selector terms and container ports are sets', () => {
    expect(cluster(written).pods.some((pod) => pod.ports.length > 1)).toBe(true);
    const report = compareImpact(
      clusterSide(cluster(written)),
      clusterSide(cluster(reversed), 2),
      defaultTagKeys,
    );
    expect(report.changes.networkPolicies).toEqual({ added: [], removed: [], changed: [] });
    expect(report.changes.pods).toEqual([]);
    expect(report.approvers).toEqual([]);
    expect(report.risk.level).toBe('low');
    expect(report.figures.workloadsAffected).toBe(0);
  });

  it('shows a real edit as each snapshot wrote the policy', () => {
    const report = compareImpact(
      clusterSide(cluster(written)),
      clusterSide(cluster(reversed, 9443), 2),
      defaultTagKeys,
    );
    expect(report.changes.networkPolicies.changed.map(({ before, after }) => [before, after])).toEqual([
      [
        expect.stringContaining(
          'ingress from pods {app=storefront} of its namespace or all pods in namespaces {team=billing} on tcp/8080, tcp/8443; ingress from 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16',
        ),
        expect.stringContaining(
          'ingress from 10.0.0.0/8 except 10.2.0.0/16, 10.1.0.0/16 on every port; ingress from all pods in namespaces {team=billing} or pods {app=storefront} of its namespace on tcp/9443, tcp/8080',
        ),
      ],
    ]);
  });
});

describe('refused NetworkPolicy edits name their place in CHANGE.json', () => {
  it('a manifest the importer refuses, at the field', () => {
    const policy = {
      ...denyAllIngress,
      spec: { podSelector: {}, ingress: [{ ports: [{ port: '80' }] }] },
    };
    const error = refusal(
      [
        { op: 'remove-network-policy', namespace: 'shop', name: 'default-deny-ingress' },
        { op: 'add-network-policy', policy },
      ],
      fixture('recipes/deny-all-ingress/policies.yaml'),
    );
    expect(error.place).toBe('$.edits[1].policy.spec.ingress[0].ports[0].port');
    expect(error.message).toMatch(
      /^CHANGE\.json \$\.edits\[1\]\.policy\.spec\.ingress\[0\]\.ports\[0\]\.port: expected a port number or a port name/,
    );
  });

  it('a snapshot without a cluster', async () => {
    const estate = await shopEstate();
    expect(() =>
      applyChange(estate, { edits: [{ op: 'add-network-policy', policy: denyAllIngress }] }),
    ).toThrow('CHANGE.json $.edits[0].op: this snapshot holds no Kubernetes objects');
  });

  it('an older API version, as the import refuses it', () => {
    const error = refusal([
      { op: 'add-network-policy', policy: { ...denyAllIngress, apiVersion: 'extensions/v1beta1' } },
    ]);
    expect(error.place).toBe('$.edits[0].policy.apiVersion');
  });

  it('unknown namespaces and policies, and a policy that exists already', () => {
    const elsewhere = { ...denyAllIngress, metadata: { name: 'x', namespace: 'nowhere' } };
    expect(refusal([{ op: 'add-network-policy', policy: elsewhere }]).message).toBe(
      'CHANGE.json $.edits[0].policy.metadata.namespace: no namespace nowhere in this snapshot',
    );
    expect(refusal([{ op: 'remove-network-policy', namespace: 'shop', name: 'nothing' }]).message).toBe(
      'CHANGE.json $.edits[0].name: no NetworkPolicy shop/nothing in this snapshot',
    );
    const twice = refusal([
      { op: 'add-network-policy', policy: denyAllIngress },
      { op: 'add-network-policy', policy: denyAllIngress },
    ]);
    expect(twice.place).toBe('$.edits[1].policy.metadata.name');
  });

  it('a replacement that renames, and labels a controller selector would no longer match', () => {
    const renamed = { ...denyAllIngress, metadata: { name: 'other', namespace: 'shop' } };
    expect(
      refusal(
        [{ op: 'replace-network-policy', namespace: 'shop', name: 'default-deny-ingress', policy: renamed }],
        fixture('recipes/deny-all-ingress/policies.yaml'),
      ).place,
    ).toBe('$.edits[0].policy.metadata');
    const unselected = refusal([
      { op: 'set-pod-labels', namespace: 'shop', workload: 'web', labels: { app: null } },
    ]);
    expect(unselected.message).toBe(
      "CHANGE.json $.edits[0].labels: shop/web's selector would no longer match its pods' labels",
    );
  });
});
