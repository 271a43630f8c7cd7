import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { propagatedRoute, route } from '../analysis/exportBuilder';
import { twoVpcs } from '../analysis/twoVpcs';

/** vpc-a peered with vpc-b; rtb-a has 10.1.0.0/16 only as a route vgw-1 propagated. */
const vpnAndPeering = () =>
  twoVpcs({
    peering: 'active',
    routesA: [propagatedRoute('10.1.0.0/16', 'vgw-1')],
    routesB: [route('10.0.0.0/16', 'pcx-ab')],
  }).estate();

const addPeeringRoute: ChangeEdit = {
  op: 'add-route',
  routeTableId: 'rtb-a',
  destination: '10.1.0.0/16',
  target: 'pcx-ab',
};

describe('VPC route edits beside a route a virtual private gateway propagated', () => {
  it('adds a static route to the same prefix, which wins, and reports it apart from the propagated one', async () => {
    const before = await vpnAndPeering();
    const after = applyChange(before, { edits: [addPeeringRoute] });
    const routes = after.routeTables.find((table) => table.id === 'rtb-a')?.routes ?? [];
    expect(routes.map((one) => [one.destination, one.targetId, one.propagated ?? false])).toEqual([
      ['10.0.0.0/16', 'local', false],
      ['10.1.0.0/16', 'vgw-1', true],
      ['10.1.0.0/16', 'pcx-ab', false],
    ]);
    expect(diffEstates(before, after).routes.map((one) => [one.change, one.text])).toEqual([
      ['added', 'rtb-a: route 10.1.0.0/16 → pcx-ab'],
    ]);
  });

  it('has no static route there to replace or remove', async () => {
    const before = await vpnAndPeering();
    for (const op of ['replace-route', 'remove-route'] as const)
      expect(() => applyChange(before, { edits: [{ ...addPeeringRoute, op }] })).toThrow(
        /rtb-a has no route to 10\.1\.0\.0\/16/,
      );
  });
});
