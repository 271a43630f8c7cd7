import { describe, expect, it } from 'vitest';
import {
  addedEntries,
  addedRules,
  describeEdit,
  type EditList,
  editAtPlace,
  emptyEdits,
  inEvaluationOrder,
  memberTarget,
  pendingOn,
  prefixListEntryTarget,
  reduceEdits,
  ruleTarget,
  toProposedChange,
} from '../../../renderer/src/state/impactEdits';

const rule = 'sg-0619411f266f96a8d/ingress/0/1';
const add = (list: EditList, edit: Parameters<typeof reduceEdits>[1] & { type: 'add' }) =>
  reduceEdits(list, edit);

describe('the pending edit list', () => {
  it('adds edits in order with ids that stay put', () => {
    let list = add(emptyEdits, { type: 'add', edit: { op: 'remove-rule', rule } });
    list = add(list, { type: 'add', edit: { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' } });
    expect(list.items.map((i) => i.id)).toEqual([1, 2]);
    list = reduceEdits(list, { type: 'remove', id: 1 });
    expect(list.items.map((i) => i.id)).toEqual([2]);
    list = add(list, { type: 'add', edit: { op: 'remove-rule', rule } });
    expect(list.items.map((i) => i.id)).toEqual([2, 3]);
  });

  it('lists the rules and entries pending edits add, as the inspector writes lines (audit P3 #3)', () => {
    const acl = 'acl-087b491100a2932b4';
    let list = add(emptyEdits, {
      type: 'add',
      edit: {
        op: 'add-rule',
        rule: {
          groupId: 'sg-0587bc80ef36fddd5',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 8443,
          toPort: 8443,
          peer: 'sg-0dd0baa66bc0f6db5',
        },
      },
    });
    list = add(list, {
      type: 'add',
      edit: {
        op: 'add-acl-entry',
        entry: {
          aclId: acl,
          egress: false,
          ruleNumber: 90,
          action: 'deny',
          protocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          cidr: '10.20.48.0/20',
        },
      },
    });
    expect(addedRules(list, 'sg-0587bc80ef36fddd5')).toEqual([
      { id: 1, key: 'sg-0587bc80ef36fddd5/added/1', text: 'ingress tcp/8443 from sg-0dd0baa66bc0f6db5' },
    ]);
    expect(addedRules(list, 'sg-other')).toEqual([]);
    const added = addedEntries(list, acl);
    expect(added).toEqual([
      { id: 2, key: `${acl}/ingress/90`, text: '#90 inbound deny tcp/5432 from 10.20.48.0/20' },
    ]);
    // Among the ACL's own entries, where AWS evaluates it: before #100, inbound before outbound.
    const own = [
      `${acl}/ingress/100`,
      `${acl}/ingress/32767`,
      `${acl}/egress/100`,
      `${acl}/egress/32767`,
    ].map((key) => ({ key }));
    expect(inEvaluationOrder([...own, ...added]).map((line) => line.key)).toEqual([
      `${acl}/ingress/90`,
      `${acl}/ingress/100`,
      `${acl}/ingress/32767`,
      `${acl}/egress/100`,
      `${acl}/egress/32767`,
    ]);
  });

  it('lets a later edit of the same rule, entry or membership replace the earlier one', () => {
    let list = add(emptyEdits, {
      type: 'add',
      edit: { op: 'change-rule', rule, set: { fromPort: 6432, toPort: 6432 } },
    });
    list = add(list, { type: 'add', edit: { op: 'remove-rule', rule } });
    expect(list.items.map((i) => i.edit.op)).toEqual(['remove-rule']);

    const entry = { aclId: 'acl-1', egress: false, ruleNumber: 100 };
    list = add(list, { type: 'add', edit: { op: 'remove-acl-entry', entry } });
    list = add(list, { type: 'add', edit: { op: 'change-acl-entry', entry, set: { action: 'deny' } } });
    expect(list.items.map((i) => i.edit.op)).toEqual(['remove-rule', 'change-acl-entry']);

    list = add(list, { type: 'add', edit: { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' } });
    list = add(list, { type: 'add', edit: { op: 'remove-group', eni: 'eni-1', groupId: 'sg-2' } });
    expect(list.items.map((i) => i.edit.op)).toEqual(['remove-rule', 'change-acl-entry', 'remove-group']);

    // Adding a CIDR to a prefix list and then removing it is one edit: the removal.
    const entry1 = { prefixListId: 'pl-1', cidr: '10.9.0.0/16' };
    list = add(list, { type: 'add', edit: { op: 'add-prefix-list-entry', ...entry1 } });
    list = add(list, { type: 'add', edit: { op: 'add-prefix-list-entry', ...entry1, cidr: '10.8.0.0/16' } });
    list = add(list, { type: 'add', edit: { op: 'remove-prefix-list-entry', ...entry1 } });
    expect(list.items.slice(3).map((i) => [i.edit.op, 'cidr' in i.edit && i.edit.cidr])).toEqual([
      ['add-prefix-list-entry', '10.8.0.0/16'],
      ['remove-prefix-list-entry', '10.9.0.0/16'],
    ]);
    expect(pendingOn(list, prefixListEntryTarget('pl-1', '10.9.0.0/16'))?.edit.op).toBe(
      'remove-prefix-list-entry',
    );
  });

  it('keeps additions side by side: two added rules are two rules', () => {
    const spec = {
      groupId: 'sg-1',
      direction: 'ingress' as const,
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
    };
    let list = add(emptyEdits, {
      type: 'add',
      edit: { op: 'add-rule', rule: { ...spec, peer: '10.0.0.0/8' } },
    });
    list = add(list, { type: 'add', edit: { op: 'add-rule', rule: { ...spec, peer: '10.1.0.0/16' } } });
    expect(list.items).toHaveLength(2);
  });

  it('clears to nothing but keeps counting ids', () => {
    let list = add(emptyEdits, { type: 'add', edit: { op: 'remove-rule', rule } });
    list = reduceEdits(list, { type: 'clear' });
    expect(list.items).toEqual([]);
    expect(add(list, { type: 'add', edit: { op: 'remove-rule', rule } }).items[0]?.id).toBe(2);
  });

  it('finds the pending edit of a rule or membership, and the edit an error place names', () => {
    let list = add(emptyEdits, { type: 'add', edit: { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' } });
    list = add(list, { type: 'add', edit: { op: 'remove-rule', rule } });
    expect(pendingOn(list, ruleTarget(rule))?.id).toBe(2);
    expect(pendingOn(list, memberTarget('eni-1', 'sg-2'))?.id).toBe(1);
    expect(pendingOn(list, ruleTarget('sg-x/ingress/0/0'))).toBeNull();
    expect(editAtPlace(list, '$.edits[1].rule')?.id).toBe(2);
    expect(editAtPlace(list, '$.title')).toBeNull();
    expect(editAtPlace(list, null)).toBeNull();
  });

  it('becomes a proposed change in the order the edits were made', () => {
    let list = add(emptyEdits, { type: 'add', edit: { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' } });
    list = add(list, { type: 'add', edit: { op: 'remove-rule', rule } });
    expect(toProposedChange(list)).toEqual({
      title: 'What-if',
      edits: [
        { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' },
        { op: 'remove-rule', rule },
      ],
    });
  });

  it('names objects as the views do when given their names', () => {
    const names = {
      of: (id: string) => ({ 'sg-1': 'web', 'eni-1': 'web-1', 'sg-9': 'db' })[id] ?? id,
      rule: (key: string) => (key === rule ? 'rds-postgres ingress tcp/5432 from sg-9' : key),
    };
    expect(describeEdit({ op: 'remove-rule', rule }, names)).toBe(
      'Remove rule rds-postgres ingress tcp/5432 from sg-9',
    );
    expect(describeEdit({ op: 'add-group', eni: 'eni-1', groupId: 'sg-1' }, names)).toBe('Add web to web-1');
    expect(
      describeEdit(
        {
          op: 'add-rule',
          rule: {
            groupId: 'sg-1',
            direction: 'ingress',
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            peer: 'sg-9',
          },
        },
        names,
      ),
    ).toBe('Add to web: ingress tcp/5432 db');
  });

  it('describes each edit on one line', () => {
    expect(describeEdit({ op: 'remove-rule', rule })).toBe(`Remove rule ${rule}`);
    // An ICMP rule's ports are its type and code, an ACL entry's are fields of their own (audit P3 #2).
    expect(
      describeEdit({
        op: 'change-rule',
        rule,
        set: { protocol: 'icmp', fromPort: 8, toPort: -1, peer: '198.51.100.0/24' },
      }),
    ).toBe(`Change rule ${rule} to icmp type 8 198.51.100.0/24`);
    expect(
      describeEdit({
        op: 'add-acl-entry',
        entry: {
          aclId: 'acl-1',
          egress: false,
          ruleNumber: 90,
          protocol: 'icmp',
          action: 'deny',
          cidr: '10.0.0.0/8',
          icmpType: 3,
          icmpCode: 4,
        },
      }),
    ).toBe('Add acl-1 #90 inbound: deny icmp type 3 code 4 10.0.0.0/8');
    expect(
      describeEdit({
        op: 'add-transit-gateway-vpc-attachment',
        attachmentId: 'tgw-attach-0x',
        transitGatewayId: 'tgw-1',
        vpcId: 'vpc-x',
        subnetIds: ['subnet-1', 'subnet-2'],
      }),
    ).toBe('Attach vpc-x to tgw-1 as tgw-attach-0x, in subnet-1, subnet-2');
    expect(
      describeEdit({
        op: 'change-rule',
        rule,
        set: { protocol: 'tcp', fromPort: 6432, toPort: 6432, peer: 'sg-9' },
      }),
    ).toBe(`Change rule ${rule} to tcp/6432 sg-9`);
    expect(
      describeEdit({
        op: 'add-rule',
        rule: { groupId: 'sg-1', direction: 'egress', protocol: '-1', peer: '0.0.0.0/0' },
      }),
    ).toBe('Add to sg-1: egress all traffic 0.0.0.0/0');
    expect(
      describeEdit({
        op: 'change-acl-entry',
        entry: { aclId: 'acl-1', egress: true, ruleNumber: 100 },
        set: { action: 'deny', cidr: '10.0.0.0/8' },
      }),
    ).toBe('Change acl-1 #100 outbound to deny 10.0.0.0/8');
    expect(
      describeEdit({ op: 'move-workload', eni: 'eni-1', subnetId: 'subnet-2', privateIp: '10.0.2.5' }),
    ).toBe('Move eni-1 to subnet-2 at 10.0.2.5');
    expect(describeEdit({ op: 'add-prefix-list-entry', prefixListId: 'pl-1', cidr: '10.9.0.0/16' })).toBe(
      'Add 10.9.0.0/16 to pl-1',
    );
    expect(
      describeEdit(
        { op: 'remove-prefix-list-entry', prefixListId: 'pl-1', cidr: '10.9.0.0/16' },
        { of: (id) => (id === 'pl-1' ? 'office' : id), rule: (key) => key },
      ),
    ).toBe('Remove 10.9.0.0/16 from office');
  });
});
