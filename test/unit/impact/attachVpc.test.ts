import { beforeAll, describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { readChangeFile } from '../../../main/core/impact/changeSchema';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { bystanderOut, egressHub, egressTable, spokeTable } from '../analysis/egressHub';
import { layer } from '../analysis/scenario';
import { impactOfEdits } from '../helpers/changeImpact';

/** egressHub's bystander vpc-x, which has a NAT gateway of its own, moved onto the hub's egress. */
const attach: ChangeEdit = {
  op: 'add-transit-gateway-vpc-attachment',
  attachmentId: 'tgw-attach-0x',
  transitGatewayId: 'tgw-1',
  vpcId: 'vpc-x',
  subnetIds: ['subnet-x'],
};
const joinHub: ChangeEdit[] = [
  attach,
  { op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-0x', routeTableId: spokeTable },
  {
    op: 'set-transit-gateway-propagation',
    attachmentId: 'tgw-attach-0x',
    routeTableId: egressTable,
    enabled: true,
  },
  { op: 'replace-route', routeTableId: 'rtb-x', destination: '0.0.0.0/0', target: 'tgw-1' },
];

const out = bystanderOut;

let estate: Estate;
beforeAll(async () => {
  estate = await egressHub({ bystander: { natPublic: true } }).estate();
});

/** Why applyChange refuses the edit, or `applied`. */
function refusal(edit: ChangeEdit): string {
  try {
    applyChange(estate, { edits: [edit] });
    return 'applied';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('attaching a VPC to a transit gateway (add-transit-gateway-vpc-attachment)', () => {
  it('attaches it available and associated with nothing when the export names no default table, so that the edits after it say how it routes', () => {
    const after = applyChange(estate, { edits: [attach] });
    expect(after.transitGatewayAttachments.find((one) => one.id === 'tgw-attach-0x')).toMatchObject({
      transitGatewayId: 'tgw-1',
      resourceType: 'vpc',
      resourceId: 'vpc-x',
      state: 'available',
      routeTableId: null,
      vpc: { subnetIds: ['subnet-x'], applianceMode: false, securityGroupReferencing: true },
    });
  });

  it('moves the VPC out through the egress VPC once associated, propagated and routed there', () => {
    const before = out(estate);
    expect(layer(before, 'route').reason).toContain("the server sees the NAT gateway's address 54.0.7.5");
    const after = out(applyChange(estate, { edits: joinHub }));
    expect(after.allowed).toBe(true);
    expect(layer(after, 'route').reason).toContain('it enters tgw-1 through tgw-attach-0x in subnet-x');
    expect(layer(after, 'route').reason).toContain("the server sees the NAT gateway's address 54.0.9.5");
    // Without the propagation the egress VPC has no way back to vpc-x: the replies are lost.
    const oneWay = out(
      applyChange(estate, { edits: joinHub.filter((edit) => edit.op !== 'set-transit-gateway-propagation') }),
    );
    expect(oneWay.allowed).toBe(false);
    expect(layer(oneWay, 'route').reason).toContain(`${egressTable} has no route to 10.7.1.10`);
  });

  it('is refused as AWS refuses it, naming the field', () => {
    expect(refusal({ ...attach, attachmentId: 'tgw-attach-a' })).toContain(
      'tgw-attach-a is in the snapshot already',
    );
    expect(refusal({ ...attach, transitGatewayId: 'tgw-9' })).toContain(
      'no transit gateway tgw-9 in this snapshot',
    );
    expect(refusal({ ...attach, vpcId: 'vpc-9' })).toContain('no VPC vpc-9 in this snapshot');
    expect(refusal({ ...attach, vpcId: 'vpc-a', subnetIds: ['subnet-a1'] })).toContain(
      'vpc-a is attached to tgw-1 already (tgw-attach-a), and AWS allows one attachment per VPC and transit gateway',
    );
    expect(refusal({ ...attach, subnetIds: ['subnet-a1'] })).toContain('subnet-a1 is in vpc-a, not vpc-x');
    expect(refusal({ ...attach, subnetIds: ['subnet-x', 'subnet-xpub'] })).toContain(
      'subnet-xpub and subnet-x are both in eu-west-1a: an attachment takes one subnet per Availability Zone',
    );
    expect(refusal({ ...attach, subnetIds: ['subnet-9'] })).toContain('no subnet subnet-9 in this snapshot');
  });

  it('reads from CHANGE.json, where a missing subnet list is refused with its place', () => {
    const change = readChangeFile(
      'CHANGE.json',
      new TextEncoder().encode(JSON.stringify({ edits: joinHub })),
    );
    expect(change.edits[0]).toEqual(attach);
    const { subnetIds: _subnets, ...withoutSubnets } = attach as Extract<ChangeEdit, { subnetIds: unknown }>;
    expect(() =>
      readChangeFile('CHANGE.json', new TextEncoder().encode(JSON.stringify({ edits: [withoutSubnets] }))),
    ).toThrow(/CHANGE\.json \$\.edits\[0\]/);
  });

  it('is reported under what changes, affects the VPCs on the transit gateway, and finds what comparing all does', () => {
    const after = applyChange(estate, { edits: joinHub });
    const affected = affectedWorkloads(estate, after, diffEstates(estate, after));
    if (affected === 'all') throw new Error('every workload affected: nothing narrowed');
    expect(affected.has('eni-x')).toBe(true);
    const sides = [estate, after].map((one) => ({ estate: one, engine: new ReachabilityEngine(one) }));
    const [was, now] = sides as [(typeof sides)[number], (typeof sides)[number]];
    expect(diffInternetEgress(was, now, affected, new Map())).toEqual(
      diffInternetEgress(was, now, 'all', new Map()),
    );
    const report = impactOfEdits(estate, joinHub, 'vpc-x onto the hub');
    expect(report.changes.transitGateways).toContainEqual({
      id: 'tgw-attach-0x',
      gatewayIds: ['tgw-1'],
      what: 'attachments',
      change: 'added',
      text: `tgw-attach-0x: vpc vpc-x attached to tgw-1 in subnet-x, associated with ${spokeTable}`,
    });
    expect(impactMarkdown(report)).toContain(
      `tgw-attach-0x: vpc vpc-x attached to tgw-1 in subnet-x, associated with ${spokeTable}`,
    );
  });

  describe("the transit gateway's default tables (Options.AssociationDefaultRouteTableId, PropagationDefaultRouteTableId)", () => {
    const toHub: ChangeEdit = {
      op: 'replace-route',
      routeTableId: 'rtb-x',
      destination: '0.0.0.0/0',
      target: 'tgw-1',
    };
    const hubWith = (defaultTables: { association?: string; propagation?: string }) =>
      egressHub({ bystander: { natPublic: true }, defaultTables }).estate();

    it('associate and propagate the new attachment as AWS does, so attaching and routing is enough', async () => {
      const hub = await hubWith({ association: spokeTable, propagation: egressTable });
      const after = applyChange(hub, { edits: [attach, toHub] });
      expect(after.transitGatewayAttachments.find((one) => one.id === 'tgw-attach-0x')?.routeTableId).toBe(
        spokeTable,
      );
      const propagated = after.transitGatewayRouteTables
        .find((one) => one.id === egressTable)
        ?.routes.filter((one) => one.targets.some((target) => target.attachmentId === 'tgw-attach-0x'));
      expect(propagated?.map((one) => [one.destination, one.type])).toEqual([['10.7.0.0/16', 'propagated']]);
      const verdict = out(after);
      expect(verdict.allowed).toBe(true);
      expect(layer(verdict, 'route').reason).toContain("the server sees the NAT gateway's address 54.0.9.5");
      const report = impactOfEdits(hub, [attach, toHub], 'vpc-x attached');
      expect(report.changes.transitGateways.map((one) => one.text)).toEqual(
        expect.arrayContaining([
          `tgw-attach-0x: vpc vpc-x attached to tgw-1 in subnet-x, associated with ${spokeTable}`,
          `${egressTable}: propagated route 10.7.0.0/16 → tgw-attach-0x`,
        ]),
      );
    });

    it("are left out when the edit says so, as Terraform's transit_gateway_default_route_table_association = false does", async () => {
      const hub = await hubWith({ association: spokeTable, propagation: egressTable });
      const after = applyChange(hub, {
        edits: [{ ...attach, defaultAssociation: false, defaultPropagation: false }, toHub],
      });
      expect(
        after.transitGatewayAttachments.find((one) => one.id === 'tgw-attach-0x')?.routeTableId,
      ).toBeNull();
      expect(after.transitGatewayRouteTables).toEqual(hub.transitGatewayRouteTables);
      expect(out(after).allowed).toBe(false);
    });

    it('do nothing while the options are disabled; a default table whose routes were not exported gains none', async () => {
      const disabled = await hubWith({ association: 'disable', propagation: 'disable' });
      const none = applyChange(disabled, { edits: [attach] });
      expect(
        none.transitGatewayAttachments.find((one) => one.id === 'tgw-attach-0x')?.routeTableId,
      ).toBeNull();
      expect(none.transitGatewayRouteTables).toEqual(disabled.transitGatewayRouteTables);
      const unexported = 'tgw-rtb-000000000000ff';
      const hub = await hubWith({ association: unexported, propagation: unexported });
      const after = applyChange(hub, { edits: [attach, toHub] });
      expect(after.transitGatewayAttachments.find((one) => one.id === 'tgw-attach-0x')?.routeTableId).toBe(
        unexported,
      );
      expect(after.transitGatewayRouteTables).toEqual(hub.transitGatewayRouteTables);
      expect(out(after).allowed).toBe('unknown');
    });
  });
});
