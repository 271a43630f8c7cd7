import { describe, expect, it } from 'vitest';
import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ProposedChange } from '../../../main/core/impact/change';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { headline } from '../../../main/core/impact/report/text';
import { shopEstate, shopSide, withEndpoint } from './shop';

const subject = {
  kind: 'change',
  title: 'test',
  before: { snapshotId: 1, name: 'shop' },
  after: { snapshotId: null, name: 'shop with the change' },
} as const;

async function impactOf(change: ProposedChange, adjust: (estate: Estate) => Estate = (estate) => estate) {
  const estate = adjust(await shopEstate());
  const side = shopSide(estate);
  return computeImpact(
    subject,
    side,
    { ...side, estate: applyChange(estate, change) },
    defaultTagKeys,
    change.notEvaluated,
  );
}

/** A tcp port of sg-web opened to the whole internet. */
const fromAnywhere = (port: number): ProposedChange['edits'][number] => ({
  op: 'add-rule',
  rule: {
    groupId: 'sg-web',
    direction: 'ingress',
    protocol: 'tcp',
    fromPort: port,
    toPort: port,
    peer: '0.0.0.0/0',
  },
});

/** ssh opened to the whole internet on sg-web, whose eni-web1 has a public address. */
const sshFromAnywhere: ProposedChange = { edits: [fromAnywhere(22)] };

/** acl-web stops tcp 22 from the internet in front of everything else it allows. */
const denySshIntoWeb: ProposedChange['edits'][number] = {
  op: 'add-acl-entry',
  entry: {
    aclId: 'acl-web',
    egress: false,
    ruleNumber: 1,
    action: 'deny',
    cidr: '0.0.0.0/0',
    protocol: 'tcp',
    fromPort: 22,
    toPort: 22,
  },
};

describe('computeImpact', () => {
  it('removing the rule a dependency uses blocks it: high risk, both owners approve', async () => {
    const report = await impactOf({ edits: [{ op: 'remove-rule', rule: 'sg-db/ingress/0/0' }] });
    expect(report.dependencies).toMatchObject([
      {
        from: 'web',
        to: 'db',
        effect: 'breaks',
        workloadPairs: 2,
        newlyBlocked: 2,
        fromApp: 'shop',
        toApp: 'data',
      },
    ]);
    expect(report.dependencies[0]?.examples[0]).toMatchObject({
      before: true,
      after: false,
      layers: ['sg-ingress'],
    });
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons[0]).toContain('web → db tcp/5432');
    expect(report.changes.rules.removed).toEqual([
      { id: 'sg-db/ingress/0/0', segment: 'sg-db', text: 'sg-db ingress tcp 5432 from sg-web' },
    ]);
    expect(report.flows).toMatchObject([
      {
        from: { workloadIds: ['eni-web1', 'eni-web2'] },
        to: { workloadIds: ['eni-db'] },
        protocol: 'tcp',
        closed: [{ from: 5432, to: 5432 }],
        opened: [],
        workloadPairs: 2,
        neededBy: ['web → db tcp/5432'],
      },
    ]);
    expect(report.segments).toEqual([
      {
        fromGroup: 'sg-web',
        toGroup: 'sg-db',
        protocol: 'tcp',
        opened: [],
        closed: [{ from: 5432, to: 5432 }],
        workloadPairs: 2,
      },
    ]);
    expect(report.approvers.map((a) => a.owner)).toEqual(['dba', 'web']);
    expect(report.figures).toMatchObject({ dependenciesBroken: 1, pairsClosed: 2, pairsOpened: 0 });
  });

  it('a change that touches nothing the apps use is low risk', async () => {
    const report = await impactOf({
      edits: [
        {
          op: 'change-acl-entry',
          entry: { aclId: 'acl-db', egress: false, ruleNumber: 110 },
          set: { fromPort: 2222, toPort: 2222 },
        },
      ],
    });
    expect(report.dependencies).toEqual([]);
    expect(report.risk.level).toBe('low');
    expect(report.changes.aclEntries.changed).toEqual([
      {
        id: 'acl-db/ingress/110',
        segment: 'acl-db',
        before: 'acl-db #110 inbound allow tcp 22 from 10.0.0.0/16',
        after: 'acl-db #110 inbound allow tcp 2222 from 10.0.0.0/16',
      },
    ]);
  });

  it('adding 0.0.0.0/0 ingress to a group with a public workload adds exposure: high risk', async () => {
    const report = await impactOf(sshFromAnywhere);
    // eni-web2 carries the group too, but has no public address.
    expect(report.exposure).toEqual([
      {
        workloadId: 'eni-web1',
        publicAddress: '203.0.113.10',
        apps: ['shop'],
        protocol: 'tcp',
        added: [{ from: 22, to: 22 }],
        removed: [],
        rules: [
          expect.objectContaining({ groupId: 'sg-web', ruleKey: 'proposed:$.edits[0]', peer: '0.0.0.0/0' }),
        ],
        reachable: true,
      },
    ]);
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons).toContain('exposure to the internet added: eni-web1 tcp 22');
    // 0.0.0.0/0 holds the private addresses too: ops and web itself may now ssh to web; no dependency needs it.
    expect(report.flows).toMatchObject([
      {
        from: { workloadIds: ['eni-ops'] },
        to: { workloadIds: ['eni-web1', 'eni-web2'] },
        opened: [{ from: 22, to: 22 }],
        neededBy: [],
      },
      {
        from: { workloadIds: ['eni-web1', 'eni-web2'] },
        to: { workloadIds: ['eni-web1', 'eni-web2'] },
        opened: [{ from: 22, to: 22 }],
        workloadPairs: 2,
      },
    ]);
    expect(report.figures.unneededOpenings).toBe(2);
  });

  it('a route that lets the internet reach a port the groups already opened is exposure added', async () => {
    const latent = applyChange(await shopEstate(), {
      edits: [
        ...sshFromAnywhere.edits,
        { op: 'remove-route', routeTableId: 'rtb-web', destination: '0.0.0.0/0' },
      ],
    });
    const side = shopSide(latent);
    const routed = applyChange(latent, {
      edits: [{ op: 'add-route', routeTableId: 'rtb-web', destination: '0.0.0.0/0', target: 'igw-shop' }],
    });
    const report = await computeImpact(subject, side, { ...side, estate: routed }, defaultTagKeys);
    expect(report.exposure).toMatchObject([
      {
        workloadId: 'eni-web1',
        protocol: 'tcp',
        added: [{ from: 22, to: 22 }],
        removed: [],
        reachable: true,
      },
    ]);
    expect(report.risk.level).toBe('high');
    const back = await computeImpact(
      subject,
      shopSide(routed),
      { ...shopSide(routed), estate: latent },
      defaultTagKeys,
    );
    expect(back.exposure).toMatchObject([
      {
        workloadId: 'eni-web1',
        protocol: 'tcp',
        added: [],
        removed: [{ from: 22, to: 22 }],
        reachable: false,
      },
    ]);
  });

  it('exposure is decided per port: an ACL entry letting tcp 22 in where tcp 443 was reached already adds exposure', async () => {
    // sg-web opens tcp 443 and 22 to the internet; acl-web stops 22, so only 443 is reached.
    const httpsAndSsh = applyChange(await shopEstate(), {
      edits: [...sshFromAnywhere.edits, fromAnywhere(443), denySshIntoWeb],
    });
    const side = shopSide(httpsAndSsh);
    const opened = applyChange(httpsAndSsh, {
      edits: [{ op: 'remove-acl-entry', entry: { aclId: 'acl-web', egress: false, ruleNumber: 1 } }],
    });
    const report = await computeImpact(subject, side, { ...side, estate: opened }, defaultTagKeys);
    expect(report.exposure).toMatchObject([
      {
        workloadId: 'eni-web1',
        protocol: 'tcp',
        added: [{ from: 22, to: 22 }],
        removed: [],
        rules: [expect.objectContaining({ peer: '0.0.0.0/0', fromPort: 22 })],
        reachable: true,
      },
    ]);
    expect(report.risk.level).toBe('high');
  });

  it('ICMP error messages let in are said at low, not ranked as exposure', async () => {
    // acl-web admits only "fragmentation needed" (type 3 code 4) of ICMP: path MTU discovery.
    const pathMtuOnly = (estate: Estate) =>
      applyChange(estate, {
        edits: (
          [
            [1, 'allow', 3, 4],
            [2, 'deny', -1, -1],
          ] as const
        ).map(([ruleNumber, action, icmpType, icmpCode]) => ({
          op: 'add-acl-entry' as const,
          entry: {
            aclId: 'acl-web',
            egress: false,
            ruleNumber,
            action,
            cidr: '0.0.0.0/0',
            protocol: 'icmp',
            icmpType,
            icmpCode,
          },
        })),
      });
    const report = await impactOf(
      {
        edits: [
          {
            op: 'add-rule',
            rule: {
              groupId: 'sg-web',
              direction: 'ingress',
              protocol: 'icmp',
              fromPort: -1,
              toPort: -1,
              peer: '0.0.0.0/0',
            },
          },
        ],
      },
      pathMtuOnly,
    );
    expect(report.exposure.map(({ protocol, added, reachable }) => [protocol, added, reachable])).toEqual([
      ['icmp', [{ from: 3, to: 3 }], 'unknown'],
      [
        'icmp',
        [
          { from: 0, to: 2 },
          { from: 4, to: 255 },
        ],
        false,
      ],
    ]);
    expect(report.risk.level).toBe('medium');
    expect(report.risk.reasons.at(-1)).toBe(
      'ICMP error messages let in from the internet (no connection opens): eni-web1 icmp type 3',
    );
  });

  it('a port opened to the internet that the ACL stops is latent, though another port of its protocol is reached', async () => {
    const https = (estate: Estate) =>
      applyChange(estate, {
        edits: [fromAnywhere(443), denySshIntoWeb],
      });
    const report = await impactOf(sshFromAnywhere, https);
    expect(report.exposure).toMatchObject([
      { workloadId: 'eni-web1', protocol: 'tcp', added: [{ from: 22, to: 22 }], reachable: false },
    ]);
    expect(report.risk.level).toBe('medium');
    expect(report.risk.reasons).toContain(
      'security groups open to the internet, but the network ACL or routing stops it for now: eni-web1 tcp 22',
    );
    expect(report.approvers.find((a) => a.owner === 'web')?.reasons).toContain(
      'app shop: eni-web1 opened to the internet, latent: the ACL or routing stops it',
    );
  });

  it('exposure added counts (workload, protocol) pairs: ports of one pair with two verdicts are one', async () => {
    const httpsToo: ProposedChange = {
      edits: [...sshFromAnywhere.edits, fromAnywhere(443)],
    };
    const report = await impactOf(httpsToo, (estate) => applyChange(estate, { edits: [denySshIntoWeb] }));
    expect(report.exposure).toMatchObject([
      { workloadId: 'eni-web1', protocol: 'tcp', added: [{ from: 443, to: 443 }], reachable: true },
      { workloadId: 'eni-web1', protocol: 'tcp', added: [{ from: 22, to: 22 }], reachable: false },
    ]);
    expect(headline(report)).toContainEqual(['Exposure added (workload, protocol)', '1']);
    expect(report.apps.find((app) => app.app === 'shop')?.exposureAdded).toBe(1);
  });

  it('removing a port names the rule that admitted it, not the rules of the ports that stay', async () => {
    const both = applyChange(await shopEstate(), {
      edits: [...sshFromAnywhere.edits, fromAnywhere(443)],
    });
    const side = shopSide(both);
    const closed = applyChange(both, {
      edits: [{ op: 'remove-rule', rule: 'proposed:$.edits[0]' }],
    });
    const report = await computeImpact(subject, side, { ...side, estate: closed }, defaultTagKeys);
    expect(report.exposure).toMatchObject([
      {
        workloadId: 'eni-web1',
        protocol: 'tcp',
        added: [],
        removed: [{ from: 22, to: 22 }],
        rules: [expect.objectContaining({ fromPort: 22, toPort: 22 })],
      },
    ]);
    expect(report.exposure[0]?.rules).toHaveLength(1);
  });

  it('a dependency without a port breaks under its written name: icmp, not icmp/null', async () => {
    const open = applyChange(await shopEstate(), {
      edits: [
        {
          op: 'add-rule',
          rule: {
            groupId: 'sg-db',
            direction: 'ingress',
            protocol: 'icmp',
            fromPort: -1,
            toPort: -1,
            peer: 'sg-web',
          },
        },
        {
          op: 'add-acl-entry',
          entry: {
            aclId: 'acl-db',
            egress: false,
            ruleNumber: 120,
            action: 'allow',
            cidr: '10.0.1.0/24',
            protocol: 'icmp',
            icmpType: -1,
          },
        },
      ],
    });
    const ping = {
      from: 'web',
      to: 'db',
      protocol: 'icmp',
      port: null,
      origin: 'dependencies-file',
      source: { file: 'deps.csv', path: 'line 3' },
    } as const;
    const side = (estate: Estate) => ({
      estate,
      applications: buildApplicationModel(
        estate,
        { services: [], dependencies: [ping], providedApis: [], unresolvedApis: [], flows: [] },
        defaultTagKeys,
      ),
    });
    const closed = applyChange(open, { edits: [{ op: 'remove-rule', rule: 'proposed:$.edits[0]' }] });
    const report = await computeImpact(subject, side(open), side(closed), defaultTagKeys);
    expect(report.dependencies).toMatchObject([
      { from: 'web', to: 'db', protocol: 'icmp', port: null, effect: 'breaks' },
    ]);
    const md = impactMarkdown(report);
    expect(md).toContain('web → db icmp');
    expect(md).not.toContain('icmp/');
  });

  it('the same port opened to ::/0 where 0.0.0.0/0 already reaches it is exposure added over IPv6', async () => {
    const estate = applyChange(await shopEstate({ ipv6: true }), sshFromAnywhere);
    const overIpv6 = {
      edits: sshFromAnywhere.edits.map((edit) =>
        edit.op === 'add-rule' ? { ...edit, rule: { ...edit.rule, peer: '::/0' } } : edit,
      ),
    };
    const side = shopSide(estate);
    const report = await computeImpact(
      subject,
      side,
      { ...side, estate: applyChange(estate, overIpv6) },
      defaultTagKeys,
    );
    expect(report.exposure).toMatchObject([
      {
        workloadId: 'eni-web1',
        publicAddress: '2600:1f18:5:1::10',
        protocol: 'tcp',
        added: [{ from: 22, to: 22 }],
        rules: [expect.objectContaining({ peer: '::/0' })],
        reachable: true,
      },
    ]);
    expect(report.risk.level).toBe('high');
  });

  it('an exposure behind an inspection appliance is added unless the appliance stops it: high risk', async () => {
    // igw-shop's own route table (ingress routing) hands subnet-web to a firewall's endpoint first.
    const behindFirewall = (estate: Estate): Estate => {
      const [web] = estate.routeTables.filter((table) => table.id === 'rtb-web');
      if (web === undefined) throw new Error('the shop has rtb-web');
      const toFirewall = {
        destination: '10.0.1.0/24',
        targetKind: 'gateway-endpoint',
        targetId: 'vpce-0fw',
        state: 'active',
      } as const;
      const edge = { ...web, id: 'rtb-igw', subnetIds: [], gatewayIds: ['igw-shop'], routes: [toFirewall] };
      return { ...estate, routeTables: [...estate.routeTables, edge] };
    };
    const report = await impactOf(sshFromAnywhere, behindFirewall);
    expect(report.exposure).toMatchObject([
      { workloadId: 'eni-web1', added: [{ from: 22, to: 22 }], reachable: 'unknown' },
    ]);
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons).toContain(
      'exposure to the internet added, unless what the export does not show stops it: eni-web1 tcp 22',
    );
    expect(report.risk.reasons.join('\n')).not.toContain('stops it for now');
    // The written report's exposure table says the same.
    expect(impactMarkdown(report)).toContain('| yes, unless what the export does not show stops it |');
  });

  it("a Gateway Load Balancer endpoint's interface is no opening: it opens no connection of its own", async () => {
    // The firewall's endpoint sits in subnet-web with no group, as AWS creates it.
    const firewallEndpoint = (estate: Estate) =>
      withEndpoint(estate, 'eni-ops', { id: 'eni-gwlbe', ip: '10.0.1.40', groups: [] });
    const report = await impactOf(sshFromAnywhere, firewallEndpoint);
    const sources = report.flows.flatMap((flow) => flow.from.workloadIds);
    expect(sources).toContain('eni-ops');
    expect(sources).not.toContain('eni-gwlbe');
    expect(report.figures.unneededOpenings).toBe(2);
  });

  it('all traffic from anywhere is one exposure line for every port, and removing it again takes them back', async () => {
    const allFromAnywhere = {
      groupId: 'sg-web',
      direction: 'ingress',
      protocol: '-1',
      peer: '0.0.0.0/0',
    } as const;
    const tcp22 = { ...allFromAnywhere, protocol: 'tcp', fromPort: 22, toPort: 22 };
    const opened = await impactOf({
      edits: [
        { op: 'add-rule', rule: tcp22 },
        { op: 'add-rule', rule: allFromAnywhere },
      ],
    });
    // The tcp 22 line would add nothing to "every protocol, every port".
    expect(opened.exposure.map((e) => [e.workloadId, e.protocol, e.added, e.removed])).toEqual([
      ['eni-web1', '-1', [{ from: 0, to: 65535 }], []],
    ]);
    expect(opened.exposure[0]?.rules).toEqual([
      expect.objectContaining({ protocol: '-1', peer: '0.0.0.0/0' }),
    ]);
    // Comparing the other way round, the same workload loses it.
    const estate = await shopEstate();
    const side = shopSide(estate);
    const withAll = applyChange(estate, { edits: [{ op: 'add-rule', rule: allFromAnywhere }] });
    const closed = computeImpact(subject, { ...side, estate: withAll }, side, defaultTagKeys);
    expect(closed.exposure.map((e) => [e.workloadId, e.protocol, e.added, e.removed])).toEqual([
      ['eni-web1', '-1', [], [{ from: 0, to: 65535 }]],
    ]);
  });

  it('opening a group to the internet where the subnet has no internet route is latent exposure: medium', async () => {
    const report = await impactOf({
      edits: [
        {
          op: 'add-rule',
          rule: {
            groupId: 'sg-db',
            direction: 'ingress',
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            peer: '0.0.0.0/0',
          },
        },
      ],
    });
    expect(report.exposure).toMatchObject([
      { workloadId: 'eni-db', added: [{ from: 5432, to: 5432 }], reachable: false },
    ]);
    expect(report.risk.level).toBe('medium');
    expect(report.risk.reasons).toContain(
      'security groups open to the internet, but the network ACL or routing stops it for now: eni-db tcp 5432',
    );
  });

  it('adding a group to an ENI opens what the group is admitted to: an unneeded opening, medium', async () => {
    const report = await impactOf({ edits: [{ op: 'add-group', eni: 'eni-ops', groupId: 'sg-web' }] });
    expect(report.changes.workloads).toEqual([
      {
        workloadId: 'eni-ops',
        change: 'groups',
        text: 'sg-ops → sg-ops, sg-web',
        groupsAdded: ['sg-web'],
        groupsRemoved: [],
      },
    ]);
    expect(report.flows).toMatchObject([
      // eni-ops now also carries sg-web, so web's ingress 443 from 10.0.0.0/16 was open to it before and stays.
      {
        from: { workloadIds: ['eni-ops'], groupIds: ['sg-ops', 'sg-web'] },
        to: { workloadIds: ['eni-db'] },
        protocol: 'tcp',
        opened: [{ from: 5432, to: 5432 }],
        neededBy: [],
      },
      {
        from: { workloadIds: ['eni-web1', 'eni-web2'] },
        to: { workloadIds: ['eni-ops'] },
        protocol: 'tcp',
        opened: [{ from: 443, to: 443 }],
      },
    ]);
    expect(report.segments).toContainEqual({
      fromGroup: 'sg-web',
      toGroup: 'sg-db',
      protocol: 'tcp',
      opened: [{ from: 5432, to: 5432 }],
      closed: [],
      workloadPairs: 1,
    });
    expect(report.risk.level).toBe('medium');
    expect(report.risk.reasons[0]).toMatch(/^2 openings no dependency needs: ops → data tcp 5432/);
    // sg-ops has no owner tag: its approval is listed so that it is not missed.
    expect(report.approvers.map((a) => a.owner)).toEqual(['dba', 'ops', 'web', '(no owner recorded)']);
    // The figure counts owners, as the risk reason does: the unowned row is not one.
    expect(report.figures.ownersToApprove).toBe(3);
  });

  it('a network ACL entry edit that stops the dependency at the subnet breaks it', async () => {
    const report = await impactOf({
      edits: [
        {
          op: 'change-acl-entry',
          entry: { aclId: 'acl-db', egress: false, ruleNumber: 100 },
          set: { cidr: '10.0.3.0/24' },
        },
      ],
    });
    expect(report.dependencies).toMatchObject([{ effect: 'breaks', newlyBlocked: 2 }]);
    expect(report.dependencies[0]?.examples[0]).toMatchObject({
      layers: ['nacl-inbound'],
      rules: [expect.objectContaining({ kind: 'network-acl-entry', aclId: 'acl-db', ruleNumber: 32767 })],
    });
    expect(report.approvers.find((a) => a.owner === 'dba')?.reasons).toContain(
      'network ACL acl-db: entries edited',
    );
  });

  it('a rule the export cannot decide makes the dependency undecidable: may break, medium', async () => {
    const report = await impactOf(
      {
        edits: [
          { op: 'remove-rule', rule: 'sg-db/ingress/0/0' },
          {
            op: 'add-rule',
            rule: {
              groupId: 'sg-db',
              direction: 'ingress',
              protocol: 'tcp',
              fromPort: 5432,
              toPort: 5432,
              peer: 'pl-0abc',
            },
          },
        ],
      },
      // describe-managed-prefix-lists has the list, but its entries were not exported.
      (estate) => ({
        ...estate,
        prefixLists: [
          ...estate.prefixLists,
          {
            id: 'pl-0abc',
            name: 'partners',
            addressFamily: 'IPv4',
            entries: null,
            source: { file: 'prefix-lists.json', path: '$.PrefixLists[0]' },
          },
        ],
      }),
    );
    expect(report.dependencies).toMatchObject([{ effect: 'may-break', newlyUnknown: 2, newlyBlocked: 0 }]);
    // The prefix list might hold ops' address as well.
    expect(report.flows).toMatchObject([
      { from: { workloadIds: ['eni-ops'] }, closed: [], undecided: [{ from: 5432, to: 5432 }], neededBy: [] },
      {
        from: { workloadIds: ['eni-web1', 'eni-web2'] },
        closed: [],
        undecided: [{ from: 5432, to: 5432 }],
        neededBy: ['web → db tcp/5432'],
      },
    ]);
    expect(report.risk.level).toBe('medium');
  });

  it('compares only the pairs of affected workloads, and finds the same as comparing all', async () => {
    const estate = await shopEstate();
    const side = shopSide(estate);
    const changes = [
      { op: 'add-group', eni: 'eni-ops', groupId: 'sg-web' },
      {
        op: 'change-acl-entry',
        // Splits web's class: eni-web1 keeps its way to the database, eni-web2 loses it.
        entry: { aclId: 'acl-db', egress: false, ruleNumber: 100 },
        set: { cidr: '10.0.1.10/32' },
      },
      { op: 'move-workload', eni: 'eni-web2', subnetId: 'subnet-db', privateIp: '10.0.2.40' },
      { op: 'remove-rule', rule: 'sg-web/egress/0/0' },
    ] as const;
    for (const edit of changes) {
      const after = applyChange(estate, { edits: [edit] });
      const diff = diffEstates(estate, after);
      const affected = affectedWorkloads(estate, after, diff);
      expect(affected).not.toBe('all');
      const serviceOf = new Map(
        side.applications.apps.flatMap((a) =>
          a.services.flatMap((s) => s.workloadIds.map((id) => [id, s] as const)),
        ),
      );
      const deps = side.applications.dependencies;
      const found = diffFlows(estate, after, affected, serviceOf, deps);
      expect(found.flows.length).toBeGreaterThan(0);
      expect(found).toEqual(diffFlows(estate, after, 'all', serviceOf, deps));
    }
  });
});
