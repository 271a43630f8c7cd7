import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { clusterOnly, clusterWith, fixture, labelModel } from '../kubernetes/files';
import { declared } from './declared';

/** The fixture cluster under shop's default-deny-ingress, with storefront → order-api and payments → orders-db declared. */
function denyAllIngress(): FindingContext {
  const estate: Estate = clusterOnly(clusterWith(fixture('recipes/deny-all-ingress/policies.yaml')));
  const model = labelModel(estate);
  const applications = {
    ...model,
    dependencies: [declared('storefront', 'order-api', 8080), declared('payments', 'orders-db', 5432)],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('blocked dependencies between pods', () => {
  it('names the isolating policy and suggests the NetworkPolicy that would admit the callers', () => {
    const [storefront, payments] = blockedDependencies(denyAllIngress());
    expect(storefront).toMatchObject({
      id: 'blocked-dependency:storefront:order-api:tcp/8080',
      severity: 'high',
      evidence: { figures: { workloadPairs: 2, deniedPairs: 2 } },
      suggestion:
        'add a NetworkPolicy in namespace shop with podSelector {app: api, app.kubernetes.io/name: order-api, ' +
        'app.kubernetes.io/part-of: shop, pod-template-hash: 5f6d7c8b9} and an ingress rule from podSelector ' +
        '{app: web, app.kubernetes.io/name: storefront, app.kubernetes.io/part-of: shop, pod-template-hash: 7d4b9c6f5} on TCP 8080',
    });
    expect(storefront?.evidence.rules).toContainEqual(
      expect.objectContaining({
        kind: 'network-policy-rule',
        namespace: 'shop',
        policy: 'default-deny-ingress',
      }),
    );
    // The caller lives in another namespace: the rule needs a namespace selector too.
    expect(payments?.suggestion).toContain(
      'namespaceSelector {kubernetes.io/metadata.name: billing} on TCP 5432',
    );
  });
});
