import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { BadInputError } from '../../../main/core/domain/errors';
import { applyChange } from '../../../main/core/impact/applyChange';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { shopEstate, shopSide } from '../impact/shop';

const fixtures = join(import.meta.dirname, '../../fixtures/terraform');
const plan = (name: string) => readPlanFile(name, readFileSync(join(fixtures, name)));
const subject = {
  kind: 'plan',
  title: 'plan',
  before: { snapshotId: 1, name: 'shop' },
  after: { snapshotId: null, name: 'plan' },
} as const;

/** One entry of resource_changes, as terraform show -json prints it. */
const resource = (
  address: string,
  type: string,
  actions: string[],
  before: unknown,
  after: unknown,
  afterUnknown = {},
) => ({
  address,
  mode: 'managed',
  type,
  name: address.split('.')[1],
  change: { actions, before, after, after_unknown: afterUnknown },
});

/** A plan of the given resource changes, read as the CLI and the app read plan files. */
const planOf = (...changes: unknown[]) =>
  readPlanFile(
    'p.json',
    new TextEncoder().encode(JSON.stringify({ format_version: '1.2', resource_changes: changes })),
  );

/** sg-db's ingress tcp 5432 from sg-web, a rule of the shop estate, as aws_security_group_rule declares it. */
const dbRule = {
  type: 'ingress',
  security_group_id: 'sg-db',
  protocol: 'tcp',
  from_port: 5432,
  to_port: 5432,
  source_security_group_id: 'sg-web',
};

describe('planToChange', () => {
  it('turns rule and entry resources into edits matched by id, and lists what is unknown until apply', async () => {
    const change = planToChange(plan('shop-plan.json'), await shopEstate(), 'shop-plan.json');
    expect(change.title).toBe('Terraform plan shop-plan.json: 5 network resource change(s)');
    expect(change.edits).toEqual([
      {
        op: 'remove-rule',
        rule: {
          groupId: 'sg-db',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          peer: 'sg-web',
        },
        origin: 'aws_security_group_rule.db_from_web',
      },
      {
        op: 'change-acl-entry',
        entry: { aclId: 'acl-db', egress: false, ruleNumber: 110 },
        set: {
          protocol: 'tcp',
          action: 'allow',
          cidr: '10.0.0.0/16',
          fromPort: 2222,
          toPort: 2222,
          icmpType: null,
          icmpCode: null,
        },
        origin: 'aws_network_acl_rule.db_ssh',
      },
      {
        op: 'add-rule',
        rule: {
          groupId: 'sg-web',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          peer: '0.0.0.0/0',
          description: null,
        },
        origin: 'aws_vpc_security_group_ingress_rule.web_https_public',
      },
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_security_group.cache',
        what: 'id is known only after apply (create of an object this plan creates); what it declares cannot be matched to the snapshot',
      },
      {
        where: 'aws_security_group_rule.web_to_cache',
        what: 'source_security_group_id is known only after apply (create); what it declares cannot be matched to the snapshot',
      },
    ]);
  });

  it('gives an impact that says what it could not evaluate, with the exposure and the broken dependency', async () => {
    const estate = await shopEstate();
    const change = planToChange(plan('shop-plan.json'), estate, 'shop-plan.json');
    const side = shopSide(estate);
    const report = computeImpact(
      subject,
      side,
      { ...side, estate: applyChange(estate, change) },
      defaultTagKeys,
      change.notEvaluated,
    );
    expect(report.risk.level).toBe('high');
    expect(report.notEvaluated).toHaveLength(2);
    expect(report.risk.reasons).toContain('2 parts of the change cannot be evaluated');
    expect(report.dependencies.map((d) => d.effect)).toEqual(['breaks']);
    expect(report.exposure).toMatchObject([
      { workloadId: 'eni-web1', protocol: 'tcp', added: [{ from: 443, to: 443 }] },
    ]);
    // The added rule cites the plan resource it came from.
    expect(report.exposure[0]?.rules[0]?.source).toEqual({
      file: 'shop-plan.json',
      path: 'aws_vpc_security_group_ingress_rule.web_https_public',
    });
  });

  it('diffs inline blocks of aws_security_group and aws_network_acl', async () => {
    const change = planToChange(plan('shop-inline-plan.json'), await shopEstate(), 'shop-inline-plan.json');
    expect(change.notEvaluated).toEqual([]);
    expect(change.edits).toEqual([
      {
        op: 'change-acl-entry',
        entry: { aclId: 'acl-db', egress: false, ruleNumber: 100 },
        set: {
          protocol: '6',
          action: 'allow',
          cidr: '10.0.3.0/24',
          fromPort: 5432,
          toPort: 5432,
          icmpType: 0,
          icmpCode: 0,
        },
        origin: 'aws_network_acl.db',
      },
      {
        op: 'add-rule',
        rule: {
          groupId: 'sg-web',
          direction: 'ingress',
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          peer: 'sg-ops',
          description: null,
        },
        origin: 'module.shop.aws_security_group.web',
      },
    ]);
  });

  it('refuses a file that is not a plan, naming the place', () => {
    const data = new TextEncoder().encode('{"resource_changes": []}');
    expect(() => readPlanFile('x.json', data)).toThrow(BadInputError);
    expect(() => readPlanFile('x.json', data)).toThrow(/no format_version/);
    const bad = new TextEncoder().encode(
      '{"format_version":"1.2","resource_changes":[{"address":"a","type":"aws_security_group_rule","change":{"actions":"create"}}]}',
    );
    expect(() => readPlanFile('x.json', bad)).toThrow(
      'x.json $.resource_changes[0].change.actions: expected an array, got "create"',
    );
  });

  it('refuses a state (terraform show -json without a plan file), and reads a plan that changes nothing', () => {
    const read = (document: object) =>
      readPlanFile('x.json', new TextEncoder().encode(JSON.stringify(document)));
    const state = {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: { root_module: { resources: [] } },
    };
    expect(() => read(state)).toThrow(BadInputError);
    expect(() => read(state)).toThrow(
      /x\.json is a Terraform state, not a plan .*terraform show -json plan\.tfplan/,
    );
    expect(() => read({ format_version: '1.2' })).toThrow(/neither planned_values nor resource_changes/);
    // Terraform leaves resource_changes out of a plan with no changes; planned_values is always there.
    expect(read({ format_version: '1.2', planned_values: {}, configuration: {} }).resourceChanges).toEqual(
      [],
    );
  });

  it('removes by the sgr- id when the export has rule ids, and lists drift and strangers as not evaluated', async () => {
    const estate = await shopEstate();
    // As if describe-security-group-rules had been exported: the rule the plan deletes has its id.
    const withIds = {
      ...estate,
      securityGroupRules: estate.securityGroupRules.map((rule) =>
        rule.key === 'sg-db/ingress/0/0' ? { ...rule, key: 'sgr-0a1b2c3d4e5f60718' } : rule,
      ),
    };
    const document = {
      format_version: '1.2',
      resource_changes: [
        ...JSON.parse(readFileSync(join(fixtures, 'shop-plan.json'), 'utf8')).resource_changes.slice(0, 1),
        resource(
          'aws_network_acl_rule.gone',
          'aws_network_acl_rule',
          ['delete'],
          {
            network_acl_id: 'acl-db',
            rule_number: 120,
            egress: false,
            protocol: 'tcp',
            rule_action: 'allow',
            cidr_block: '10.0.0.0/16',
            from_port: 80,
            to_port: 80,
          },
          null,
        ),
        resource('aws_security_group_rule.elsewhere', 'aws_security_group_rule', ['create'], null, {
          type: 'ingress',
          security_group_id: 'sg-0ffffffffffffffff',
          protocol: 'tcp',
          from_port: 80,
          to_port: 80,
          cidr_blocks: ['10.0.0.0/8'],
        }),
        resource(
          'aws_security_group.web',
          'aws_security_group',
          ['update'],
          { id: 'sg-web', ingress: [], egress: [] },
          { id: 'sg-web' },
          { ingress: true },
        ),
        resource(
          'aws_security_group.db',
          'aws_security_group',
          ['delete'],
          {
            id: 'sg-db',
            ingress: [
              { protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-web'], self: false },
            ],
            egress: [],
          },
          null,
        ),
      ],
    };
    const change = planToChange(
      readPlanFile('p.json', new TextEncoder().encode(JSON.stringify(document))),
      withIds,
      'p.json',
    );
    expect(change.edits).toEqual([
      { op: 'remove-rule', rule: 'sgr-0a1b2c3d4e5f60718', origin: 'aws_security_group_rule.db_from_web' },
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_network_acl_rule.gone',
        what: 'removes acl-db/ingress/120, which the snapshot does not have (changed since?)',
      },
      { where: 'aws_security_group_rule.elsewhere', what: 'sg-0ffffffffffffffff is not in the snapshot' },
      {
        where: 'aws_security_group.web',
        what: 'ingress is known only after apply (update); what it declares cannot be matched to the snapshot',
      },
      // The first resource removed that rule already: one edit, which applies cleanly.
      {
        where: 'aws_security_group.db',
        what: 'removes "sg-db ingress tcp 5432 from sg-web", which the snapshot does not have (changed since?)',
      },
    ]);
    expect(applyChange(withIds, change).securityGroupRules.map((rule) => rule.key)).not.toContain(
      'sgr-0a1b2c3d4e5f60718',
    );
  });

  it('removes, adds and refuses to guess network ACL rules by ACL, direction and number', async () => {
    const entry = (aclId: string, ruleNumber: number, port: number) => ({
      network_acl_id: aclId,
      rule_number: ruleNumber,
      egress: false,
      protocol: 'tcp',
      rule_action: 'allow',
      cidr_block: '10.0.0.0/16',
      from_port: port,
      to_port: port,
    });
    const change = planToChange(
      planOf(
        resource(
          'aws_network_acl_rule.ssh',
          'aws_network_acl_rule',
          ['delete'],
          entry('acl-db', 110, 22),
          null,
        ),
        resource(
          'aws_network_acl_rule.https',
          'aws_network_acl_rule',
          ['create'],
          null,
          entry('acl-db', 130, 443),
        ),
        resource(
          'aws_network_acl_rule.other',
          'aws_network_acl_rule',
          ['create'],
          null,
          entry('acl-nope', 100, 80),
        ),
      ),
      await shopEstate(),
      'p.json',
    );
    expect(change.edits).toEqual([
      {
        op: 'remove-acl-entry',
        entry: { aclId: 'acl-db', egress: false, ruleNumber: 110 },
        origin: 'aws_network_acl_rule.ssh',
      },
      {
        op: 'add-acl-entry',
        entry: expect.objectContaining({
          aclId: 'acl-db',
          egress: false,
          ruleNumber: 130,
          fromPort: 443,
          toPort: 443,
        }),
        origin: 'aws_network_acl_rule.https',
      },
    ]);
    expect(change.notEvaluated).toEqual([
      { where: 'aws_network_acl_rule.other', what: 'acl-nope is not in the snapshot' },
    ]);
  });

  it('reads a new CIDR or self rule whose source_security_group_id is unknown: it conflicts with them, so stays empty', async () => {
    // As Terraform prints every new CIDR rule: the Optional+Computed source group is known after apply.
    const unknown = { id: true, security_group_rule_id: true, source_security_group_id: true };
    const open = {
      type: 'ingress',
      security_group_id: 'sg-web',
      protocol: 'tcp',
      from_port: 8443,
      to_port: 8443,
      cidr_blocks: ['0.0.0.0/0'],
      ipv6_cidr_blocks: null,
      prefix_list_ids: null,
      self: false,
    };
    const change = planToChange(
      planOf(
        resource('aws_security_group_rule.admin', 'aws_security_group_rule', ['create'], null, open, unknown),
        resource(
          'aws_security_group_rule.self',
          'aws_security_group_rule',
          ['create'],
          null,
          { ...open, cidr_blocks: null, self: true },
          unknown,
        ),
      ),
      await shopEstate(),
      'p.json',
    );
    expect(change.notEvaluated).toEqual([]);
    expect(change.edits).toMatchObject([
      { op: 'add-rule', rule: { groupId: 'sg-web', fromPort: 8443, peer: '0.0.0.0/0' } },
      { op: 'add-rule', rule: { groupId: 'sg-web', fromPort: 8443, peer: 'sg-web' } },
    ]);
  });

  it('lists a resource whose ports or CIDR cannot be read as not evaluated, with the reason, and edits nothing of it', async () => {
    const entry = (ruleNumber: number, cidr: string) => ({
      network_acl_id: 'acl-db',
      rule_number: ruleNumber,
      egress: false,
      protocol: 'tcp',
      rule_action: 'allow',
      cidr_block: cidr,
      from_port: 443,
      to_port: 443,
    });
    const change = planToChange(
      planOf(
        // terraform plan accepts both; AWS refuses them at apply.
        resource('aws_security_group_rule.reversed', 'aws_security_group_rule', ['create'], null, {
          ...dbRule,
          from_port: 8443,
          to_port: 443,
        }),
        resource('aws_security_group_rule.negative', 'aws_security_group_rule', ['create'], null, {
          ...dbRule,
          from_port: -5,
          to_port: 443,
        }),
        resource('aws_security_group_rule.wide', 'aws_security_group_rule', ['create'], null, {
          ...dbRule,
          source_security_group_id: null,
          cidr_blocks: ['0.0.0.0/33'],
        }),
        resource(
          'aws_network_acl_rule.good',
          'aws_network_acl_rule',
          ['create'],
          null,
          entry(130, '10.0.0.0/16'),
        ),
        resource(
          'aws_network_acl_rule.bad',
          'aws_network_acl_rule',
          ['create'],
          null,
          entry(140, '10.0.0.0/40'),
        ),
        // One entry that cannot be read leaves the whole ACL unevaluated, the entries before it too.
        resource(
          'aws_network_acl.db',
          'aws_network_acl',
          ['update'],
          { id: 'acl-db', ingress: [], egress: [] },
          {
            id: 'acl-db',
            ingress: [150, 160].map((number) => ({
              ...entry(number, number === 150 ? '10.0.0.0/16' : '10.0.0.0/40'),
              rule_no: number,
              action: 'allow',
            })),
            egress: [],
          },
        ),
      ),
      await shopEstate(),
      'p.json',
    );
    expect(change.notEvaluated).toEqual([
      { where: 'aws_security_group_rule.reversed', what: 'to_port 443 is below from_port 8443' },
      { where: 'aws_security_group_rule.negative', what: 'from_port: a port is 0 to 65535' },
      {
        where: 'aws_security_group_rule.wide',
        what: '"0.0.0.0/33" is not a CIDR, a group id (sg-…) or a prefix list id (pl-…)',
      },
      { where: 'aws_network_acl_rule.bad', what: '"10.0.0.0/40" is not an IPv4 or IPv6 CIDR' },
      { where: 'aws_network_acl.db', what: '"10.0.0.0/40" is not an IPv4 or IPv6 CIDR' },
    ]);
    expect(change.edits).toMatchObject([{ op: 'add-acl-entry', origin: 'aws_network_acl_rule.good' }]);
  });

  describe('the end state the plan declares, whatever order it lists resources in', () => {
    const sshEntry = {
      network_acl_id: 'acl-db',
      rule_number: 110,
      egress: false,
      protocol: 'tcp',
      rule_action: 'allow',
      cidr_block: '10.0.0.0/16',
      from_port: 22,
      to_port: 22,
    };
    const moved = (type: string, declared: object) => [
      resource(`module.db.${type}.this`, type, ['delete'], declared, null),
      resource(`${type}.this`, type, ['create'], null, declared),
    ];

    it('keeps a rule or an ACL entry one resource drops and another declares (moved without a moved block)', async () => {
      const estate = await shopEstate();
      for (const [type, declared] of [
        ['aws_security_group_rule', dbRule],
        ['aws_network_acl_rule', sshEntry],
      ] as const) {
        const [drop, declare] = moved(type, declared);
        for (const order of [
          [drop, declare],
          [declare, drop],
        ]) {
          const change = planToChange(planOf(...order), estate, 'p.json');
          expect({ type, edits: change.edits, notEvaluated: change.notEvaluated }).toEqual({
            type,
            edits: [],
            notEvaluated: [],
          });
        }
      }
    });

    it('removes what a count index shift drops, and only that', async () => {
      const estate = await shopEstate();
      const https = { ...dbRule, from_port: 443, to_port: 443 };
      // db[0] was 443 and becomes 5432; db[1], 5432, goes: 443 goes, 5432 stays.
      const change = planToChange(
        planOf(
          resource(
            'aws_security_group_rule.db[0]',
            'aws_security_group_rule',
            ['delete', 'create'],
            https,
            dbRule,
          ),
          resource('aws_security_group_rule.db[1]', 'aws_security_group_rule', ['delete'], dbRule, null),
        ),
        {
          ...estate,
          securityGroupRules: [
            ...estate.securityGroupRules,
            {
              ...(estate.securityGroupRules.find(
                (rule) => rule.key === 'sg-db/ingress/0/0',
              ) as (typeof estate.securityGroupRules)[number]),
              key: 'sg-db/ingress/1/0',
              fromPort: 443,
              toPort: 443,
            },
          ],
        },
        'p.json',
      );
      expect(change.edits.map((edit) => edit.op)).toEqual(['remove-rule']);
      expect(change.edits[0]).toMatchObject({ rule: { fromPort: 443, toPort: 443 } });
    });
  });

  it('leaves be what the plan forgets (a removed block with destroy = false)', async () => {
    const estate = await shopEstate();
    const forgotten = planToChange(
      planOf(
        resource('aws_security_group_rule.db', 'aws_security_group_rule', ['forget'], { ...dbRule }, null),
      ),
      estate,
      'p.json',
    );
    expect([forgotten.edits, forgotten.notEvaluated]).toEqual([[], []]);
    const replaced = planToChange(
      planOf(
        resource('aws_security_group_rule.db', 'aws_security_group_rule', ['create', 'forget'], dbRule, {
          ...dbRule,
          from_port: 5433,
          to_port: 5433,
        }),
      ),
      estate,
      'p.json',
    );
    expect(replaced.edits).toHaveLength(1);
    expect(replaced.edits[0]).toMatchObject({
      op: 'add-rule',
      rule: { groupId: 'sg-db', fromPort: 5433, toPort: 5433, peer: 'sg-web' },
      origin: 'aws_security_group_rule.db',
    });
  });

  it('matches another account’s group written account/sg-… in aws_vpc_security_group_ingress_rule too', async () => {
    const change = planToChange(
      planOf(
        resource(
          'aws_vpc_security_group_ingress_rule.db',
          'aws_vpc_security_group_ingress_rule',
          ['delete'],
          {
            security_group_id: 'sg-db',
            ip_protocol: 'tcp',
            from_port: 5432,
            to_port: 5432,
            referenced_security_group_id: '111122223333/sg-web',
          },
          null,
        ),
      ),
      await shopEstate(),
      'p.json',
    );
    expect(change.edits).toMatchObject([
      { op: 'remove-rule', origin: 'aws_vpc_security_group_ingress_rule.db' },
    ]);
    expect(change.notEvaluated).toEqual([]);
  });

  it('lists a change to a network resource it does not read, and not one that touches nothing of the network', async () => {
    const change = planToChange(
      planOf(
        resource(
          'aws_default_security_group.default',
          'aws_default_security_group',
          ['update'],
          {
            id: 'sg-default',
            ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }],
            egress: [],
          },
          { id: 'sg-default', ingress: [], egress: [] },
        ),
        resource(
          'aws_instance.web',
          'aws_instance',
          ['update'],
          { vpc_security_group_ids: ['sg-web'], subnet_id: 'subnet-web', tags: { Name: 'web' } },
          { vpc_security_group_ids: ['sg-web'], subnet_id: 'subnet-web', tags: { Name: 'web-1' } },
        ),
        resource(
          'aws_instance.api',
          'aws_instance',
          ['update'],
          { vpc_security_group_ids: ['sg-web'], subnet_id: 'subnet-web' },
          { vpc_security_group_ids: ['sg-web', 'sg-db'], subnet_id: 'subnet-web' },
        ),
      ),
      await shopEstate(),
      'p.json',
    );
    expect(change.title).toBe('Terraform plan p.json: 2 network resource change(s)');
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_default_security_group.default',
        what: 'aws_default_security_group is not read: what it changes (ingress) is not evaluated',
      },
      {
        where: 'aws_instance.api',
        what: 'aws_instance is not read: what it changes (vpc_security_group_ids) is not evaluated',
      },
    ]);
  });
});
