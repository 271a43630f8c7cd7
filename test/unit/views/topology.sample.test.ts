import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../../../main/core/views/types';
import { createService } from '../../../main/service/createService';
import { tempDbFile } from '../helpers/tempWorkspace';

const sample = join(import.meta.dirname, '../../../resources/sample');
let topology: Topology;

beforeAll(async () => {
  const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sample });
  try {
    topology = await service.topology({});
  } finally {
    close();
  }
});

const verdictOf = (from: string, to: string) =>
  topology.dependencies.find((d) => d.from === from && d.to === to)?.verdict;

describe('topology of the sample (README: Layout, Applications, problem 3)', () => {
  it('has its VPCs, subnets, groups and ENIs, with names', () => {
    // The Kubernetes cluster stands as a VPC, its 3 namespaces as subnets and segments, its 2 policies
    // as segments and its 5 pods as workloads (README: "Kubernetes: the mobile backend").
    expect(topology.vpcs.map((v) => v.name).sort()).toEqual([
      'Kubernetes cluster',
      'prod-core',
      'shared-services',
    ]);
    expect(topology.subnets).toHaveLength(12 + 3);
    expect(topology.segments).toHaveLength(19 + 3 + 2);
    // 58 ENIs of workloads and 5 of the transit gateway's attachments.
    expect(topology.workloads).toHaveLength(58 + 5 + 5);
    expect(topology.subnets.find((s) => s.id === 'subnet-01a9c660690e8965b')).toMatchObject({
      name: 'prod-app-c',
      networkAclId: 'acl-0f5037bec667ec522',
    });
  });

  it('has the route tables with their names, subnets and routes', () => {
    expect(topology.routeTables.map((t) => [t.name, t.isMain, t.subnetIds.length, t.routes.length])).toEqual([
      [null, true, 0, 1],
      ['prod-public-rt', false, 3, 3],
      ['prod-private-rt', false, 6, 4],
      [null, true, 0, 3],
    ]);
    expect(topology.routeTables[1]?.routes[1]).toEqual({
      destination: '10.30.0.0/16',
      target: 'pcx-01f7c07e7d9cb4e7a',
      state: 'active',
    });
  });

  it('has the active peering between its two VPCs, and the transit gateway attached to both', () => {
    const [prodCore, sharedServices] = ['vpc-0b0e589882d7b2940', 'vpc-099d19c8d624dc3a1'];
    expect(topology.peerings).toEqual([{ id: 'pcx-01f7c07e7d9cb4e7a', vpcIds: [prodCore, sharedServices] }]);
    const routeTableId = 'tgw-rtb-04e6e220554cbc6a9';
    expect(topology.transitGateways).toEqual([
      {
        id: 'tgw-06a1129c805ca6a6f',
        name: 'northwind-hub',
        owner: 'platform',
        securityGroupReferencing: false,
        exported: true,
        attachments: [
          { id: 'tgw-attach-04cc88fa7a14ae1fc', vpcId: prodCore, routeTableId },
          { id: 'tgw-attach-0ad877115ef06cbb0', vpcId: sharedServices, routeTableId },
        ].map((attachment) => ({ ...attachment, securityGroupReferencing: true, exported: true })),
      },
    ]);
    expect(topology.transitGatewayRouteTables).toEqual([
      {
        id: routeTableId,
        transitGatewayIds: ['tgw-06a1129c805ca6a6f'],
        complete: true,
        routes: [
          { destination: '10.20.0.0/16', attachmentIds: ['tgw-attach-04cc88fa7a14ae1fc'] },
          { destination: '10.30.0.0/16', attachmentIds: ['tgw-attach-0ad877115ef06cbb0'] },
        ].map((route) => ({ ...route, type: 'propagated', state: 'active' })),
      },
    ]);
  });

  it('has the prefix lists rules name, with the entries the export gives and the groups naming them', () => {
    expect(topology.prefixLists).toEqual([
      {
        id: 'pl-6da54004',
        name: 'com.amazonaws.eu-west-1.s3',
        entries: ['3.5.64.0/21', '3.5.72.0/23', '52.92.0.0/17', '52.218.0.0/17'],
        managedByAws: true,
        namedBy: ['sg-0610d5fed0b182485'],
      },
      {
        id: 'pl-0160305a5dae363e7',
        name: 'corp-office-ranges',
        entries: null,
        managedByAws: false,
        namedBy: ['sg-0ef6445ac1a5f0d86'],
      },
    ]);
  });

  it('ties workloads to their service and app', () => {
    expect(topology.workloads.find((w) => w.id === 'eni-0b5be2d0910b12c9b')).toMatchObject({
      app: 'inventory',
      service: 'stock-sync',
      subnetId: 'subnet-01a9c660690e8965b',
    });
  });

  it('marks the two blocked dependencies blocked and the others allowed', () => {
    expect(verdictOf('order-api', 'payment-gateway')).toBe('blocked');
    expect(verdictOf('stock-sync', 'orders-db')).toBe('blocked');
    expect(verdictOf('web-frontend', 'catalog-api')).toBe('allowed');
    const blocked = topology.dependencies.filter((d) => d.verdict === 'blocked');
    expect(blocked.map((d) => `${d.from}->${d.to}`).sort()).toEqual([
      'order-api->payment-gateway',
      'push-worker->session-cache',
      'stock-sync->orders-db',
    ]);
  });

  it('writes rules on one line with their description', () => {
    const inventory = topology.segments.find((s) => s.groupId === 'sg-058eef32796b1e7cd');
    expect(inventory?.rules).toContainEqual(
      expect.objectContaining({
        text: 'ingress tcp/11211 from 10.20.16.0/20',
        description: 'legacy memcached',
      }),
    );
  });

  it('names an ICMP rule’s type, as the reports do (audit P3 #2)', () => {
    // The bastion's rule from the corporate list admits echo requests only (FromPort 8, ToPort -1).
    const bastion = topology.segments.find((s) => s.groupId === 'sg-0ef6445ac1a5f0d86');
    expect(bastion?.rules.map((rule) => rule.text)).toContain(
      'ingress icmp type 8 from pl-0160305a5dae363e7',
    );
  });

  it('counts an allowance as used only when a dependency flows through it', () => {
    const used = (from: string, to: string) =>
      topology.usedSegmentPairs.some((p) => p.fromGroup === from && p.toGroup === to);
    // order-api (sg-0dd0baa66bc0f6db5) -> rds-postgres (sg-0619411f266f96a8d) on 5432
    expect(used('sg-0dd0baa66bc0f6db5', 'sg-0619411f266f96a8d')).toBe(true);
    // Nothing calls the payments gateway from order-api's own group: the dependency is blocked.
    expect(used('sg-0dd0baa66bc0f6db5', 'sg-0587bc80ef36fddd5')).toBe(false);
  });
});
