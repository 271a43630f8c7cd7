import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import type { Pod } from '../../../main/core/domain/kubernetes';
import { FindingContext } from '../../../main/core/findings/context';
import { namespaceFindings } from '../../../main/core/findings/kubernetes/namespaces';
import { policyFindings } from '../../../main/core/findings/kubernetes/policies';
import type { Finding } from '../../../main/core/findings/types';
import { clusterOnly, clusterWith, fixture, labelModel, textFile } from '../kubernetes/files';
import { declared } from './declared';

/** billing admits shop's namespace (rule 0, used by order-api → payments) and monitoring on 9090 (rule 1, used by nothing). */
const billingPolicy = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-callers
  namespace: billing
spec:
  podSelector:
    matchLabels:
      app: pay
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: shop
  - from:
    - namespaceSelector:
        matchLabels:
          purpose: monitoring
    ports:
    - port: 9090
`;

/**
 * The fixture cluster, shop isolated to its own namespace (allow-same-namespace recipe) and billing
 * by the policy above. Pods get a team label of their namespace, and shop's web pods are app web of
 * team web: shop's namespace-wide policies then serve two apps of two owners.
 */
function cluster(): FindingContext {
  const kubernetes = clusterWith(
    fixture('recipes/allow-same-namespace/policies.yaml'),
    textFile('billing.yaml', billingPolicy),
  );
  const relabelled = kubernetes.pods.map((pod) => {
    const web = pod.labels.app === 'web';
    return {
      ...pod,
      labels: {
        ...pod.labels,
        team: web ? 'web' : pod.namespace,
        ...(web ? { 'app.kubernetes.io/part-of': 'web' } : {}),
      },
    };
  });
  const estate: Estate = clusterOnly({ ...kubernetes, pods: relabelled });
  const model = labelModel(estate);
  const applications = {
    ...model,
    dependencies: [
      declared('storefront', 'order-api', 8080),
      declared('order-api', 'orders-db', 5432),
      declared('order-api', 'payments', 8443),
    ],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

const clusterFindings = (ctx: FindingContext) => [...namespaceFindings(ctx), ...policyFindings(ctx)];

describe('NetworkPolicy findings', () => {
  const found = clusterFindings(cluster());
  const byId = (id: string) => found.find((f) => f.id === id);

  it('lists each problem once, and nothing for the rules dependencies need or unassigned pods', () => {
    expect(found.map((f) => `${f.id} ${f.severity}`).sort()).toEqual([
      'over-permissive:billing/allow-callers/ingress/0 medium',
      'over-permissive:namespace/monitoring/ingress medium',
      'over-permissive:shop/allow-same-namespace/ingress/0 medium',
      'shared-segment:networkpolicy/shop/allow-same-namespace medium',
      'shared-segment:networkpolicy/shop/default-deny-ingress medium',
      'unused-rule:billing/allow-callers/ingress/1 low',
    ]);
  });

  it('reports a namespace no ingress policy isolates, with the apps that could connect', () => {
    expect(byId('over-permissive:namespace/monitoring/ingress')).toMatchObject({
      owners: ['monitoring'],
      objects: expect.arrayContaining([
        { type: 'namespace', id: 'namespace/monitoring', label: 'namespace monitoring' },
      ]),
      evidence: { figures: { pods: 1, podPairs: 6, unneededAppPairs: 3 } },
    });
    expect(byId('over-permissive:namespace/monitoring/ingress')?.explanation).toContain('shop → prometheus');
  });

  it('reports a used rule that also admits an app with no dependency (web, via the shop-team namespace)', () => {
    const rule = byId('over-permissive:billing/allow-callers/ingress/0');
    expect(rule?.explanation).toContain('web → billing');
    expect(rule?.evidence.rules).toEqual([
      expect.objectContaining({
        kind: 'network-policy-rule',
        namespace: 'billing',
        policy: 'allow-callers',
        ruleIndex: 0,
      }),
    ]);
  });

  it('reports the monitoring rule nothing uses, and a namespace-wide policy serving two owners', () => {
    expect(byId('unused-rule:billing/allow-callers/ingress/1')?.evidence.figures).toEqual({
      pods: 1,
      peerPods: 1,
      dependencyPairs: 0,
    });
    expect(byId('shared-segment:networkpolicy/shop/default-deny-ingress')).toMatchObject({
      owners: ['shop', 'web'],
      evidence: { figures: { apps: 2, owners: 2, pods: 4 } },
    });
  });
});

describe('namespace ownership', () => {
  /** Every pod relabelled by `relabel`; the monitoring namespace labelled team platform. */
  function owned(relabel: (pod: Pod) => Record<string, string>): Finding[] {
    const kubernetes = clusterWith();
    const estate = clusterOnly({
      ...kubernetes,
      pods: kubernetes.pods.map((pod) => ({ ...pod, labels: { ...pod.labels, ...relabel(pod) } })),
      namespaces: kubernetes.namespaces.map((n) =>
        n.name === 'monitoring' ? { ...n, labels: { ...n.labels, team: 'platform' } } : n,
      ),
    });
    const model = labelModel(estate);
    return clusterFindings(new FindingContext(estate, model, defaultTagKeys));
  }

  it('finds a namespace labelled for a team that owns none of its apps', () => {
    const found = owned((pod) => ({ team: pod.namespace }));
    expect(found.filter((f) => f.kind === 'owner-mismatch')).toMatchObject([
      {
        id: 'owner-mismatch:namespace/monitoring,prometheus',
        severity: 'medium',
        owners: ['monitoring', 'platform'],
        suggestion: expect.stringContaining('relabel namespace monitoring with owner monitoring'),
      },
    ]);
    expect(found.some((f) => f.kind === 'fragmented-application')).toBe(false);
  });

  it('finds an app whose pods run in namespaces of three other teams', () => {
    const found = owned(() => ({ 'app.kubernetes.io/part-of': 'sprawl', team: 'core' }));
    expect(found.filter((f) => f.kind === 'fragmented-application')).toMatchObject([
      {
        id: 'fragmented-application:sprawl,namespace/billing,namespace/monitoring,namespace/shop',
        severity: 'medium',
        owners: ['billing', 'core', 'platform', 'shop'],
        evidence: { figures: { foreignNamespaces: 3, foreignOwners: 3 } },
      },
    ]);
  });
});
