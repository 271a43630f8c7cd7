import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { clusterImpact, impactFixture } from '../impact/cluster';
import { clusterOnly, clusterWith } from '../kubernetes/files';

const file = 'cluster-plan.json';
const plan = readPlanFile(file, readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file)));
// billing/pay-ingress admits everything to the pay pods; the plan narrows it.
const cluster = clusterWith(impactFixture('allow-all-to-pay.yaml'));

describe('kubernetes_network_policy resources in a plan', () => {
  it('become policy edits matched by namespace and name; unknowns and missing policies are not evaluated', () => {
    const change = planToChange(plan, clusterOnly(cluster), file);
    expect(change.title).toBe('Terraform plan cluster-plan.json: 4 network resource change(s)');
    expect(change.edits.map((edit) => [edit.op, edit.origin])).toEqual([
      ['replace-network-policy', 'kubernetes_network_policy.pay'],
      ['add-network-policy', 'kubernetes_network_policy_v1.shop_deny'],
    ]);
    expect(change.edits[0]).toMatchObject({
      namespace: 'billing',
      name: 'pay-ingress',
      policy: {
        spec: {
          podSelector: { matchLabels: { app: 'pay' }, matchExpressions: [] },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { team: 'shop' }, matchExpressions: [] } }],
              ports: [{ port: 8443, protocol: 'TCP' }],
            },
          ],
        },
      },
    });
    expect(change.notEvaluated).toEqual([
      {
        where: 'kubernetes_network_policy_v1.scrape',
        what: 'metadata.0.namespace is known only after apply (create); what it declares cannot be matched to the snapshot',
      },
      {
        where: 'kubernetes_network_policy_v1.legacy',
        what: 'removes NetworkPolicy shop/legacy, which the snapshot does not have (changed since?)',
      },
    ]);
  });

  it('has the impact of the policies it writes, citing the resource that denies', () => {
    const report = clusterImpact(cluster, planToChange(plan, clusterOnly(cluster), file));
    const storefront = report.dependencies.find((d) => d.from === 'storefront' && d.to === 'order-api');
    expect(storefront?.effect).toBe('breaks');
    expect(storefront?.examples[0]?.rules).toEqual([
      {
        kind: 'network-policy-rule',
        namespace: 'shop',
        policy: 'default-deny-ingress',
        direction: 'ingress',
        ruleIndex: null,
        source: { file, path: 'kubernetes_network_policy_v1.shop_deny' },
      },
    ]);
    // order-api is in shop, so the narrowed billing policy still admits it on 8443.
    expect(report.dependencies.some((d) => d.to === 'payments')).toBe(false);
    expect(report.changes.networkPolicies.changed.map((p) => p.id)).toEqual([
      'networkpolicy/billing/pay-ingress',
    ]);
    expect(report.risk.reasons).toContain('2 parts of the change cannot be evaluated');
  });

  it('a policy the API server would refuse is not evaluated, with the reason', () => {
    const broken = structuredClone(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file), 'utf8')),
    );
    broken.resource_changes[0].change.after.spec[0].policy_types = ['Inbound'];
    const change = planToChange(
      readPlanFile(file, new TextEncoder().encode(JSON.stringify(broken))),
      clusterOnly(cluster),
      file,
    );
    expect(change.edits.map((edit) => edit.origin)).toEqual(['kubernetes_network_policy.pay']);
    expect(change.notEvaluated?.[0]).toEqual({
      where: 'kubernetes_network_policy_v1.shop_deny',
      what: 'declares a NetworkPolicy the API server would refuse: cluster-plan.json kubernetes_network_policy_v1.shop_deny.spec.policyTypes[0]: expected Ingress or Egress, got "Inbound"',
    });
  });
});
