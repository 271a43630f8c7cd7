import { describe, expect, it } from 'vitest';
import { decidingRuleText } from '../../../main/core/analysis/decidingRuleText';

const rule = (protocol: string, fromPort: number | null, toPort: number | null) =>
  decidingRuleText({
    kind: 'security-group-rule',
    groupId: 'sg-1',
    ruleKey: 'sg-1/ingress/0/0',
    direction: 'ingress',
    protocol,
    fromPort,
    toPort,
    peer: '::/0',
    source: { file: 'groups.json', path: '$.SecurityGroups[0]' },
  });

describe('a deciding rule on one line', () => {
  it('reads an ICMP rule as its type and code, not a port range', () => {
    expect(rule('icmp', 8, -1)).toBe('sg-1 ingress icmp type 8 from ::/0');
    expect(rule('icmp', 3, 4)).toBe('sg-1 ingress icmp type 3 code 4 from ::/0');
    expect(rule('icmpv6', -1, -1)).toBe('sg-1 ingress icmpv6 all types from ::/0');
    expect(rule('tcp', 22, 22)).toBe('sg-1 ingress tcp 22-22 from ::/0');
    expect(rule('50', null, null)).toBe('sg-1 ingress 50 from ::/0');
  });
});
