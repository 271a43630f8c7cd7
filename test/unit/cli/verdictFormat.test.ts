import { describe, expect, it } from 'vitest';
import { verdictSummary } from '../../../main/cli/verdictFormat';
import type { FlowVerdict, LayerVerdict } from '../../../main/core/analysis/verdict';

const end = (id: string) => ({ input: id, workloadId: id, address: '10.0.0.1', subnetId: '', vpcId: '' });
const policyRule = {
  kind: 'network-policy-rule',
  namespace: 'shop',
  policy: 'db-any',
  direction: 'ingress',
  ruleIndex: 0,
  source: { file: 'cluster.json', path: '$.items[3]' },
} as const;

const verdict = (allowed: FlowVerdict['allowed'], layer: LayerVerdict): FlowVerdict => ({
  source: end('shop/web'),
  destination: end('shop/db'),
  protocol: 'icmp',
  port: 8,
  allowed,
  explanation: [layer],
});

describe('verdictSummary', () => {
  it('gives an unknown layer’s reason, not the rules that might decide it as if they had', () => {
    const reason = 'whether ingress[0] of shop/db-any admits icmp is up to the network plugin';
    const summary = verdictSummary(
      verdict('unknown', { layer: 'k8s-ingress', verdict: 'unknown', reason, rules: [policyRule] }),
    );
    expect(summary).toBe(`k8s-ingress: ${reason}`);
  });

  it('names the deciding rules of a layer that decided', () => {
    const summary = verdictSummary(
      verdict(true, { layer: 'k8s-ingress', verdict: 'allow', reason: 'allowed', rules: [policyRule] }),
    );
    expect(summary).toMatch(/^k8s-ingress: networkpolicy shop\/db-any ingress\[0\]/);
  });
});
