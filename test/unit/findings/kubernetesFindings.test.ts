import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import type { KubernetesFile } from '../../../main/core/kubernetes';
import { clusterOnly, clusterWith, fixture, labelModel, textFile } from '../kubernetes/files';
import { declared } from './declared';

/** The fixture cluster under shop's default-deny-ingress, with storefront → order-api and payments → orders-db declared. */
function denyAllIngress(
  dependencies = [declared('storefront', 'order-api', 8080), declared('payments', 'orders-db', 5432)],
  ...more: KubernetesFile[]
): FindingContext {
  const estate: Estate = clusterOnly(clusterWith(fixture('recipes/deny-all-ingress/policies.yaml'), ...more));
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

  it('a host-network client: allowed on its own node, "cannot tell" on another, never a podSelector fix', () => {
    // The fixture's pods, order-api's among them, run on node-a (10.0.1.15).
    const logAgent = (node: string, ip: string) =>
      textFile(
        'agent.yaml',
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: log-agent-x1\n  namespace: shop\n  labels: {app.kubernetes.io/name: log-agent, app.kubernetes.io/part-of: shop}\nspec:\n  nodeName: ${node}\n  hostNetwork: true\n  containers: [{name: agent}]\nstatus: {phase: Running, hostIP: ${ip}, podIP: ${ip}}\n`,
      );
    const dependency = [declared('log-agent', 'order-api', 8080)];
    expect(blockedDependencies(denyAllIngress(dependency, logAgent('node-a', '10.0.1.15')))).toEqual([]);
    const [elsewhere] = blockedDependencies(denyAllIngress(dependency, logAgent('node-b', '10.0.2.20')));
    expect(elsewhere).toMatchObject({ severity: 'medium', suggestion: null });
    expect(elsewhere?.explanation).toContain('but that is traffic with a node other than its own');
  });
});
