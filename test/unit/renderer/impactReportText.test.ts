import { describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../../preload/contract';
import {
  changeLines,
  count,
  flowLines,
  portsText,
  reachWord,
} from '../../../renderer/src/components/impact/reportText';
import { protocolPort } from '../../../renderer/src/format';

type FlowChange = ImpactReport['flows'][number];

const flow = (from: string[], to: string[], pairs: number): FlowChange => ({
  from: { workloadIds: from, subnetId: 's', groupIds: [], apps: [] },
  to: { workloadIds: to, subnetId: 's', groupIds: [], apps: [] },
  protocol: 'tcp',
  opened: [],
  closed: [{ from: 5432, to: 5432 }],
  undecided: [],
  workloadPairs: pairs,
  neededBy: [],
});

describe('impact panel text', () => {
  it('names one flow’s traffic as the engine’s reasons do', () => {
    expect(protocolPort('tcp', 5432)).toBe('tcp/5432');
    expect(protocolPort('icmp', 8)).toBe('icmp type 8');
    expect(protocolPort('icmpv6', 128)).toBe('icmpv6 type 128');
    expect(protocolPort('50', null)).toBe('protocol 50');
    expect(protocolPort('tcp', null)).toBe('tcp');
  });

  it('badges an added exposure by whether the internet then reaches it', () => {
    const words = ([true, 'unknown', false] as const).map(reachWord);
    expect(words).toEqual(['reachable', 'reachable unless unseen hops stop it', 'latent']);
  });

  it('merges flows that read the same and adds up their pairs', () => {
    const service: Record<string, string> = { a1: 'api', a2: 'api', d1: 'db', d2: 'db', w: 'web' };
    const lines = flowLines(
      [flow(['a1'], ['d1'], 1), flow(['a2'], ['d2'], 2), flow(['w'], ['d1'], 1)],
      (id) => service[id] ?? id,
    );
    expect(lines.map((l) => [l.from, l.to, l.closed, l.pairs])).toEqual([
      ['api', 'db', '5432', 3],
      ['web', 'db', '5432', 1],
    ]);
  });

  it('writes ports and counts as they are read', () => {
    expect(
      portsText([
        { from: 80, to: 80 },
        { from: 8000, to: 8100 },
        { from: 0, to: 65535 },
      ]),
    ).toBe('80, 8000-8100, all');
    expect(count(1, 'dependency breaks', 'dependencies break')).toBe('1 dependency breaks');
    expect(count(2, 'dependency breaks', 'dependencies break')).toBe('2 dependencies break');
  });

  it('lists what changes, removals first, then memberships, pods, routes and transit gateway options', () => {
    const none = { added: [], removed: [], changed: [] };
    expect(
      changeLines({
        rules: {
          added: [{ id: 'r2', segment: 'sg-1', text: 'sg-1 ingress tcp 443 from 0.0.0.0/0' }],
          removed: [{ id: 'r1', segment: 'sg-1', text: 'sg-1 ingress tcp 5432 from sg-2' }],
          changed: [],
        },
        aclAssociations: [],
        aclEntries: {
          ...none,
          changed: [{ id: 'a', segment: 'acl-1', before: 'acl-1 #100 allow', after: 'acl-1 #100 deny' }],
        },
        prefixListEntries: {
          ...none,
          removed: [{ id: 'pl-1 10.9.0.0/16', segment: 'pl-1', text: 'pl-1 (office) 10.9.0.0/16' }],
          namedBy: ['sg-1'],
        },
        networkPolicies: none,
        workloads: [
          {
            workloadId: 'eni-1',
            change: 'groups',
            text: 'sg-1 → sg-1, sg-2',
            groupsAdded: ['sg-2'],
            groupsRemoved: [],
          },
        ],
        pods: [{ podId: 'shop/web-1', namespace: 'shop', change: 'added', text: 'is new in namespace shop' }],
        routes: [
          {
            id: 'rtb-1 10.30.0.0/16',
            what: 'route',
            routeTableId: 'rtb-1',
            vpcId: 'vpc-1',
            change: 'changed',
            text: 'rtb-1: route 10.30.0.0/16 → pcx-1, now tgw-1',
          },
        ],
        transitGateways: [
          {
            id: 'tgw-1',
            gatewayIds: ['tgw-1'],
            what: 'security group referencing',
            change: 'changed',
            text: 'tgw-1: security group referencing disabled → enabled',
          },
        ],
      }),
    ).toEqual([
      { effect: 'removed', text: 'sg-1 ingress tcp 5432 from sg-2' },
      { effect: 'added', text: 'sg-1 ingress tcp 443 from 0.0.0.0/0' },
      { effect: 'changed', text: 'acl-1 #100 allow → acl-1 #100 deny' },
      { effect: 'removed', text: 'pl-1 (office) 10.9.0.0/16' },
      { effect: 'changed', text: 'eni-1: sg-1 → sg-1, sg-2' },
      { effect: 'added', text: 'shop/web-1: is new in namespace shop' },
      { effect: 'changed', text: 'rtb-1: route 10.30.0.0/16 → pcx-1, now tgw-1' },
      { effect: 'changed', text: 'tgw-1: security group referencing disabled → enabled' },
    ]);
  });
});
