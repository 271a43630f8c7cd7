import { describe, expect, it } from 'vitest';
import {
  type FlowEndServices,
  observedDependencies,
  outsideFlowsKept,
} from '../../../main/core/applications/observedDependencies';
import type { ObservedFlow } from '../../../main/core/domain/applications';
import type { Estate, Vpc, Workload } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { diffOutsideFlows } from '../../../main/core/impact/outsideFlows';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { route } from '../analysis/exportBuilder';
import { overlappingVpcs } from '../analysis/overlappingVpcs';
import { corpEstate, corpImpact, office } from './corp';

const flow = (client: string, server: string, port: number | null, more: Partial<ObservedFlow> = {}) => ({
  client,
  server,
  protocol: 6,
  serverPort: port,
  action: 'ACCEPT' as const,
  records: 10,
  packets: 100,
  bytes: 10_000,
  firstSeen: 1_764_000_000,
  lastSeen: 1_764_003_600,
  ...more,
});

/** Ends by address alone, workloads being the services' addresses unless told otherwise. */
const byAddress = (
  services: ReadonlyMap<string, string>,
  workloads: ReadonlySet<string> = new Set(services.keys()),
): FlowEndServices => ({
  serviceOf: (address) => services.get(address),
  isWorkload: (address) => workloads.has(address),
  eniOf: (address) => (workloads.has(address) ? `eni-${address}` : null),
  relays: () => false,
  isContested: () => false,
});

const officeRange: ChangeEdit = {
  op: 'add-prefix-list-entry',
  prefixListId: office,
  cidr: '198.51.100.0/24',
};
const dropOfficeRange: ChangeEdit = { ...officeRange, op: 'remove-prefix-list-entry' };
const addAnother: ChangeEdit = { ...officeRange, cidr: '192.0.2.0/24' };

describe('conversations from outside every service', () => {
  it('are kept from the flow logs: accepted, into a service, the busiest first, at most a bound', () => {
    const services = new Map([
      ['10.0.2.10', 'admin-ssh'],
      ['10.0.1.5', 'bastion'],
    ]);
    const { outside, unattributed } = observedDependencies(
      [
        flow('198.51.100.23', '10.0.2.10', 22, { records: 15, lastSeen: 1_764_090_000 }),
        flow('192.0.2.9', '10.0.2.10', 22, { records: 40 }),
        flow('192.0.2.66', '10.0.2.10', 22, { action: 'REJECT', records: 99 }),
        flow('10.0.2.10', '192.0.2.80', 443),
        flow('10.0.1.5', '10.0.2.10', 22),
      ],
      byAddress(services),
    );
    expect(unattributed).toBe(4);
    expect(outside).toEqual([
      {
        client: '192.0.2.9',
        server: '10.0.2.10',
        workloadId: 'eni-10.0.2.10',
        service: 'admin-ssh',
        protocol: 'tcp',
        port: 22,
        records: 40,
        lastSeen: 1_764_003_600,
      },
      {
        client: '198.51.100.23',
        server: '10.0.2.10',
        workloadId: 'eni-10.0.2.10',
        service: 'admin-ssh',
        protocol: 'tcp',
        port: 22,
        records: 15,
        lastSeen: 1_764_090_000,
      },
    ]);
    // An outside service reached at its address (catalog) has no workload a change could cut off.
    const withPsp = new Map([...services, ['192.0.2.10', 'psp']]);
    const toPsp = [flow('10.20.0.54', '192.0.2.10', 443)];
    expect(observedDependencies(toPsp, byAddress(withPsp, new Set(services.keys()))).outside).toEqual([]);
    expect(observedDependencies(toPsp, byAddress(withPsp)).outside).toHaveLength(1);
    const many = Array.from({ length: outsideFlowsKept + 5 }, (_, i) =>
      flow(`203.0.113.${i % 250}`, '10.0.2.10', 1000 + i, { records: i }),
    );
    const kept = observedDependencies(many, byAddress(services)).outside;
    expect(kept).toHaveLength(outsideFlowsKept);
    expect(kept[0]?.records).toBe(outsideFlowsKept + 4);
  });

  it('that a change stops are reported with the rule that decides, raise the risk, and ask the owners', async () => {
    const before = applyChange(await corpEstate([route('0.0.0.0/0', 'igw-0corp000000000001')]), {
      edits: [officeRange],
    });
    const flows = [
      flow('198.51.100.23', '10.0.2.10', 22, { records: 42 }),
      // Denied already: the office range did not hold it.
      flow('192.0.2.50', '10.0.2.10', 22),
      // On premises, not in the export: its path cannot be checked.
      flow('10.9.1.7', '10.0.2.10', 22),
      // eni-bastion is not affected by the office list.
      flow('198.51.100.23', '10.0.1.5', 22),
    ];
    const report = corpImpact(before, applyChange(before, { edits: [dropOfficeRange] }), flows);
    expect(report.outsideFlows).toMatchObject([
      {
        client: '198.51.100.23',
        workloadId: 'eni-admin',
        service: 'admin-ssh',
        app: 'admin',
        protocol: 'tcp',
        port: 22,
        records: 42,
        after: false,
        layers: ['sg-ingress'],
      },
    ]);
    expect(report.outsideFlows[0]?.reason).toMatch(/^sg-ingress: /);
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons).toContain(
      '1 connection from outside seen in the flow logs stops: 198.51.100.23 → admin-ssh tcp 22',
    );
    expect(report.approvers).toContainEqual({
      owner: 'platform',
      reasons: expect.arrayContaining(['app admin: connections from outside stop']),
    });
    expect(report.apps).toContainEqual(expect.objectContaining({ app: 'admin', outsideStopped: 1 }));
    expect(impactMarkdown(report)).toContain('## Connections from outside seen in the flow logs');
    // Another range stops nothing.
    expect(corpImpact(before, applyChange(before, { edits: [addAnother] }), flows).outsideFlows).toEqual([]);
  });

  it('into an address another VPC holds too are checked at the ENI whose interface logged them', async () => {
    // A lab VPC of another account with corp's range, listed after it, whose ENI holds eni-admin's address.
    const corp = applyChange(await corpEstate([route('0.0.0.0/0', 'igw-0corp000000000001')]), {
      edits: [officeRange],
    });
    const admin = corp.workloads.find((w) => w.id === 'eni-admin') as Workload;
    const before: Estate = {
      ...corp,
      vpcs: [...corp.vpcs, { ...(corp.vpcs[0] as Vpc), id: 'vpc-lab' }],
      workloads: [...corp.workloads, { ...admin, id: 'eni-lab', vpcId: 'vpc-lab', tags: { service: 'lab' } }],
    };
    const flows = [flow('198.51.100.23', '10.0.2.10', 22, { records: 42, interfaceId: 'eni-admin' })];
    const report = corpImpact(before, applyChange(before, { edits: [dropOfficeRange] }), flows);
    expect(report.outsideFlows).toMatchObject([
      { client: '198.51.100.23', workloadId: 'eni-admin', service: 'admin-ssh', after: false },
    ]);
  });

  it('that a change leaves undecidable may stop', async () => {
    const before = applyChange(await corpEstate([route('0.0.0.0/0', 'igw-0corp000000000001')]), {
      edits: [officeRange],
    });
    const after = applyChange(before, {
      edits: [
        { op: 'remove-rule', rule: 'sg-admin/ingress/0/0' },
        {
          op: 'add-rule',
          rule: {
            groupId: 'sg-admin',
            direction: 'ingress',
            protocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            peer: 'pl-0unknown0000001',
          },
        },
      ],
    });
    const report = corpImpact(before, after, [flow('198.51.100.23', '10.0.2.10', 22)]);
    expect(report.outsideFlows).toMatchObject([{ client: '198.51.100.23', after: 'unknown' }]);
    expect(report.risk.reasons).toContain(
      '1 connection from outside seen in the flow logs may stop (undecidable after): 198.51.100.23 → admin-ssh tcp 22',
    );
  });

  it('count a client at an address several VPCs hold as the ENI in the server’s VPC, as the check does', async () => {
    // 10.0.1.10 is eni-a1 beside the server eni-a2, and eni-b1 (listed last) in vpc-b; the change
    // closes eni-a1's way out, so it alone is affected.
    const [before, after] = await Promise.all([
      overlappingVpcs().engine(),
      overlappingVpcs({ egressA: [] }).engine(),
    ]);
    const fromA1 = {
      client: '10.0.1.10',
      server: '10.0.1.20',
      workloadId: 'eni-a2',
      service: 'ledger',
      protocol: 'tcp',
      port: 443,
      records: 3,
      lastSeen: 1_764_003_600,
    };
    const changes = diffOutsideFlows(before, after, [fromA1], new Set(['eni-a1']), () => null);
    expect(changes).toMatchObject([{ client: '10.0.1.10', workloadId: 'eni-a2', after: false }]);
  });
});
