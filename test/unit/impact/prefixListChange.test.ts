import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { readChangeFile } from '../../../main/core/impact/changeSchema';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { route } from '../analysis/exportBuilder';
import { corpEstate, corpImpact, corpSide, office, s3, unexported } from './corp';
import { refusal } from './refusal';

const addBastion: ChangeEdit = { op: 'add-prefix-list-entry', prefixListId: office, cidr: '10.0.1.5/32' };

describe('prefix list entries in a change', () => {
  it('adds and removes entries, one per network, leaving the snapshot untouched', async () => {
    const estate = await corpEstate();
    const before = JSON.stringify(estate);
    const after = applyChange(estate, {
      edits: [addBastion, { op: 'remove-prefix-list-entry', prefixListId: office, cidr: '10.9.0.0/16' }],
    });
    expect(JSON.stringify(estate)).toBe(before);
    expect(after.prefixLists.find((list) => list.id === office)?.entries).toEqual(['10.0.1.5/32']);
    expect(after.prefixLists.find((list) => list.id === s3)).toBe(
      estate.prefixLists.find((list) => list.id === s3),
    );
    // A network written with host bits is the same entry.
    expect(
      applyChange(estate, {
        edits: [{ op: 'remove-prefix-list-entry', prefixListId: office, cidr: '10.9.44.1/16' }],
      }).prefixLists.find((list) => list.id === office)?.entries,
    ).toEqual([]);
  });

  it('refuses what AWS refuses, and what the export cannot say, naming the place', async () => {
    const estate = await corpEstate();
    const cases: [ChangeEdit, string, RegExp][] = [
      [{ ...addBastion, prefixListId: 'pl-0nowhere00000001' }, 'prefixListId', /no prefix list pl-0nowhere/],
      [{ ...addBastion, prefixListId: s3 }, 'prefixListId', /is managed by AWS/],
      [
        { ...addBastion, prefixListId: unexported },
        'prefixListId',
        /entries of pl-0unknown0000001 are not in this snapshot: export them with aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-0unknown0000001/,
      ],
      [{ ...addBastion, cidr: '10.0.1.5' }, 'cidr', /"10\.0\.1\.5" is not an IPv4 or IPv6 CIDR/],
      [{ ...addBastion, cidr: '2001:db8::/32' }, 'cidr', /holds IPv4 entries; 2001:db8::\/32 is IPv6/],
      [{ ...addBastion, cidr: '10.9.0.0/16' }, 'cidr', /already has the entry 10\.9\.0\.0\/16/],
      [{ ...addBastion, op: 'remove-prefix-list-entry' }, 'cidr', /has no entry 10\.0\.1\.5\/32/],
    ];
    for (const [edit, field, message] of cases) {
      const refused = refusal(estate, edit);
      expect(refused.place).toBe(`$.edits[0].${field}`);
      expect(refused.message).toMatch(message);
    }
  });

  it('reports the entry, the flows it opens, the groups naming the list and their owners', async () => {
    const estate = await corpEstate();
    const report = corpImpact(estate, applyChange(estate, { edits: [addBastion] }));
    expect(report.changes.prefixListEntries).toEqual({
      added: [{ id: `${office} 10.0.1.5/32`, segment: office, text: `${office} (corp-office) 10.0.1.5/32` }],
      removed: [],
      changed: [],
      namedBy: ['sg-admin'],
    });
    expect(report.flows).toMatchObject([
      {
        from: { workloadIds: ['eni-bastion'] },
        to: { workloadIds: ['eni-admin'] },
        protocol: 'tcp',
        opened: [{ from: 22, to: 22 }],
        closed: [],
      },
    ]);
    expect(report.approvers).toContainEqual({
      owner: 'platform',
      reasons: expect.arrayContaining(['segment sg-admin (admin): its rules name an edited prefix list']),
    });
    expect(impactMarkdown(report)).toContain(
      `Prefix list entry added: \`${office} (corp-office) 10.0.1.5/32\``,
    );
  });

  it('affects the members of groups naming the list, and the workloads of a VPC whose routes name it', async () => {
    const estate = await corpEstate();
    const edits: ChangeEdit[] = [
      addBastion,
      { op: 'remove-prefix-list-entry', prefixListId: office, cidr: '10.9.0.0/16' },
    ];
    for (const edit of edits) {
      const after = applyChange(estate, { edits: [edit] });
      const affected = affectedWorkloads(estate, after, diffEstates(estate, after));
      expect(affected).toEqual(new Set(['eni-admin']));
      const model = corpSide(estate).applications;
      const serviceOf = new Map(
        model.apps.flatMap((a) => a.services.flatMap((s) => s.workloadIds.map((id) => [id, s] as const))),
      );
      expect(diffFlows(estate, after, affected, serviceOf, [])).toEqual(
        diffFlows(estate, after, 'all', serviceOf, []),
      );
    }
    // A route naming the list decides flows of every workload of its VPC.
    const routed = await corpEstate([route(office, 'pcx-0corp0000000001')]);
    const after = applyChange(routed, { edits: [addBastion] });
    expect(affectedWorkloads(routed, after, diffEstates(routed, after))).toEqual(
      new Set(['eni-bastion', 'eni-ops', 'eni-admin', 'eni-app']),
    );
  });

  it('compares snapshots: entries only where both sides exported them', async () => {
    const estate = await corpEstate();
    const known = {
      ...estate,
      prefixLists: estate.prefixLists.map((list) =>
        list.id === unexported ? { ...list, entries: ['10.0.1.0/24'] } : list,
      ),
    };
    const diff = diffEstates(estate, known);
    expect(diff.prefixListEntries).toEqual({ added: [], removed: [], changed: [], namedBy: [] });
    // The verdicts of sg-app's rule go from undecidable to decided: its members are affected.
    expect(affectedWorkloads(estate, known, diff)).toEqual(new Set(['eni-app']));
  });

  it('is read from CHANGE.json strictly', () => {
    const read = (change: unknown) => () =>
      readChangeFile('CHANGE.json', new TextEncoder().encode(JSON.stringify(change)));
    expect(read({ edits: [addBastion] })()).toMatchObject({ edits: [addBastion] });
    expect(read({ edits: [{ ...addBastion, prefixListId: 'office' }] })).toThrow(
      /\$\.edits\[0\]\.prefixListId: expected an id starting pl-/,
    );
    expect(read({ edits: [{ ...addBastion, description: 'bastion' }] })).toThrow(/\$\.edits\[0\]/);
  });
});
