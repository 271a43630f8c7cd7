import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEdit } from '../../../main/core/impact/change';
import type { ImpactReport } from '../../../main/core/impact/types';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { FaultlineService } from '../../../main/service/faultlineService';
import { sampleDir } from '../helpers/sampleCounts';
import { sampleRouting, throughHub } from '../helpers/sampleRouting';
import { tempDbFile } from '../helpers/tempWorkspace';

const { prodPublic, prodPrivate, sharedMain, hub, peering } = sampleRouting;
/** bastion-1 and a web-frontend ENI, for "admin SSH over peering". */
const bastion = 'eni-0fb02ae3f5cee67b5';
const webFrontend = 'eni-06b92985795909555';

let service: FaultlineService;
let close: () => void;
beforeEach(async () => {
  ({ service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: join(sampleDir, '..') }));
});
afterEach(() => close());

async function impact(edits: readonly ChangeEdit[]): Promise<ImpactReport> {
  const answer = await dispatch(service, 'impact', { change: { title: 'routes', edits } });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as ImpactReport;
}

async function refusal(edit: ChangeEdit): Promise<string> {
  const answer = await dispatch(service, 'impact', { change: { title: 'routes', edits: [edit] } });
  if (answer.ok) throw new Error('the edit was accepted');
  return answer.error.message;
}

describe('VPC route edits (docs/change-format.md, "Routes")', () => {
  it('sending the peered ranges to the transit gateway breaks the SSH whose rule names a group across it', async () => {
    const report = await impact(throughHub);
    expect(report.changes.routes).toEqual([
      {
        id: `${prodPublic} 10.30.0.0/16`,
        what: 'route',
        routeTableId: prodPublic,
        vpcId: 'vpc-0b0e589882d7b2940',
        change: 'changed',
        text: `${prodPublic}: route 10.30.0.0/16 → ${peering}, now ${hub}`,
      },
      expect.objectContaining({ id: `${prodPrivate} 10.30.0.0/16`, change: 'changed' }),
      expect.objectContaining({ id: `${sharedMain} 10.20.0.0/16`, vpcId: 'vpc-099d19c8d624dc3a1' }),
    ]);
    // storefront admits SSH by naming the bastion's group: across the transit gateway, with
    // referencing disabled on it, that rule matches nothing.
    const ssh = report.dependencies.filter((d) => d.from === 'bastion' && d.port === 22);
    expect(ssh.map((d) => [d.to, d.effect])).toEqual([
      ['catalog-api', 'breaks'],
      ['web-frontend', 'breaks'],
    ]);
    expect(report.approvers.map((a) => a.owner)).toContain('platform');

    expect(report.approvers.find((a) => a.owner === 'platform')?.reasons).toContain(
      `route table ${sharedMain} of vpc-099d19c8d624dc3a1: routes edited`,
    );
    const check = await dispatch(service, 'checkFlow', {
      source: bastion,
      destination: webFrontend,
      protocol: 'tcp',
      port: 22,
    });
    // The snapshot is as it was: over the peering, allowed.
    expect(check).toMatchObject({ ok: true, value: { allowed: true } });
  });

  it('writes the routes into the report under what changes', async () => {
    const answer = await dispatch(service, 'impactReport', {
      change: { title: 'To the hub', edits: throughHub },
      format: 'md',
    });
    const text = (answer as { value: { text: string } }).value.text;
    expect(text).toContain(`Route changed: ${sharedMain}: route 10.20.0.0/16 → ${peering}, now ${hub}`);
    expect(text).toMatch(/bastion → web-frontend/);
  });

  it('with referencing enabled on the transit gateway too, the SSH keeps working', async () => {
    const report = await impact([
      ...throughHub,
      { op: 'set-security-group-referencing', transitGatewayId: hub, enabled: true },
    ]);
    expect(report.dependencies.filter((d) => d.from === 'bastion' && d.effect === 'breaks')).toEqual([]);
  });

  it('a route removed or added takes the flows it carried, or gives them a way', async () => {
    const removed = await impact([
      { op: 'remove-route', routeTableId: sharedMain, destination: '10.20.0.0/16' },
    ]);
    expect(removed.changes.routes).toMatchObject([
      { change: 'removed', text: `${sharedMain}: route 10.20.0.0/16 → ${peering}` },
    ]);
    expect(removed.figures.dependenciesBroken).toBeGreaterThan(0);
    // Back through the hub, written as another address of the same network.
    const back = await impact([
      { op: 'remove-route', routeTableId: sharedMain, destination: '10.20.0.0/16' },
      { op: 'add-route', routeTableId: sharedMain, destination: '10.20.0.0/16', target: peering },
    ]);
    expect(back.changes.routes).toEqual([]);
    expect(back.figures.dependenciesBroken).toBe(0);
  });

  it('a subnet routed by another table, or by its main one, loses the routes it had', async () => {
    const prodAppA = 'subnet-0a56ca0958254bc9a';
    const prodMain = 'rtb-01f08298781e192be';
    const moved = await impact([
      { op: 'set-route-table-association', subnetId: prodAppA, routeTableId: prodMain },
    ]);
    expect(moved.changes.routes).toEqual([
      {
        id: prodAppA,
        what: 'association',
        routeTableId: prodMain,
        vpcId: 'vpc-0b0e589882d7b2940',
        change: 'changed',
        text: `${prodAppA}: routed by ${prodPrivate}, now ${prodMain}`,
      },
    ]);
    // prod-core's main table routes nothing to shared-services: prometheus's scrapes get no reply,
    // and nothing leaves for the internet.
    expect(
      moved.dependencies.filter((d) => d.effect === 'breaks').map((d) => `${d.from} → ${d.to}`),
    ).toContain('prometheus → order-api');
    expect(moved.figures.pairsClosed).toBeGreaterThan(0);
    expect(moved.approvers.flatMap((a) => a.reasons)).toContain(
      `subnet ${prodAppA}: its route table changed`,
    );
    const none = await impact([
      { op: 'set-route-table-association', subnetId: prodAppA, routeTableId: null },
    ]);
    expect(none.changes.routes.map((line) => line.text)).toEqual([
      `${prodAppA}: routed by ${prodPrivate}, now ${prodMain} (main, no association)`,
    ]);
    expect(none.figures.pairsClosed).toBe(moved.figures.pairsClosed);
    const sharedToolsA = 'subnet-0da5644a569929b07';
    expect(
      await refusal({ op: 'set-route-table-association', subnetId: sharedToolsA, routeTableId: prodMain }),
    ).toMatch(
      /\.routeTableId: rtb-01f08298781e192be is a table of vpc-0b0e589882d7b2940; subnet-0da5644a569929b07 is in vpc-099d19c8d624dc3a1$/,
    );
    expect(
      await refusal({ op: 'set-route-table-association', subnetId: sharedToolsA, routeTableId: null }),
    ).toMatch(/is associated with no route table already \(its VPC's main table routes it\)$/);
    expect(
      await refusal({ op: 'set-route-table-association', subnetId: prodAppA, routeTableId: prodPrivate }),
    ).toMatch(/is already associated with rtb-07554c7f5c9720cfe$/);
    expect(
      await refusal({
        op: 'set-route-table-association',
        subnetId: 'subnet-0123456789abcdef0',
        routeTableId: null,
      }),
    ).toMatch(/\.subnetId: no subnet subnet-0123456789abcdef0 in this snapshot$/);
  });

  it('asks the owner its tag names on the route table, else the owner of its VPC', async () => {
    // The sample with prod-private-rt handed to a network team.
    const estate = await mkdtemp(join(tmpdir(), 'faultline-sample-'));
    await cp(join(sampleDir, '..'), estate, { recursive: true });
    const file = join(estate, 'aws/describe-route-tables.json');
    const printed = JSON.parse(await readFile(file, 'utf8')) as {
      RouteTables: { RouteTableId: string; Tags: { Key: string; Value: string }[] }[];
    };
    for (const table of printed.RouteTables)
      if (table.RouteTableId === prodPrivate) table.Tags = [{ Key: 'team', Value: 'network' }];
    await writeFile(file, JSON.stringify(printed, null, 4));
    close();
    ({ service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: estate }));
    const report = await impact(throughHub);
    const reasons = (owner: string) => report.approvers.find((a) => a.owner === owner)?.reasons ?? [];
    expect(reasons('network')).toEqual([
      `route table ${prodPrivate} of vpc-0b0e589882d7b2940: routes edited`,
    ]);
    // shared-services' main table has no tags: the VPC's owner.
    expect(reasons('platform')).toContain(
      `route table ${sharedMain} of vpc-099d19c8d624dc3a1: routes edited`,
    );
    await rm(estate, { recursive: true, force: true });
  });

  it('is refused where AWS refuses it, naming the edit and the reason', async () => {
    expect(
      await refusal({ op: 'add-route', routeTableId: sharedMain, destination: '10.20.0.5/16', target: hub }),
    ).toBe(
      `CHANGE.json $.edits[0].destination: ${sharedMain} already has the route 10.20.0.0/16 → ${peering}: use replace-route to send it elsewhere`,
    );
    expect(
      await refusal({
        op: 'replace-route',
        routeTableId: sharedMain,
        destination: '10.99.0.0/16',
        target: hub,
      }),
    ).toMatch(/has no route to 10\.99\.0\.0\/16 to replace: use add-route$/);
    expect(
      await refusal({ op: 'remove-route', routeTableId: sharedMain, destination: '10.30.0.0/16' }),
    ).toMatch(
      /\.destination: 10\.30\.0\.0\/16 is vpc-099d19c8d624dc3a1's local route, which AWS keeps: it cannot be removed$/,
    );
    expect(
      await refusal({ op: 'remove-route', routeTableId: sharedMain, destination: '10.99.0.0/16' }),
    ).toMatch(/has no route to 10\.99\.0\.0\/16$/);
    expect(
      await refusal({
        op: 'replace-route',
        routeTableId: sharedMain,
        destination: '10.20.0.0/16',
        target: peering,
      }),
    ).toMatch(/already sends 10\.20\.0\.0\/16 to pcx-01f7c07e7d9cb4e7a$/);
    expect(
      await refusal({
        op: 'add-route',
        routeTableId: 'rtb-0123456789abcdef0',
        destination: '10.9.0.0/16',
        target: hub,
      }),
    ).toMatch(/\.routeTableId: no route table rtb-0123456789abcdef0 in this snapshot/);
    expect(
      await refusal({
        op: 'add-route',
        routeTableId: sharedMain,
        destination: '10.9.0.0/16',
        target: 'tgw-0123456789abcdef0',
      }),
    ).toMatch(/\.target: no transit gateway tgw-0123456789abcdef0 in this snapshot$/);
    expect(
      await refusal({
        op: 'add-route',
        routeTableId: sharedMain,
        destination: '10.9.0.0/16',
        target: 'pcx-0123456789abcdef0',
      }),
    ).toMatch(/\.target: no peering connection pcx-0123456789abcdef0 in this snapshot$/);
    expect(
      await refusal({ op: 'add-route', routeTableId: sharedMain, destination: 'ten', target: hub }),
    ).toMatch(/\.destination: ten is neither a CIDR nor a prefix list id$/);
    expect(
      await refusal({
        op: 'add-route',
        routeTableId: sharedMain,
        destination: '10.9.0.0/16',
        target: 'local',
      }),
    ).toMatch(/target/);
  });
});
