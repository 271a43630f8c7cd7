import { describe, expect, it } from 'vitest';
import {
  draftProblem,
  emptyRuleDraft,
  entryDraftOf,
  entryFields,
  portsOf,
  ruleDraftOf,
  ruleFields,
  sameDraft,
} from '../../../renderer/src/components/impact/lineFields';
import { entryTrafficText, trafficText } from '../../../renderer/src/format';

const draft = (fields: Partial<typeof emptyRuleDraft>) => ({ ...emptyRuleDraft, ...fields });

describe('rule and entry lines read back into what-if forms', () => {
  it('reads the lines the topology writes', () => {
    expect(ruleDraftOf('ingress tcp/5432 from sg-0cf7caca1e2b8e64e')).toEqual(
      draft({ protocol: 'tcp', fromPort: '5432', toPort: '5432', peer: 'sg-0cf7caca1e2b8e64e' }),
    );
    expect(ruleDraftOf('egress all traffic to 0.0.0.0/0')).toMatchObject({
      protocol: '-1',
      peer: '0.0.0.0/0',
    });
    expect(ruleDraftOf('ingress udp all ports from 10.0.0.0/8')).toMatchObject({
      fromPort: '0',
      toPort: '65535',
    });
    expect(ruleDraftOf('ingress tcp/8000-8100 from pl-1')).toMatchObject({
      fromPort: '8000',
      toPort: '8100',
    });
    expect(entryDraftOf('#100 inbound deny tcp/443 from 0.0.0.0/0')).toEqual({
      ...draft({ protocol: 'tcp', fromPort: '443', toPort: '443', peer: '0.0.0.0/0' }),
      action: 'deny',
    });
  });

  it('reads an ICMP rule’s type and code, so an edit keeps them (audit P3 #2)', () => {
    // The sample's bastion admits echo requests only: FromPort 8, ToPort -1.
    const echo = ruleDraftOf('ingress icmp type 8 from pl-0160305a5dae363e7');
    expect(echo).toMatchObject({ protocol: 'icmp', icmpType: '8', icmpCode: '' });
    expect(ruleFields(echo)).toEqual({
      protocol: 'icmp',
      fromPort: 8,
      toPort: -1,
      peer: 'pl-0160305a5dae363e7',
    });
    // Changing only the peer keeps the type.
    expect(ruleFields({ ...echo, peer: '198.51.100.0/24' })).toMatchObject({ fromPort: 8, toPort: -1 });
    expect(ruleFields(ruleDraftOf('ingress icmp type 3 code 4 from 10.0.0.0/8'))).toMatchObject({
      fromPort: 3,
      toPort: 4,
    });
    expect(ruleFields(ruleDraftOf('egress icmpv6 all types to ::/0'))).toMatchObject({
      protocol: 'icmpv6',
      fromPort: -1,
      toPort: -1,
    });
    const entry = entryDraftOf('#110 inbound allow icmp type 0 from 10.0.0.0/8');
    expect(entryFields(entry)).toEqual({
      protocol: 'icmp',
      action: 'allow',
      cidr: '10.0.0.0/8',
      icmpType: 0,
      icmpCode: -1,
    });
  });

  it('writes back the line it read, for every kind of traffic', () => {
    for (const text of [
      'tcp/5432',
      'tcp/8000-8100',
      'udp all ports',
      'all traffic',
      'icmp type 8',
      'icmp type 3 code 4',
      'icmpv6 all types',
      '50',
    ]) {
      const fields = ruleFields(ruleDraftOf(`ingress ${text} from 10.0.0.0/8`));
      expect(trafficText(fields.protocol, fields.fromPort, fields.toPort)).toBe(text);
      expect(entryTrafficText(entryFields(entryDraftOf(`#100 inbound allow ${text} from 10.0.0.0/8`)))).toBe(
        text,
      );
    }
  });

  it('tells an untouched form from an edited one', () => {
    const echo = { ...ruleDraftOf('ingress icmp type 8 from pl-1'), action: 'allow' as const };
    expect(sameDraft(echo, { ...echo })).toBe(true);
    expect(sameDraft(echo, { ...echo, icmpType: '0' })).toBe(false);
  });

  it('gives ports to tcp and udp, the single port as both ends, and icmp every type and code when empty', () => {
    expect(portsOf(draft({ protocol: 'tcp', fromPort: '443' }))).toEqual({ fromPort: 443, toPort: 443 });
    expect(portsOf(draft({ protocol: '-1', fromPort: '443' }))).toEqual({ fromPort: null, toPort: null });
    expect(portsOf(draft({ protocol: 'icmp' }))).toEqual({ fromPort: -1, toPort: -1 });
  });

  it('refuses a port outside 0-65535 and an ICMP type outside 0-255 before the API is asked (audit P3 #4)', () => {
    expect(draftProblem(draft({ protocol: 'tcp', fromPort: '70000' }))).toBe(
      'From port "70000" is not a port: a port is a whole number 0-65535.',
    );
    expect(draftProblem(draft({ protocol: 'tcp', fromPort: '-5' }))).toMatch(/^From port "-5"/);
    expect(draftProblem(draft({ protocol: 'udp', fromPort: '53', toPort: 'x' }))).toMatch(/^To port "x"/);
    expect(draftProblem(draft({ protocol: 'tcp', fromPort: '0', toPort: '65535' }))).toBeNull();
    expect(draftProblem(draft({ protocol: 'icmp', icmpType: '256' }))).toMatch(/^ICMP type "256"/);
    expect(draftProblem(draft({ protocol: 'icmp', icmpCode: '4' }))).toMatch(/needs its type/);
    expect(draftProblem(draft({ protocol: 'icmp', icmpType: '3', icmpCode: '4' }))).toBeNull();
    // Other protocols have no ports: whatever the hidden fields hold is not sent.
    expect(draftProblem(draft({ protocol: '-1', fromPort: '70000' }))).toBeNull();
  });
});
