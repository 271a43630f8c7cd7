import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { ImportInput } from '../../../main/core/input/importInput';
import { Workspace } from '../../../main/store/workspace';
import { AwsExportBuilder } from '../analysis/exportBuilder';
import { tempDbFile } from '../helpers/tempWorkspace';
import { estateDir, jsonInput, refusal } from './fixtures';

const dir = fileURLToPath(new URL('../../fixtures/aws/transit-gateway', import.meta.url));
const routesName = 'search-transit-gateway-routes.tgw-rtb-0a1b2c3d4e5f60001.json';
const fixture = (name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
const folder: ImportInput = { kind: 'path', path: dir };

describe('transit gateway exports', () => {
  it('reads attachments, with the route table of one output and the subnets of the other, and the table’s routes', async () => {
    const { estate, files } = await readAwsExport([folder, { kind: 'path', path: estateDir }]);
    expect(estate.transitGatewayAttachments).toEqual([
      {
        id: 'tgw-attach-0a1b2c3d4e5f60001',
        transitGatewayId: 'tgw-0a1b2c3d4e5f60001',
        resourceType: 'vpc',
        resourceId: 'vpc-0a1b2c3d4e5f60001',
        state: 'available',
        routeTableId: 'tgw-rtb-0a1b2c3d4e5f60001',
        vpc: {
          subnetIds: ['subnet-0a1b2c3d4e5f60001'],
          applianceMode: false,
          securityGroupReferencing: true,
        },
        source: {
          file: 'transit-gateway/describe-transit-gateway-attachments.json',
          path: '$.TransitGatewayAttachments[0]',
        },
      },
      expect.objectContaining({
        id: 'tgw-attach-0a1b2c3d4e5f60002',
        vpc: {
          subnetIds: ['subnet-0a1b2c3d4e5f60003'],
          applianceMode: true,
          securityGroupReferencing: false,
        },
      }),
      {
        id: 'tgw-attach-0a1b2c3d4e5f60003',
        transitGatewayId: 'tgw-0a1b2c3d4e5f60001',
        resourceType: 'vpn',
        resourceId: 'vpn-0a1b2c3d4e5f60001',
        state: 'available',
        routeTableId: null,
        source: {
          file: 'transit-gateway/describe-transit-gateway-attachments.json',
          path: '$.TransitGatewayAttachments[2]',
        },
      },
    ]);
    expect(estate.transitGateways).toEqual([
      {
        id: 'tgw-0a1b2c3d4e5f60001',
        state: 'available',
        securityGroupReferencing: true,
        defaultAssociationTableId: 'tgw-rtb-0a1b2c3d4e5f60001',
        defaultPropagationTableId: 'tgw-rtb-0a1b2c3d4e5f60001',
        tags: { Name: 'shop-hub' },
        source: { file: 'transit-gateway/describe-transit-gateways.json', path: '$.TransitGateways[0]' },
      },
      {
        id: 'tgw-0a1b2c3d4e5f60002',
        state: 'available',
        securityGroupReferencing: null,
        defaultAssociationTableId: 'tgw-rtb-0a1b2c3d4e5f60002',
        defaultPropagationTableId: 'tgw-rtb-0a1b2c3d4e5f60002',
        tags: {},
        source: { file: 'transit-gateway/describe-transit-gateways.json', path: '$.TransitGateways[1]' },
      },
    ]);
    const [table] = estate.transitGatewayRouteTables;
    expect(estate.transitGatewayRouteTables).toHaveLength(1);
    expect(table?.id).toBe('tgw-rtb-0a1b2c3d4e5f60001');
    expect(table?.complete).toBe(true);
    expect(
      table?.routes.map((route) => [
        route.destination,
        route.type,
        route.state,
        route.targets.map((t) => t.attachmentId),
      ]),
    ).toEqual([
      ['10.0.0.0/16', 'propagated', 'active', ['tgw-attach-0a1b2c3d4e5f60001']],
      ['172.31.0.0/16', 'propagated', 'active', ['tgw-attach-0a1b2c3d4e5f60002']],
      ['192.168.0.0/16', 'propagated', 'active', ['tgw-attach-0a1b2c3d4e5f60003']],
      ['10.99.0.0/16', 'static', 'blackhole', []],
    ]);
    expect(table?.routes[3]?.source).toEqual({ file: `transit-gateway/${routesName}`, path: '$.Routes[3]' });
    const kinds = Object.fromEntries(
      files
        .filter((f) => f.file.startsWith('transit-gateway/'))
        .map((f) => [f.file.split('/')[1], [f.status, f.kind, f.records]]),
    );
    expect(kinds).toEqual({
      'README.md': ['skipped', null, 0],
      'describe-transit-gateways.json': ['imported', 'describe-transit-gateways', 2],
      'describe-transit-gateway-attachments.json': ['imported', 'describe-transit-gateway-attachments', 3],
      'describe-transit-gateway-vpc-attachments.json': [
        'imported',
        'describe-transit-gateway-vpc-attachments',
        2,
      ],
      [routesName]: ['imported', 'search-transit-gateway-routes', 4],
    });
  });

  it('keeps what each output alone says: no association without the general one, no subnets without the VPC one', async () => {
    const general = await readAwsExport([
      jsonInput('a.json', fixture('describe-transit-gateway-attachments.json')),
    ]);
    expect(general.estate.transitGatewayAttachments[0]).not.toHaveProperty('vpc');
    const vpcs = await readAwsExport([
      jsonInput('v.json', fixture('describe-transit-gateway-vpc-attachments.json')),
    ]);
    expect(vpcs.estate.transitGatewayAttachments[0]).not.toHaveProperty('routeTableId');
    expect(vpcs.estate.transitGatewayAttachments[0]).toMatchObject({
      resourceType: 'vpc',
      resourceId: 'vpc-0a1b2c3d4e5f60001',
    });
  });

  it('reads the default tables: none while an option is disabled, unsaid when the output leaves the table out', async () => {
    const gateways = fixture('describe-transit-gateways.json');
    gateways.TransitGateways[0].Options.DefaultRouteTableAssociation = 'disable';
    delete gateways.TransitGateways[0].Options.AssociationDefaultRouteTableId;
    delete gateways.TransitGateways[1].Options.PropagationDefaultRouteTableId;
    const [first, second] = (await readAwsExport([jsonInput('tgw.json', gateways)])).estate.transitGateways;
    expect(first).toMatchObject({
      defaultAssociationTableId: null,
      defaultPropagationTableId: 'tgw-rtb-0a1b2c3d4e5f60001',
    });
    expect(second).toMatchObject({ defaultAssociationTableId: 'tgw-rtb-0a1b2c3d4e5f60002' });
    expect(second).not.toHaveProperty('defaultPropagationTableId');
    gateways.TransitGateways[1].Options.DefaultRouteTablePropagation = 'on';
    expect(await refusal([jsonInput('tgw.json', gateways)])).toBe(
      'tgw.json $.TransitGateways[1].Options.DefaultRouteTablePropagation: expected "enable" or "disable", got "on"',
    );
  });

  it('refuses an option that is neither enable nor disable, naming the file and the place', async () => {
    const gateways = fixture('describe-transit-gateways.json');
    gateways.TransitGateways[0].Options.SecurityGroupReferencingSupport = 'enabled';
    expect(await refusal([jsonInput('tgw.json', gateways)])).toBe(
      'tgw.json $.TransitGateways[0].Options.SecurityGroupReferencingSupport: expected "enable" or "disable", got "enabled"',
    );
    const attachments = fixture('describe-transit-gateway-vpc-attachments.json');
    attachments.TransitGatewayVpcAttachments[1].Options.ApplianceModeSupport = true;
    expect(await refusal([jsonInput('v.json', attachments)])).toBe(
      'v.json $.TransitGatewayVpcAttachments[1].Options.ApplianceModeSupport: expected a string, got true',
    );
  });

  it('reads the table’s id from the file name, and refuses a name with none or two', async () => {
    const routes = fixture(routesName);
    expect(await refusal([jsonInput('routes.json', routes)])).toBe(
      "routes.json $.Routes: search-transit-gateway-routes output does not say which transit gateway route table it holds, so Faultline reads the table's id from the file name, and it names none: save each table's routes as its id, such as tgw-rtb-0123456789abcdef0.json",
    );
    expect(
      await refusal([jsonInput('tgw-rtb-0aaaaaaaaaaaaaaaa-tgw-rtb-0bbbbbbbbbbbbbbbb.json', routes)]),
    ).toContain('and it names tgw-rtb-0aaaaaaaaaaaaaaaa and tgw-rtb-0bbbbbbbbbbbbbbbb');
  });

  it('marks a table whose search stopped early, and joins a table searched in parts', async () => {
    const routes = fixture(routesName);
    const [first, second, ...rest] = routes.Routes;
    const { estate } = await readAwsExport([
      jsonInput('tgw-rtb-0a1b2c3d4e5f60001-part1.json', {
        Routes: [first, second],
        AdditionalRoutesAvailable: false,
      }),
      jsonInput('tgw-rtb-0a1b2c3d4e5f60001-part2.json', { Routes: rest, AdditionalRoutesAvailable: true }),
    ]);
    expect(estate.transitGatewayRouteTables).toHaveLength(1);
    expect(estate.transitGatewayRouteTables[0]?.routes).toHaveLength(4);
    expect(estate.transitGatewayRouteTables[0]?.complete).toBe(false);
  });

  it('refuses routes of another kind of table, naming the place', async () => {
    const local = {
      Routes: [
        {
          DestinationCidrBlock: '10.5.0.0/16',
          LocalGatewayRouteTableId: 'lgw-rtb-0a1b2c3d4e5f60001',
          Type: 'static',
          State: 'active',
        },
      ],
    };
    expect(await refusal([jsonInput('tgw-rtb-0a1b2c3d4e5f60001.json', local)])).toBe(
      'tgw-rtb-0a1b2c3d4e5f60001.json $.Routes[0].LocalGatewayRouteTableId: expected a transit gateway route (search-transit-gateway-routes), not LocalGatewayRouteTableId, got "lgw-rtb-0a1b2c3d4e5f60001"',
    );
    const noDestination = { Routes: [{ Type: 'static', State: 'active' }] };
    expect(await refusal([jsonInput('tgw-rtb-0a1b2c3d4e5f60001.json', noDestination)])).toContain(
      '$.Routes[0].DestinationCidrBlock: expected a string, got nothing (the field is missing)',
    );
  });

  it('refuses an attachment given twice by one output', async () => {
    const document = fixture('describe-transit-gateway-attachments.json');
    const twice = {
      TransitGatewayAttachments: [
        document.TransitGatewayAttachments[0],
        document.TransitGatewayAttachments[0],
      ],
    };
    expect(await refusal([jsonInput('a.json', twice)])).toContain(
      'duplicate transit gateway attachment tgw-attach-0a1b2c3d4e5f60001: a.json $.TransitGatewayAttachments[0] and a.json $.TransitGatewayAttachments[1]',
    );
  });
});

describe('transit gateways in the workspace', () => {
  it('load back as imported, and snapshots imported before Faultline read them count none', async () => {
    const { estate } = await readAwsExport([folder, { kind: 'path', path: estateDir }]);
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    const { id } = await workspace.snapshots.create({
      name: 'tgw',
      importedAt: new Date(0),
      estate,
      files: [],
    });
    const loaded = workspace.snapshots.loadEstate(id);
    expect(loaded.transitGateways).toEqual(estate.transitGateways);
    expect(loaded.transitGatewayAttachments).toEqual(estate.transitGatewayAttachments);
    expect(loaded.transitGatewayRouteTables).toEqual(estate.transitGatewayRouteTables);
    expect(workspace.snapshots.get(id).counts).toMatchObject({
      transitGateways: 2,
      transitGatewayAttachments: 3,
      transitGatewayRouteTables: 1,
    });
    workspace.close();
    // What an older Faultline stored: no count of these kinds.
    const db = new Database(file);
    const row = db.prepare('SELECT counts FROM snapshot WHERE id = ?').get(id) as { counts: string };
    const { transitGateways, transitGatewayAttachments, transitGatewayRouteTables, ...older } = JSON.parse(
      row.counts,
    );
    db.prepare('UPDATE snapshot SET counts = ? WHERE id = ?').run(JSON.stringify(older), id);
    db.close();
    const reopened = Workspace.open(file);
    expect(reopened.snapshots.get(id).counts).toMatchObject({
      transitGateways: 0,
      transitGatewayAttachments: 0,
      transitGatewayRouteTables: 0,
      vpcs: 2,
    });
    reopened.close();
  });

  it('reads a transit gateway’s interface as one in a snapshot imported before Faultline knew the kind', async () => {
    const estate = await new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .eni('eni-app', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
      .group('sg-a', 'vpc-a', {})
      .transitGatewayInterface('tgw-attach-a', 'eni-tgw', 'subnet-a', { ip: '10.0.1.5' })
      .estate();
    // What an older Faultline stored for it: its traits, and the kind it then read from them.
    const older = {
      ...estate,
      workloads: estate.workloads.map((w) => (w.id === 'eni-tgw' ? { ...w, kind: 'other' as const } : w)),
    };
    const workspace = Workspace.open(tempDbFile());
    const { id } = await workspace.snapshots.create({
      name: 'old',
      importedAt: new Date(0),
      estate: older,
      files: [],
    });
    const loaded = workspace.snapshots.loadEstate(id);
    expect(loaded.workloads.map((w) => [w.id, w.kind])).toEqual([
      ['eni-app', 'other'],
      ['eni-tgw', 'transit-gateway'],
    ]);
    expect(loaded.workloads).toEqual(estate.workloads);
    workspace.close();
  });
});
