import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { clusterOnly, clusterWith, fixture, labelModel } from '../kubernetes/files';
import { declared } from './declared';

/** The fixture cluster under shop's default-deny-ingress, with storefront → order-api and payments → orders-db declared. */
function denyAllIngress(
  dependencies = [declared('storefront', 'order-api', 8080), declared('payments', 'orders-db', 5432)],
): FindingContext {
  const estate: Estate = clusterOnly(clusterWith(fixture('recipes/deny-all-ingress/policies.yaml')));
  return new FindingContext(estate, { ...labelModel(estate), dependencies }, defaultTagKeys);
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

  it('cannot tell of an ICMP or GRE dependency: NetworkPolicy leaves other protocols than TCP, UDP and SCTP undefined', () => {
    const ping = { ...declared('storefront', 'order-api', 0), protocol: 'icmp', port: null };
    const gre = { ...declared('storefront', 'order-api', 0), protocol: '47', port: null };
    const findings = blockedDependencies(denyAllIngress([ping, gre]));
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(finding).toMatchObject({ severity: 'medium', suggestion: null });
      expect(finding.title).toMatch(
        /^Cannot tell whether storefront → order-api (icmp|47) is allowed on 2 of 2/,
      );
      expect(finding.explanation).toContain(
        'For other protocols, such as ARP or ICMP, the behaviour is undefined',
      );
      expect(finding.explanation).toContain("the plugin's documentation, or a test on the cluster, tells");
      expect(finding.explanation).not.toContain('prefix list');
    }
  });
});
