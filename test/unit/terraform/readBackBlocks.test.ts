import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { sampleDir } from '../helpers/sampleCounts';

/**
 * On the sample: two aws_security_group_rule deletes, an aws_network_acl_rule delete and an
 * aws_route delete, each beside an update of its group, ACL or table that only adds a tag (as a
 * default_tags change does). Those parents list the rule, entry and route in `before` and `after`:
 * the provider's read-back of what AWS holds.
 */
const file = 'read-back-plan.json';
const document = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file), 'utf8'),
);
const sampleEstate = async () => (await readAwsExport([{ kind: 'path', path: sampleDir }])).estate;
const read = (plan: object) => readPlanFile(file, new TextEncoder().encode(JSON.stringify(plan)));

/** A configuration section holding the three parents, with the arguments each sets. */
const configuration = (prefix: string, group: string[], acl: string[], table: string[]) => {
  const resources = [
    ['aws_security_group', 'rds', group],
    ['aws_network_acl', 'data', acl],
    ['aws_route_table', 'public', table],
  ].map(([type, name, args]) => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    expressions: Object.fromEntries((args as string[]).map((arg) => [arg, { constant_value: [] }])),
  }));
  return prefix === ''
    ? { root_module: { resources } }
    : { root_module: { module_calls: { [prefix]: { source: './net', module: { resources } } } } };
};

// Destroyed routes are matched first (planToChange.ts).
const removals = [
  'remove-route aws_route.public_default',
  'remove-rule aws_security_group_rule.orders_db_from_order_api',
  'remove-rule aws_security_group_rule.orders_db_from_backend',
  'remove-acl-entry aws_network_acl_rule.data_pg_app_a',
];

describe('inline blocks the configuration does not write (the provider read back what AWS holds)', () => {
  it('do not cancel the removal of a rule, an ACL entry or a route, with or without a configuration section', async () => {
    const estate = await sampleEstate();
    for (const plan of [
      document,
      {
        ...document,
        configuration: configuration('', ['name', 'tags'], ['vpc_id', 'tags'], ['vpc_id', 'tags']),
      },
    ]) {
      const change = planToChange(read(plan), estate, file);
      expect(change.notEvaluated).toEqual([]);
      expect(change.edits.map((edit) => `${edit.op} ${edit.origin}`)).toEqual(removals);
    }
  });

  it('keep what the configuration writes inline, in a module instance too', async () => {
    const change = planToChange(
      read({
        ...document,
        resource_changes: document.resource_changes.map((resource: { address: string }) => ({
          ...resource,
          address: `module.net[0].${resource.address}`,
          module_address: 'module.net[0]',
        })),
        configuration: configuration('net', ['ingress', 'egress'], ['ingress', 'egress'], ['route']),
      }),
      await sampleEstate(),
      file,
    );
    // The rules and the entry stay; the route, removed first, is made again by the table.
    expect(change.edits.map((edit) => `${edit.op} ${edit.origin}`)).toEqual([
      'remove-route module.net[0].aws_route.public_default',
      'add-route module.net[0].aws_route_table.public',
    ]);
    expect(change.notEvaluated).toEqual([]);
  });
});
