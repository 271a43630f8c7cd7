import { describe, expect, it } from 'vitest';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
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
        rule: { groupId: 'sg-db', direction: 'ingress', protocol: 'icmp', fromPort: 8, peer: '10.0.0.0/16' },
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
      'CHANGE.json $.edits[0].rule: sg-db ingress tcp 5432 from sg-web is already a rule: AWS refuses a duplicate',
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
