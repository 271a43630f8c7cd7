import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { AwsExportBuilder, allTraffic, anywhere, propagatedRoute, route } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

/** vpc-a peered with vpc-b; rtb-a has 10.1.0.0/16 only as a route vgw-1 propagated. */
async function vpnAndPeering() {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .group('sg-a', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .group('sg-b', 'vpc-b', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
    .eni('eni-b', 'subnet-b', { ips: ['10.1.1.20'], groups: ['sg-b'] })
    .acl('acl-a', 'vpc-a', { subnets: [], entries: allowAll, isDefault: true })
    .acl('acl-b', 'vpc-b', { subnets: [], entries: allowAll, isDefault: true })
    .peering('pcx-ab', 'vpc-a', 'vpc-b', 'active')
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [propagatedRoute('10.1.0.0/16', 'vgw-1')] })
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [route('10.0.0.0/16', 'pcx-ab')] })
    .estate();
}

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
