import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { overPermissiveRules } from '../../../main/core/findings/overPermissive';

import {
  AwsExportBuilder,
  allTraffic,
  anywhere,
  route,
  tcp,
  transitGatewayRoute,
} from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';
import { declared } from './declared';

type Json = ReturnType<typeof tcp>;

interface Across {
  /** tgw-1's and its attachments' security group referencing. */
  readonly referencing: 'enable' | 'disable';
  readonly serverIngress?: Json[];
  readonly clientEgress?: Json[];
}

/**
 * cli (eni-cli 10.0.1.10, sg-cli) and other (eni-other 10.0.1.20, sg-other) in vpc-a; srv (eni-srv
 * 10.1.1.10, sg-srv) in vpc-b; the VPCs meet only through tgw-1. cli calls srv on tcp 8080.
 */
async function across({ referencing, serverIngress = [], clientEgress = [allTraffic(anywhere)] }: Across) {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .group('sg-cli', 'vpc-a', { name: 'cli', egress: clientEgress })
    .group('sg-other', 'vpc-a', { name: 'other', egress: [allTraffic(anywhere)] })
    .group('sg-srv', 'vpc-b', { name: 'srv', ingress: serverIngress, egress: [allTraffic(anywhere)] })
    .eni('eni-cli', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-cli'] })
    .eni('eni-other', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-other'] })
    .eni('eni-srv', 'subnet-b', { ips: ['10.1.1.10'], groups: ['sg-srv'] })
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
    .acl('acl-b', 'vpc-b', { subnets: ['subnet-b'], entries: allowAll })
    .transitGateway('tgw-1', referencing)
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [route('10.1.0.0/16', 'tgw-1')] })
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [route('10.0.0.0/16', 'tgw-1')] })
    .transitGatewayRoutes('tgw-rtb-000000000000a1', [
      transitGatewayRoute('10.0.0.0/16', [['tgw-attach-a', 'vpc-a']]),
      transitGatewayRoute('10.1.0.0/16', [['tgw-attach-b', 'vpc-b']]),
    ]);
  for (const vpc of ['a', 'b'])
    builder.transitGatewayVpcAttachment(`tgw-attach-${vpc}`, 'tgw-1', `vpc-${vpc}`, {
      subnets: [`subnet-${vpc}`],
      routeTableId: 'tgw-rtb-000000000000a1',
      referencing,
    });
  const apps = [
    ['cli', 'eni-cli'],
    ['other', 'eni-other'],
    ['srv', 'eni-srv'],
  ] as const;
  const applications: ApplicationModel = {
    apps: apps.map(([name, eni]) => ({
      name,
      owners: [`team-${name}`],
      services: [{ name, app: name, owners: [`team-${name}`], workloadIds: [eni], origins: ['tags'] }],
    })),
    unassigned: [],
    dependencies: [declared('cli', 'srv', 8080)],
    unattributedFlows: 0,
    contestedFlows: 0,
    outsideFlows: [],
    unresolvedApis: [],
  };
  return new FindingContext(await builder.estate(), applications, defaultTagKeys);
}

/** Whether the dependency is allowed once the suggested ingress (or egress) rule is in place. */
async function allowedWith(setup: Across): Promise<boolean | 'unknown' | undefined> {
  const ctx = await across(setup);
  return ctx.engine.check({ source: 'eni-cli', destination: 'eni-srv', protocol: 'tcp', port: 8080 }).allowed;
}

describe('suggested rules for pairs across a transit gateway', () => {
  it('name the callers by address inbound where the transit gateway disables group referencing', async () => {
    const [blocked] = blockedDependencies(await across({ referencing: 'disable' }));
    expect(blocked?.suggestion).toBe('add to sg-srv (srv) an ingress rule tcp 8080 from 10.0.1.10/32');
    expect(
      await allowedWith({
        referencing: 'disable',
        serverIngress: [tcp(8080, 8080, { cidrs: ['10.0.1.10/32'] })],
      }),
    ).toBe(true);
  });

  it('name the callers by group inbound where referencing is enabled on the way', async () => {
    const [blocked] = blockedDependencies(await across({ referencing: 'enable' }));
    expect(blocked?.suggestion).toBe('add to sg-srv (srv) an ingress rule tcp 8080 from sg-cli (cli)');
    expect(
      await allowedWith({ referencing: 'enable', serverIngress: [tcp(8080, 8080, { groups: ['sg-cli'] })] }),
    ).toBe(true);
  });

  it('name the server by address outbound, never the group rule already there that matches nothing', async () => {
    const staleEgress = [tcp(8080, 8080, { groups: ['sg-srv'] })];
    const serverIngress = [tcp(8080, 8080, { groups: ['sg-cli'] })];
    const [blocked] = blockedDependencies(
      await across({ referencing: 'enable', clientEgress: staleEgress, serverIngress }),
    );
    expect(blocked?.suggestion).toBe('add to sg-cli (cli) an egress rule tcp 8080 to 10.1.1.10/32');
    const fixed = [...staleEgress, tcp(8080, 8080, { cidrs: ['10.1.1.10/32'] })];
    expect(await allowedWith({ referencing: 'enable', clientEgress: fixed, serverIngress })).toBe(true);
  });

  it('tighten an over-permissive rule to a replacement that keeps the dependency allowed', async () => {
    const wide = [tcp(8080, 8080, { cidrs: ['10.0.0.0/8'] })];
    const [loose] = overPermissiveRules(await across({ referencing: 'disable', serverIngress: wide }));
    expect(loose?.suggestion).toBe(
      'replace sg-srv/ingress/0/0 on sg-srv (srv) with ingress tcp 8080 from 10.0.1.10/32 (for cli)',
    );
    const [enabled] = overPermissiveRules(await across({ referencing: 'enable', serverIngress: wide }));
    expect(enabled?.suggestion).toBe(
      'replace sg-srv/ingress/0/0 on sg-srv (srv) with ingress tcp 8080 from sg-cli (cli) (for cli)',
    );
  });
});
