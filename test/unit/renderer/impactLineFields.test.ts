import { describe, expect, it } from 'vitest';
import { entryDraftOf, portsOf, ruleDraftOf } from '../../../renderer/src/components/impact/lineFields';

describe('rule and entry lines read back into what-if forms', () => {
  it('reads the lines the topology writes', () => {
    expect(ruleDraftOf('ingress tcp/5432 from sg-0cf7caca1e2b8e64e')).toEqual({
      protocol: 'tcp',
      fromPort: '5432',
      toPort: '5432',
      peer: 'sg-0cf7caca1e2b8e64e',
    });
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
    expect(ruleDraftOf('ingress icmp from 10.0.0.0/8')).toMatchObject({ protocol: 'icmp', fromPort: '' });
    expect(entryDraftOf('#100 inbound deny tcp/443 from 0.0.0.0/0')).toEqual({
      protocol: 'tcp',
      fromPort: '443',
      toPort: '443',
      peer: '0.0.0.0/0',
      action: 'deny',
    });
  });

  it('gives ports to tcp and udp, the single port as both ends, and icmp every type and code', () => {
    expect(portsOf({ protocol: 'tcp', fromPort: '443', toPort: '', peer: '' })).toEqual({
      fromPort: 443,
      toPort: 443,
    });
    expect(portsOf({ protocol: '-1', fromPort: '443', toPort: '', peer: '' })).toEqual({
      fromPort: null,
      toPort: null,
    });
    expect(portsOf({ protocol: 'icmp', fromPort: '', toPort: '', peer: '' })).toEqual({
      fromPort: -1,
      toPort: -1,
    });
  });
});
