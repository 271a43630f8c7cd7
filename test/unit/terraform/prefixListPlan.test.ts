import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { corpEstate, corpImpact, office } from '../impact/corp';

const file = 'prefix-list-plan.json';
const plan = readPlanFile(file, readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file)));

describe('prefix list resources in a plan', () => {
  it('become entry edits matched by list and network; the rest is listed as not evaluated', async () => {
    const change = planToChange(plan, await corpEstate(), file);
    expect(change.title).toBe(`Terraform plan ${file}: 6 network resource change(s)`);
    // office_again re-creates an entry the list has: no edit.
    expect(change.edits).toEqual([
      {
        op: 'add-prefix-list-entry',
        prefixListId: office,
        cidr: '10.0.1.5/32',
        origin: 'aws_ec2_managed_prefix_list.office',
      },
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_ec2_managed_prefix_list_entry.old_vpn',
        what: `removes 10.8.0.0/16 from ${office}, which the snapshot does not have (changed since?)`,
      },
      {
        where: 'aws_ec2_managed_prefix_list_entry.partner',
        what: 'the snapshot has pl-0unknown0000001 without its entries: export them with aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-0unknown0000001',
      },
      {
        where: 'aws_ec2_managed_prefix_list.lab',
        what: 'id is known only after apply (create of an object this plan creates); what it declares cannot be matched to the snapshot',
      },
      {
        where: 'aws_ec2_managed_prefix_list_entry.elsewhere',
        what: 'pl-0nowhere00000001 is not in the snapshot',
      },
    ]);
  });

  it('lists a rule naming a prefix list the snapshot lacks as not evaluated, as a missing group is', async () => {
    const rule = {
      address: 'aws_vpc_security_group_ingress_rule.partners',
      mode: 'managed',
      type: 'aws_vpc_security_group_ingress_rule',
      name: 'partners',
      change: {
        actions: ['create'],
        before: null,
        after: {
          security_group_id: 'sg-app',
          ip_protocol: 'tcp',
          from_port: 8080,
          to_port: 8080,
          prefix_list_id: 'pl-0nowhere00000001',
        },
        after_unknown: {},
      },
    };
    const partners = readPlanFile(
      'partners.json',
      new TextEncoder().encode(JSON.stringify({ format_version: '1.2', resource_changes: [rule] })),
    );
    const change = planToChange(partners, await corpEstate(), 'partners.json');
    expect(change.edits).toEqual([]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_vpc_security_group_ingress_rule.partners',
        what: 'pl-0nowhere00000001 is not in the snapshot',
      },
    ]);
  });

  it('removes an entry the plan drops, and the impact shows the flow it closes', async () => {
    const estate = await corpEstate();
    const opened = applyChange(estate, planToChange(plan, estate, file));
    // Applied, then planned back: the bastion entry goes.
    const reverse = readPlanFile(
      'reverse.json',
      new TextEncoder().encode(
        JSON.stringify({
          format_version: '1.2',
          resource_changes: [
            {
              address: 'aws_ec2_managed_prefix_list_entry.bastion',
              mode: 'managed',
              type: 'aws_ec2_managed_prefix_list_entry',
              name: 'bastion',
              change: {
                actions: ['delete'],
                before: { cidr: '10.0.1.5/32', id: `${office},10.0.1.5/32`, prefix_list_id: office },
                after: null,
                after_unknown: {},
              },
            },
          ],
        }),
      ),
    );
    const change = planToChange(reverse, opened, 'reverse.json');
    expect(change.edits).toEqual([
      {
        op: 'remove-prefix-list-entry',
        prefixListId: office,
        cidr: '10.0.1.5/32',
        origin: 'aws_ec2_managed_prefix_list_entry.bastion',
      },
    ]);
    const report = corpImpact(opened, applyChange(opened, change));
    expect(report.flows).toMatchObject([
      {
        from: { workloadIds: ['eni-bastion'] },
        to: { workloadIds: ['eni-admin'] },
        protocol: 'tcp',
        opened: [],
        closed: [{ from: 22, to: 22 }],
      },
    ]);
  });
});
