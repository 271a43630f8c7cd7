import { beforeAll, describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { sampleDir } from '../helpers/sampleCounts';
import { sampleRouting, throughHub } from '../helpers/sampleRouting';

const { prodPublic, prodPrivate, prodMain, hub, hubTable, prodAttachment, sharedAttachment, prodCore } =
  sampleRouting;

let sample: Estate;
let viaHub: Estate;
beforeAll(async () => {
  sample = (await readAwsExport([{ kind: 'path', path: sampleDir }])).estate;
  viaHub = applyChange(sample, { edits: throughHub });
});

/** Each routing what-if, on the estate it changes: the sample as exported, or with its flows through the hub. */
const cases: [string, () => Estate, ChangeEdit[]][] = [
  ['a route sent elsewhere', () => sample, [throughHub[2] as ChangeEdit]],
  [
    'a public route removed',
    () => sample,
    [{ op: 'remove-route', routeTableId: prodPublic, destination: '10.30.0.0/16' }],
  ],
  [
    'a route removed',
    () => sample,
    [{ op: 'remove-route', routeTableId: prodPrivate, destination: '10.30.0.0/16' }],
  ],
  [
    'a subnet routed by another table',
    () => sample,
    [
      {
        op: 'set-route-table-association',
        subnetId: 'subnet-0a56ca0958254bc9a',
        routeTableId: prodMain,
      },
    ],
  ],
  [
    'referencing on the transit gateway',
    () => viaHub,
    [{ op: 'set-security-group-referencing', transitGatewayId: hub, enabled: true }],
  ],
  [
    'an attachment disassociated',
    () => viaHub,
    [{ op: 'set-transit-gateway-association', attachmentId: prodAttachment, routeTableId: null }],
  ],
  [
    'a propagation stopped',
    () => viaHub,
    [
      {
        op: 'set-transit-gateway-propagation',
        attachmentId: sharedAttachment,
        routeTableId: hubTable,
        enabled: false,
      },
    ],
  ],
  [
    "an entry of the ACL of the hub's subnets in shared-services",
    () => viaHub,
    [
      {
        op: 'change-acl-entry',
        entry: { aclId: 'acl-04664ef62ee49d6ad', egress: false, ruleNumber: 100 },
        set: { action: 'deny' },
      },
    ],
  ],
  [
    'a blackhole for a subnet',
    () => viaHub,
    [
      {
        op: 'add-transit-gateway-route',
        routeTableId: hubTable,
        destination: '10.20.16.0/20',
        blackhole: true,
      },
    ],
  ],
];

describe('which workloads a routing change affects (docs/impact.md)', () => {
  it.each(cases)(
    '%s: the workloads of the VPCs it routes, and the same flows as comparing all',
    (_, base, edits) => {
      const before = base();
      const after = applyChange(before, { edits });
      const affected = affectedWorkloads(before, after, diffEstates(before, after));
      expect(affected).not.toBe('all');
      const found = diffFlows(before, after, affected, new Map(), []);
      expect(found.flows.length).toBeGreaterThan(0);
      expect(found).toEqual(diffFlows(before, after, 'all', new Map(), []));
      const sides = [before, after].map((estate) => ({ estate, engine: new ReachabilityEngine(estate) }));
      const [was, now] = sides as [(typeof sides)[number], (typeof sides)[number]];
      expect(diffInternetEgress(was, now, affected, new Map())).toEqual(
        diffInternetEgress(was, now, 'all', new Map()),
      );
    },
  );

  it('leaves out the VPCs a route edit does not route, unless its table routes where a transit gateway delivers', () => {
    const affectedBy = (edit: ChangeEdit) => {
      const after = applyChange(sample, { edits: [edit] });
      return affectedWorkloads(sample, after, diffEstates(sample, after));
    };
    const inVpc = (vpcId: string) =>
      new Set(sample.workloads.filter((w) => w.vpcId === vpcId).map((w) => w.id));
    // prod-public-rt routes the public subnets only.
    expect(affectedBy(throughHub[0] as ChangeEdit)).toEqual(inVpc(prodCore));
    expect(inVpc(prodCore).size).toBeLessThan(sample.workloads.length);
    // shared-services' main table also routes shared-tools-a and -b, where the hub delivers into the
    // VPC: what enters there from prod-core may pass through, so prod-core's workloads count too.
    expect(affectedBy(throughHub[2] as ChangeEdit)).toEqual(new Set(sample.workloads.map((w) => w.id)));
  });
});
