import { describe, expect, it } from 'vitest';
import type { Estate, SecurityGroup, Workload } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit, RuleSpec } from '../../../main/core/impact/change';
import { readChangeFile } from '../../../main/core/impact/changeSchema';
import { ruleLine } from '../../../main/core/impact/ruleText';
import { refusal } from './refusal';
import { shopEstate } from './shop';

const apply = (estate: Estate, ...edits: ChangeEdit[]) => applyChange(estate, { edits });
const rules = (estate: Estate, groupId: string) =>
  estate.securityGroupRules.filter((rule) => rule.groupId === groupId).map(ruleLine);

describe('applyChange', () => {
  it('leaves the snapshot untouched', async () => {
    const estate = await shopEstate();
    const before = JSON.stringify(estate);
    const after = apply(
      estate,
      { op: 'remove-rule', rule: 'sg-db/ingress/0/0' },
      { op: 'add-group', eni: 'eni-ops', groupId: 'sg-web' },
      { op: 'remove-acl-entry', entry: { aclId: 'acl-db', egress: false, ruleNumber: 110 } },
    );
    expect(JSON.stringify(estate)).toBe(before);
    expect(after).not.toBe(estate);
    expect(after.vpcs).toBe(estate.vpcs);
  });

  it('removes, changes and adds rules, by key or written out', async () => {
    const estate = await shopEstate();
    const after = apply(
      estate,
      {
        op: 'change-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: '6',
          fromPort: 5432,
          toPort: 5432,
          peer: 'sg-web',
        },
        set: { fromPort: 6432, toPort: 6432 },
      },
      {
        op: 'add-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'icmp',
          fromPort: 8,
          toPort: -1,
          peer: '10.0.0.0/16',
        },
      },
      { op: 'remove-rule', rule: 'sg-web/ingress/0/0' },
    );
    expect(rules(after, 'sg-db')).toEqual([
      'sg-db ingress tcp 6432 from sg-web',
      'sg-db ingress icmp type 8 from 10.0.0.0/16',
    ]);
    expect(rules(after, 'sg-web')).toEqual(['sg-web egress all traffic to 0.0.0.0/0']);
    const changed = after.securityGroupRules.find((rule) => rule.key === 'sg-db/ingress/0/0');
    expect(changed?.source).toEqual({ file: 'CHANGE.json', path: '$.edits[0]' });
    expect(after.securityGroupRules.at(-1)?.key).toBe('proposed:$.edits[1]');
  });

  it('edits ACL entries and group membership, and moves a workload with a new address', async () => {
    const estate = await shopEstate();
    const after = apply(
      estate,
      {
        op: 'change-acl-entry',
        entry: { aclId: 'acl-db', egress: false, ruleNumber: 100 },
        set: { action: 'deny' },
      },
      {
        op: 'add-acl-entry',
        entry: {
          aclId: 'acl-db',
          egress: false,
          ruleNumber: 90,
          protocol: 'udp',
          action: 'allow',
          cidr: '10.0.1.0/24',
          fromPort: 53,
          toPort: 53,
        },
      },
      { op: 'add-group', eni: 'eni-web2', groupId: 'sg-ops' },
      { op: 'remove-group', eni: 'eni-web2', groupId: 'sg-web' },
      {
        op: 'move-workload',
        eni: 'eni-ops',
        subnetId: 'subnet-db',
        privateIp: '10.0.2.30',
        groupIds: ['sg-db'],
      },
    );
    const entries = after.networkAclEntries.filter((e) => e.aclId === 'acl-db' && !e.egress);
    expect(
      entries.map((e) => `${e.ruleNumber} ${e.action} ${e.protocol} ${e.portRange?.from ?? ''}`),
    ).toEqual(['100 deny tcp 5432', '110 allow tcp 22', '32767 deny -1 ', '90 allow udp 53']);
    const eni = (id: string) => after.workloads.find((w) => w.id === id);
    expect(eni('eni-web2')?.groupIds).toEqual(['sg-ops']);
    expect(eni('eni-ops')).toMatchObject({
      subnetId: 'subnet-db',
      vpcId: 'vpc-shop',
      privateIps: ['10.0.2.30'],
      groupIds: ['sg-db'],
    });
  });

  it('moves a workload without the delegated prefixes its new subnet does not hold', async () => {
    const estate = await shopEstate();
    const withPrefixes = {
      ...estate,
      workloads: estate.workloads.map((w) =>
        w.id === 'eni-ops' ? { ...w, prefixes: ['10.0.1.96/28', '10.0.2.96/28'] } : w,
      ),
    };
    const move = {
      op: 'move-workload',
      eni: 'eni-ops',
      subnetId: 'subnet-db',
      privateIp: '10.0.2.30',
    } as const;
    const moved = apply(withPrefixes, move).workloads.find((w) => w.id === 'eni-ops');
    expect(moved?.prefixes).toEqual(['10.0.2.96/28']);
    expect(apply(estate, move).workloads.find((w) => w.id === 'eni-ops')).not.toHaveProperty('prefixes');
  });

  it('refuses what the snapshot lacks or AWS would refuse, naming the place in the change', async () => {
    const estate = await shopEstate();
    expect(refusal(estate, { op: 'remove-rule', rule: 'sgr-0123456789abcdef0' })).toEqual({
      message: 'CHANGE.json $.edits[0].rule: no security group rule sgr-0123456789abcdef0 in this snapshot',
      place: '$.edits[0].rule',
    });
    expect(
      refusal(estate, {
        op: 'remove-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 5433,
          toPort: 5433,
          peer: 'sg-web',
        },
      }).message,
    ).toBe('CHANGE.json $.edits[0].rule: no rule "sg-db ingress tcp 5433 from sg-web" in this snapshot');
    expect(
      refusal(estate, {
        op: 'add-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 1,
          toPort: 2,
          peer: 'nowhere',
        },
      }).message,
    ).toBe(
      'CHANGE.json $.edits[0].rule.peer: "nowhere" is not a CIDR, a group id (sg-…) or a prefix list id (pl-…)',
    );
    expect(
      refusal(estate, {
        op: 'add-rule',
        rule: { groupId: 'sg-db', direction: 'ingress', protocol: 'tcp', peer: '10.0.0.0/8' },
      }).place,
    ).toBe('$.edits[0].rule.fromPort');
    expect(
      refusal(estate, {
        op: 'add-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          peer: 'sg-web',
        },
      }).message,
    ).toBe(
      'CHANGE.json $.edits[0].rule: sg-db ingress tcp 5432 from sg-web is already a rule (sg-db/ingress/0/0): AWS refuses a duplicate (InvalidPermission.Duplicate)',
    );
    expect(
      refusal(estate, { op: 'remove-acl-entry', entry: { aclId: 'acl-db', egress: true, ruleNumber: 110 } })
        .message,
    ).toBe('CHANGE.json $.edits[0].entry.ruleNumber: acl-db has no outbound rule 110');
    expect(refusal(estate, { op: 'add-group', eni: 'eni-nope', groupId: 'sg-db' }).place).toBe(
      '$.edits[0].eni',
    );
    expect(refusal(estate, { op: 'remove-group', eni: 'eni-db', groupId: 'sg-db' }).message).toBe(
      'CHANGE.json $.edits[0].groupId: an ENI keeps at least one security group; eni-db would have none',
    );
    expect(refusal(estate, { op: 'remove-group', eni: 'eni-db', groupId: 'sg-web' }).message).toBe(
      'CHANGE.json $.edits[0].groupId: eni-db does not carry sg-web',
    );
    expect(refusal(estate, { op: 'move-workload', eni: 'eni-ops', subnetId: 'subnet-db' }).message).toBe(
      "CHANGE.json $.edits[0].privateIp: eni-ops's address 10.0.1.30 is outside subnet-db (10.0.2.0/24): give privateIp",
    );
    expect(
      refusal(estate, { op: 'move-workload', eni: 'eni-ops', subnetId: 'subnet-db', privateIp: '10.0.2.20' })
        .message,
    ).toBe("CHANGE.json $.edits[0].privateIp: 10.0.2.20 is already eni-db's address");
  });

  it.each<[string, ChangeEdit, string]>([
    [
      'an ACL the snapshot lacks',
      { op: 'remove-acl-entry', entry: { aclId: 'acl-nope', egress: false, ruleNumber: 100 } },
      '$.edits[0].entry.aclId: no network ACL acl-nope in this snapshot',
    ],
    [
      'an entry number already taken',
      {
        op: 'add-acl-entry',
        entry: {
          aclId: 'acl-db',
          egress: false,
          ruleNumber: 110,
          protocol: 'tcp',
          action: 'allow',
          cidr: '10.0.0.0/8',
        },
      },
      '$.edits[0].entry.ruleNumber: acl-db already has an inbound rule 110: change or remove it',
    ],
    [
      'a group the ENI already carries',
      { op: 'add-group', eni: 'eni-db', groupId: 'sg-db' },
      '$.edits[0].groupId: eni-db already carries sg-db',
    ],
    [
      'a rule in a group the snapshot lacks',
      {
        op: 'add-rule',
        rule: {
          groupId: 'sg-nope',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 1,
          toPort: 1,
          peer: '10.0.0.0/8',
        },
      },
      '$.edits[0].rule.groupId: no security group sg-nope in this snapshot',
    ],
    [
      'a peer group the snapshot lacks',
      {
        op: 'add-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 1,
          toPort: 1,
          peer: 'sg-nope',
        },
      },
      '$.edits[0].rule.peer: no security group sg-nope in this snapshot',
    ],
    [
      'a subnet the snapshot lacks',
      { op: 'move-workload', eni: 'eni-ops', subnetId: 'subnet-nope' },
      '$.edits[0].subnetId: no subnet subnet-nope in this snapshot',
    ],
    [
      'an address that is not IPv4',
      { op: 'move-workload', eni: 'eni-ops', subnetId: 'subnet-db', privateIp: '2600:1f18::5' },
      '$.edits[0].privateIp: "2600:1f18::5" is not an IPv4 address',
    ],
  ])('refuses %s, naming its place', async (_, edit, expected) => {
    const { message, place } = refusal(await shopEstate(), edit);
    expect(message).toBe(`CHANGE.json ${expected}`);
    expect(place).toBe(expected.split(':')[0]);
  });

  it('keeps CIDRs as AWS stores them, so a CIDR written with host bits is the same network', async () => {
    const estate = await shopEstate();
    const rule = (peer: string) =>
      ({
        op: 'add-rule',
        rule: { groupId: 'sg-db', direction: 'ingress', protocol: 'tcp', fromPort: 3000, toPort: 3000, peer },
      }) as const;
    const after = apply(estate, rule('10.30.0.5/16'), rule('2600:1F18:0:0::1/56'), {
      op: 'add-acl-entry',
      entry: {
        aclId: 'acl-db',
        egress: false,
        ruleNumber: 120,
        protocol: 'tcp',
        action: 'allow',
        cidr: '10.20.48.1/20',
        fromPort: 5432,
        toPort: 5432,
      },
    });
    expect(rules(after, 'sg-db').slice(1)).toEqual([
      'sg-db ingress tcp 3000 from 10.30.0.0/16',
      'sg-db ingress tcp 3000 from 2600:1f18::/56',
    ]);
    expect(after.networkAclEntries.at(-1)?.cidr).toBe('10.20.48.0/20');
    expect(() => applyChange(estate, { edits: [rule('10.30.0.5/16'), rule('10.30.0.0/16')] })).toThrow(
      'CHANGE.json $.edits[1].rule: sg-db ingress tcp 3000 from 10.30.0.0/16 is already a rule (proposed:$.edits[0]): AWS refuses a duplicate (InvalidPermission.Duplicate)',
    );
    // Named written out with host bits, a rule of the snapshot is found as AWS would find it.
    const withCidr = apply(estate, rule('10.30.0.0/16'));
    expect(
      rules(apply(withCidr, { op: 'remove-rule', rule: { ...rule('10.30.9.9/16').rule } }), 'sg-db'),
    ).toEqual(['sg-db ingress tcp 5432 from sg-web']);
  });

  it('changes a rule to another protocol with the ports given for it, and refuses a duplicate', async () => {
    const estate = await shopEstate();
    const icmp = apply(estate, {
      op: 'add-rule',
      rule: {
        groupId: 'sg-db',
        direction: 'ingress',
        protocol: 'icmp',
        fromPort: 8,
        toPort: 0,
        peer: '10.0.0.0/16',
      },
    });
    const change = (set: Record<string, unknown>): ChangeEdit => ({
      op: 'change-rule',
      rule: 'proposed:$.edits[0]',
      set,
    });
    expect(rules(apply(icmp, change({ protocol: 'tcp', fromPort: 22, toPort: 22 })), 'sg-db')).toEqual([
      'sg-db ingress tcp 5432 from sg-web',
      'sg-db ingress tcp 22 from 10.0.0.0/16',
    ]);
    // icmpv6 needs no ports: every type and code.
    expect(rules(apply(icmp, change({ protocol: 'icmpv6' })), 'sg-db')[1]).toBe(
      'sg-db ingress icmpv6 all types from 10.0.0.0/16',
    );
    expect(refusal(icmp, change({ protocol: 'tcp' })).message).toBe(
      'CHANGE.json $.edits[0].set.fromPort: proposed:$.edits[0] changes from icmp to tcp, whose ports it does not have: set fromPort and toPort',
    );
    // Between tcp and udp the ports mean the same and carry over.
    expect(
      rules(
        apply(estate, { op: 'change-rule', rule: 'sg-db/ingress/0/0', set: { protocol: 'udp' } }),
        'sg-db',
      ),
    ).toEqual(['sg-db ingress udp 5432 from sg-web']);
    const two = apply(estate, {
      op: 'add-rule',
      rule: {
        groupId: 'sg-db',
        direction: 'ingress',
        protocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        peer: '10.0.0.0/8',
      },
    });
    expect(
      refusal(two, {
        op: 'change-rule',
        rule: 'sg-db/ingress/0/0',
        set: { fromPort: 0, toPort: 65535, peer: '10.0.0.0/8' },
      }).message,
    ).toBe(
      'CHANGE.json $.edits[0].set: sg-db ingress tcp all ports from 10.0.0.0/8 is already a rule (proposed:$.edits[0]): AWS refuses a duplicate (InvalidPermission.Duplicate)',
    );
  });

  it.each<[string, Partial<RuleSpec>, string]>([
    [
      'icmp all types with one code',
      { protocol: 'icmp', fromPort: -1, toPort: 3 },
      'rule.toPort: fromPort -1 is every ICMP type, so toPort must be -1 (every code), not 3',
    ],
    [
      'icmp without type and code',
      { protocol: 'icmp' },
      'rule.fromPort: icmp needs fromPort (the ICMP type) and toPort (the code); -1 and -1 for all',
    ],
    [
      'icmp with a type alone',
      { protocol: 'icmp', fromPort: 8 },
      'rule.toPort: give both the ICMP type (fromPort) and code (toPort); -1 and -1 for all',
    ],
    [
      'a prefix list the snapshot lacks',
      { peer: 'pl-0000000000000000a' },
      'rule.peer: no prefix list pl-0000000000000000a in this snapshot (import describe-managed-prefix-lists if it exists)',
    ],
    ['a malformed prefix list id', { peer: 'pl-zzz!' }, 'rule.peer: "pl-zzz!" is not a prefix list id'],
  ])('refuses a rule with %s, as AWS does', async (_, fields, expected) => {
    const rule: RuleSpec = {
      groupId: 'sg-db',
      direction: 'ingress',
      protocol: 'tcp',
      fromPort: 1,
      toPort: 2,
      peer: '10.9.0.0/16',
    };
    const { fromPort, toPort, ...rest } = rule;
    const written = 'protocol' in fields ? { ...rest, ...fields } : { ...rule, ...fields };
    expect(refusal(await shopEstate(), { op: 'add-rule', rule: written }).message).toBe(
      `CHANGE.json $.edits[0].${expected}`,
    );
  });

  it('accepts icmpv6 without ports, as AWS does: every type and code', async () => {
    const after = apply(await shopEstate(), {
      op: 'add-rule',
      rule: { groupId: 'sg-db', direction: 'ingress', protocol: 'icmpv6', peer: '::/0' },
    });
    expect(rules(after, 'sg-db')[1]).toBe('sg-db ingress icmpv6 all types from ::/0');
  });

  it('refuses a tcp or udp ACL entry without ports, as AWS does', async () => {
    const entry = {
      aclId: 'acl-db',
      egress: false,
      ruleNumber: 120,
      action: 'allow',
      cidr: '10.0.0.0/8',
    } as const;
    expect(
      refusal(await shopEstate(), { op: 'add-acl-entry', entry: { ...entry, protocol: 'udp' } }).message,
    ).toBe(
      'CHANGE.json $.edits[0].entry.fromPort: udp needs fromPort and toPort (0 and 65535 for every port)',
    );
    for (const [protocol, cidr] of [
      ['icmp', '10.0.0.0/8'],
      ['icmpv6', '::/0'],
    ] as const)
      expect(
        refusal(await shopEstate(), { op: 'add-acl-entry', entry: { ...entry, protocol, cidr } }).message,
      ).toBe(
        `CHANGE.json $.edits[0].entry.icmpType: an ${protocol} entry needs icmpType (-1 for every type), as AWS requires it`,
      );
  });

  it.each<[string, ChangeEdit, string]>([
    [
      'no group at all',
      { op: 'move-workload', eni: 'eni-db', groupIds: [] },
      'groupIds: an ENI keeps at least one security group; eni-db would have none',
    ],
    [
      'a group twice',
      { op: 'move-workload', eni: 'eni-db', groupIds: ['sg-db', 'sg-ops', 'sg-db'] },
      'groupIds[2]: sg-db is given twice: an ENI carries each group once',
    ],
    [
      'a group on a NAT gateway',
      { op: 'add-group', eni: 'eni-nat', groupId: 'sg-ops' },
      "eni: eni-nat is a NAT gateway's interface, and NAT gateways have no security groups: no group can be set on it",
    ],
    [
      'groups for a transit gateway attachment',
      { op: 'move-workload', eni: 'eni-tgw', groupIds: ['sg-ops'] },
      "groupIds: eni-tgw is a transit gateway attachment's interface, which the transit gateway manages without security groups: no group can be set on it",
    ],
    [
      'a seventeenth group',
      { op: 'add-group', eni: 'eni-db', groupId: 'sg-16' },
      'groupId: eni-db would carry 17 security groups; AWS allows at most 16 on a network interface',
    ],
  ])('refuses an ENI with %s, as AWS does', async (_, edit, expected) => {
    const estate = await shopEstate();
    const ops = estate.workloads.find((w) => w.id === 'eni-ops') as Workload;
    const db = estate.workloads.find((w) => w.id === 'eni-db') as Workload;
    const sgOps = estate.securityGroups.find((g) => g.id === 'sg-ops') as SecurityGroup;
    const extra = Array.from({ length: 16 }, (_, at) => ({ ...sgOps, id: `sg-${at + 1}` }));
    const crowded: Estate = {
      ...estate,
      securityGroups: [...estate.securityGroups, ...extra],
      workloads: [
        ...estate.workloads.map((w) =>
          w === db ? { ...db, groupIds: ['sg-db', ...extra.slice(0, 15).map((g) => g.id)] } : w,
        ),
        { ...ops, id: 'eni-nat', kind: 'nat-gateway', interfaceType: 'nat_gateway', groupIds: [] },
        { ...ops, id: 'eni-tgw', kind: 'transit-gateway', interfaceType: 'transit_gateway', groupIds: [] },
      ],
    };
    // Sixteen groups in one move are AWS's most.
    expect(
      apply(crowded, {
        op: 'move-workload',
        eni: 'eni-ops',
        groupIds: extra.map((g) => g.id),
      }).workloads.find((w) => w.id === 'eni-ops')?.groupIds,
    ).toHaveLength(16);
    expect(refusal(crowded, edit).message).toBe(`CHANGE.json $.edits[0].${expected}`);
  });

  it('reads CHANGE.json strictly, naming the place of a wrong shape', () => {
    const read = (value: unknown) => () =>
      readChangeFile('CHANGE.json', new TextEncoder().encode(JSON.stringify(value)));
    expect(read({ edits: [{ op: 'remove-rule', rule: 'sgr-1' }] })()).toEqual({
      edits: [{ op: 'remove-rule', rule: 'sgr-1' }],
      source: 'CHANGE.json',
    });
    expect(read({ edits: [{ op: 'add-group', eni: 'eni-1', groupId: 'web' }] })).toThrow(
      'CHANGE.json $.edits[0].groupId: expected an id starting sg-',
    );
    expect(read({ edits: [{ op: 'add-group', eni: 'eni-1', groupId: 'sg-1', extra: 1 }] })).toThrow(
      /^CHANGE\.json \$\.edits\[0\]/,
    );
    expect(read({ edit: [] })).toThrow(/^CHANGE\.json \$/);
  });
});
