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
});
