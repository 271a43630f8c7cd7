import { describe, expect, it } from 'vitest';
import { NetworkPolicies, podPeer, portsAllowedBy } from '../../../main/core/kubernetes/networkPolicy';
import { flowProtocolOf } from '../../../main/core/kubernetes/protocol';
import { clusterWith, fixture, recipeNames } from './files';

const ports = [53, 80, 443, 5432, 8080, 8443, 9090, 9153, 31999, 32000, 32768, 32769];

/**
 * The segment graph asks for every port at once (allowingRules, portsAllowedBy); a check asks for one (decide). Both
 * must say the same of every pod pair of every recipe, wherever the check is decided.
 */
describe.each(recipeNames())('the ports segments claim agree with single checks on recipe %s', (recipe) => {
  const estate = clusterWith(fixture(`recipes/${recipe}/policies.yaml`));
  const policies = new NetworkPolicies(estate);

  it('for every pod pair, direction, protocol and port', () => {
    let compared = 0;
    for (const a of estate.pods) {
      for (const b of estate.pods) {
        for (const protocol of ['TCP', 'UDP'] as const) {
          const egress = portsAllowedBy(
            policies.allowingRules(a, 'egress', podPeer(b)),
            podPeer(b),
            protocol,
          );
          const ingress = portsAllowedBy(
            policies.allowingRules(b, 'ingress', podPeer(a)),
            podPeer(b),
            protocol,
          );
          for (const port of ports) {
            const traffic = { protocol: flowProtocolOf(protocol), port };
            const out = policies.decide(a, 'egress', podPeer(b), traffic).verdict;
            const into = policies.decide(b, 'ingress', podPeer(a), traffic).verdict;
            const where = `${a.name} -> ${b.name} ${protocol}/${port}`;
            if (out !== 'unknown')
              expect(`${where} ${egress.contains(port)}`).toBe(`${where} ${out === 'allow'}`);
            if (into !== 'unknown')
              expect(`${where} ${ingress.contains(port)}`).toBe(`${where} ${into === 'allow'}`);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(estate.pods.length ** 2 * 2 * ports.length);
  });

  // The findings ask rule by rule (ruleSurelyAllows) to avoid deciding every rule per pod pair.
  it('one rule at a time says what allowingRules says of it', () => {
    for (const policy of estate.networkPolicies) {
      for (const direction of ['ingress', 'egress'] as const) {
        const type = direction === 'ingress' ? 'Ingress' : 'Egress';
        const selected = estate.pods.filter((pod) => policies.selecting(pod, type).includes(policy));
        for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
          for (const pod of selected) {
            for (const peer of estate.pods) {
              const all = policies.allowingRules(pod, direction, podPeer(peer))?.includes(rule) ?? false;
              const one = policies.ruleSurelyAllows(pod, policy, rule, podPeer(peer));
              expect(`${policy.name} ${pod.name} ${peer.name} ${one}`).toBe(
                `${policy.name} ${pod.name} ${peer.name} ${all}`,
              );
            }
          }
        }
      }
    }
  });
});
