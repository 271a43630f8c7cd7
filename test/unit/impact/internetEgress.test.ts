import { describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { AclEntrySpec, ProposedChange } from '../../../main/core/impact/change';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { egressHub } from '../analysis/egressHub';
import { shopEstate, shopSide, withEndpoint } from './shop';

const subject = {
  kind: 'change',
  title: 'egress',
  before: { snapshotId: 1, name: 'shop' },
  after: { snapshotId: null, name: 'shop with the change' },
} as const;

async function impactOf(change: ProposedChange, estate?: Estate) {
  const before = estate ?? (await shopEstate());
  const side = shopSide(before);
  return computeImpact(subject, side, { ...side, estate: applyChange(before, change) }, defaultTagKeys);
}

const removeWebEgress: ProposedChange = { edits: [{ op: 'remove-rule', rule: 'sg-web/egress/0/0' }] };

/** tcp 443 out to anywhere, added to a group. */
const allow443Out = (groupId: string): ProposedChange => ({
  edits: [
    {
      op: 'add-rule',
      rule: { groupId, direction: 'egress', protocol: 'tcp', fromPort: 443, toPort: 443, peer: '0.0.0.0/0' },
    },
  ],
});

/** An outbound deny to anywhere in front of subnet-web's ACL, which otherwise allows everything. */
const denyOutOfWeb = (traffic: Pick<AclEntrySpec, 'protocol' | 'fromPort' | 'toPort'>): ProposedChange => ({
  edits: [
    {
      op: 'add-acl-entry',
      entry: { aclId: 'acl-web', egress: true, ruleNumber: 1, action: 'deny', cidr: '0.0.0.0/0', ...traffic },
    },
  ],
});

describe('connections out to the internet in the impact', () => {
  it("leaves out an interface endpoint's interface: its groups' egress lets out no connection of its own", async () => {
    // An interface endpoint given sg-web, public subnet and all: the same rules as eni-web1.
    const shop = withEndpoint(await shopEstate(), 'eni-web1', { id: 'eni-vpce', ip: '10.0.1.50' });
    const report = await impactOf(removeWebEgress, shop);
    expect(report.internetEgress.flatMap((one) => one.workloadIds)).toEqual(['eni-web1', 'eni-web2']);
  });

  it('removing egress to anywhere stops what got out, and says where nothing got out anyway', async () => {
    const report = await impactOf(removeWebEgress);
    expect(report.internetEgress).toEqual([
      {
        workloadIds: ['eni-web1'],
        apps: ['shop'],
        protocol: '-1',
        family: 4,
        added: [],
        removed: [{ from: 0, to: 65535 }],
        // The removed rule, the one that opened the removed ports.
        rules: [expect.objectContaining({ ruleKey: 'sg-web/egress/0/0' })],
        // Public address, a route to the internet gateway, an ACL that allows everything.
        removedGotOut: true,
        addedGetsOut: null,
        kept: [],
        keptGotOut: null,
        keptGetsOut: null,
      },
      {
        workloadIds: ['eni-web2'],
        apps: ['shop'],
        protocol: '-1',
        family: 4,
        added: [],
        removed: [{ from: 0, to: 65535 }],
        // The removed rule, the one that opened the removed ports.
        rules: [expect.objectContaining({ ruleKey: 'sg-web/egress/0/0' })],
        // No public address and no NAT gateway: it never got out.
        removedGotOut: false,
        addedGetsOut: null,
        kept: [],
        keptGotOut: null,
        keptGetsOut: null,
      },
    ]);
    expect(report.risk.reasons).toContain(
      'connections out to the internet stop: all traffic from 1 workload of shop',
    );
    expect(report.approvers.find((a) => a.owner === 'web')?.reasons).toContain(
      'app shop: connections out to the internet stop',
    );
    const markdown = impactMarkdown(report);
    expect(markdown).toContain('Connections out to the internet');
    expect(markdown).toContain('removed ports got out: they stop');
    expect(markdown).toContain('removed ports were stopped already by the ACL or routing');
  });

  it('workloads alike are one entry', async () => {
    const shop = await shopEstate();
    const bothPublic = {
      ...shop,
      workloads: shop.workloads.map((w) => (w.id === 'eni-web2' ? { ...w, publicIp: '203.0.113.11' } : w)),
    };
    const report = await impactOf(removeWebEgress, bothPublic);
    expect(report.internetEgress).toMatchObject([
      { workloadIds: ['eni-web1', 'eni-web2'], protocol: '-1', removedGotOut: true },
    ]);
  });

  it('narrowing all traffic to tcp 443 keeps 443 and removes the rest', async () => {
    const report = await impactOf({
      edits: [
        {
          op: 'change-rule',
          rule: 'sg-web/egress/0/0',
          set: { protocol: 'tcp', fromPort: 443, toPort: 443 },
        },
      ],
    });
    const web1 = report.internetEgress.filter((e) => e.workloadIds.includes('eni-web1'));
    expect(web1).toMatchObject([
      { protocol: '-1', removed: [{ from: 0, to: 65535 }], added: [], removedGotOut: true },
      {
        protocol: 'tcp',
        removed: [
          { from: 0, to: 442 },
          { from: 444, to: 65535 },
        ],
        added: [],
        removedGotOut: true,
      },
    ]);
  });

  it('an opening the routing stops is said not to get out, with the rule that opens it', async () => {
    const report = await impactOf(allow443Out('sg-db'));
    // subnet-db has only the local route: its public address leads nowhere.
    expect(report.internetEgress).toMatchObject([
      {
        workloadIds: ['eni-db'],
        apps: ['data'],
        protocol: 'tcp',
        added: [{ from: 443, to: 443 }],
        removed: [],
        removedGotOut: null,
        addedGetsOut: false,
      },
    ]);
    expect(report.internetEgress[0]?.rules.map((r) => ('ruleKey' in r ? r.ruleKey : r.kind))).toEqual([
      'proposed:$.edits[0]',
    ]);
    expect(report.risk.reasons.join('\n')).not.toContain('connections out to the internet');
  });

  it('the same opening through an internet gateway gets out, and is a reason', async () => {
    const closed = applyChange(await shopEstate(), removeWebEgress);
    const report = await impactOf(allow443Out('sg-web'), closed);
    expect(report.internetEgress).toMatchObject([
      { workloadIds: ['eni-web1'], protocol: 'tcp', added: [{ from: 443, to: 443 }], addedGetsOut: true },
      { workloadIds: ['eni-web2'], protocol: 'tcp', added: [{ from: 443, to: 443 }], addedGetsOut: false },
    ]);
    expect(report.risk.reasons).toContain(
      'connections out to the internet open: tcp 443 from 1 workload of shop',
    );
    expect(report.approvers.find((a) => a.owner === 'web')?.reasons).toContain(
      'app shop: connections out to the internet open',
    );
  });

  it('opening a port out to ::/0 that 0.0.0.0/0 already opens is connections out opened over IPv6', async () => {
    const change: ProposedChange = {
      edits: [
        {
          op: 'add-rule',
          rule: {
            groupId: 'sg-web',
            direction: 'egress',
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            peer: '::/0',
          },
        },
      ],
    };
    const report = await impactOf(change, await shopEstate({ ipv6: true }));
    expect(report.internetEgress).toMatchObject([
      {
        workloadIds: ['eni-web1'],
        protocol: 'tcp',
        family: 6,
        added: [{ from: 443, to: 443 }],
        addedGetsOut: true,
      },
    ]);
    expect(impactMarkdown(report)).toContain('tcp over IPv6');
  });

  it('an ACL that stops the way out stops what the groups still open, and names that cause', async () => {
    const report = await impactOf(denyOutOfWeb({ protocol: '-1' }));
    // eni-web2 and eni-ops never got out: only eni-web1's connections stop.
    expect(report.internetEgress).toEqual([
      {
        workloadIds: ['eni-web1'],
        apps: ['shop'],
        protocol: '-1',
        family: 4,
        added: [],
        removed: [],
        kept: [{ from: 0, to: 65535 }],
        rules: [expect.objectContaining({ ruleKey: 'sg-web/egress/0/0' })],
        removedGotOut: null,
        addedGetsOut: null,
        keptGotOut: true,
        keptGetsOut: false,
      },
    ]);
    expect(report.risk.reasons).toContain(
      'connections out to the internet stop: all traffic from 1 workload of shop',
    );
    expect(impactMarkdown(report)).toContain('all still open, the way out changed: got out yes, now no');
  });

  it('an ACL that stops one port stops its connections, though other ports still get out', async () => {
    const report = await impactOf(denyOutOfWeb({ protocol: 'tcp', fromPort: 443, toPort: 443 }));
    expect(report.internetEgress).toMatchObject([
      {
        workloadIds: ['eni-web1'],
        protocol: 'tcp',
        kept: [{ from: 443, to: 443 }],
        rules: [expect.objectContaining({ ruleKey: 'sg-web/egress/0/0' })],
        keptGotOut: true,
        keptGetsOut: false,
      },
    ]);
    expect(report.risk.reasons).toContain(
      'connections out to the internet stop: tcp 443 from 1 workload of shop',
    );
  });

  it("an entry of a NAT gateway's subnet ACL stopping one port stops it for the workloads behind it, as check says", async () => {
    // Centralized egress: eni-a's groups open all traffic, and its way out crosses nat-1's subnet-pub.
    const before = await egressHub().estate();
    const after = applyChange(before, {
      edits: [
        {
          op: 'add-acl-entry',
          entry: {
            aclId: 'acl-pub',
            egress: true,
            ruleNumber: 90,
            action: 'deny',
            protocol: 'tcp',
            cidr: '0.0.0.0/0',
            fromPort: 443,
            toPort: 443,
          },
        },
      ],
    });
    const [was, now] = [before, after].map((estate) => ({ estate, engine: new ReachabilityEngine(estate) }));
    if (was === undefined || now === undefined) throw new Error('two sides');
    const flow = { source: 'eni-a', destination: '198.51.100.7', protocol: 'tcp', port: 443 };
    expect([was.engine.checkOut(flow).allowed, now.engine.checkOut(flow).allowed]).toEqual([true, false]);
    expect(now.engine.checkOut({ ...flow, port: 80 }).allowed).toBe(true);
    expect(diffInternetEgress(was, now, 'all', new Map())).toMatchObject([
      {
        workloadIds: ['eni-a'],
        protocol: 'tcp',
        family: 4,
        kept: [{ from: 443, to: 443 }],
        keptGotOut: true,
        keptGetsOut: false,
      },
    ]);
  });

  it('all traffic is judged protocol by protocol: udp getting out does not hide tcp that stops', async () => {
    const report = await impactOf(denyOutOfWeb({ protocol: 'tcp', fromPort: 0, toPort: 65535 }));
    expect(report.internetEgress).toMatchObject([
      {
        workloadIds: ['eni-web1'],
        protocol: 'tcp',
        kept: [{ from: 0, to: 65535 }],
        keptGotOut: true,
        keptGetsOut: false,
      },
    ]);
  });

  it('an ICMP echo reply that still gets out does not hide connections that stop', async () => {
    // Only icmp type 0 leaves the subnet: a reply, which needs nothing back, where no ping gets out.
    const change: ProposedChange = {
      edits: [
        {
          op: 'add-acl-entry',
          entry: {
            aclId: 'acl-web',
            egress: true,
            ruleNumber: 1,
            action: 'allow',
            cidr: '0.0.0.0/0',
            protocol: 'icmp',
            icmpType: 0,
            icmpCode: -1,
          },
        },
        ...denyOutOfWeb({ protocol: '-1' }).edits.map((edit) =>
          edit.op === 'add-acl-entry' ? { ...edit, entry: { ...edit.entry, ruleNumber: 2 } } : edit,
        ),
      ],
    };
    const report = await impactOf(change);
    const stopped = report.internetEgress.filter(
      (one) => one.keptGotOut === true && one.keptGetsOut === false,
    );
    expect(stopped.map((one) => [one.protocol, one.kept])).toEqual([
      ['tcp', [{ from: 0, to: 65535 }]],
      ['udp', [{ from: 0, to: 65535 }]],
      ['icmp', [{ from: 1, to: 255 }]],
    ]);
  });

  it('a way out the export cannot decide is unknown, not stopped', async () => {
    const shop = await shopEstate();
    // subnet-web's default route goes to a transit gateway, whose own routes are not exported.
    const throughTransit = {
      ...shop,
      routeTables: shop.routeTables.map((table) =>
        table.id === 'rtb-web'
          ? {
              ...table,
              routes: table.routes.map((route) =>
                route.targetKind === 'internet-gateway'
                  ? { ...route, targetKind: 'transit-gateway' as const, targetId: 'tgw-1' }
                  : route,
              ),
            }
          : table,
      ),
    };
    const report = await impactOf(removeWebEgress, throughTransit);
    expect(report.internetEgress).toMatchObject([
      { workloadIds: ['eni-web1', 'eni-web2'], removedGotOut: 'unknown' },
    ]);
    expect(impactMarkdown(report)).toContain('whether removed ports got out cannot be told from the export');
    expect(report.risk.reasons.join('\n')).not.toContain('connections out to the internet');
  });
});
