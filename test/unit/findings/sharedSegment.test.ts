import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { alignmentFigures } from '../../../main/core/findings/alignment';
import { FindingContext } from '../../../main/core/findings/context';
import { sharedSegments } from '../../../main/core/findings/sharedSegment';
import { AwsExportBuilder, allTraffic, anywhere, tcp } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';
import { declared } from './declared';

/**
 * One subnet, everything open but the security groups. sg-mesh (team platform) admits 8080 from its
 * own members and 9999 from 10.0.0.0/8; sg-c (team c) admits 5432 from 10.9.0.0/16 only. App x (team x)
 * runs x-api on eni-x; eni-x carries sg-mesh, and eni-c also sg-c. The dependencies: a → b 8080 and
 * a → c 8080 (allowed by the mesh rule), b → c 5432 (blocked), and one to a queue with no workload.
 */
async function mesh(apps: readonly string[]): Promise<FindingContext> {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
    .group('sg-mesh', 'vpc-a', {
      name: 'mesh',
      ingress: [tcp(8080, 8080, { groups: ['sg-mesh'] }), tcp(9999, 9999, { cidrs: ['10.0.0.0/8'] })],
      egress: [allTraffic(anywhere)],
    })
    .group('sg-c', 'vpc-a', { name: 'c', ingress: [tcp(5432, 5432, { cidrs: ['10.9.0.0/16'] })] });
  for (const [i, app] of apps.entries()) {
    builder.eni(`eni-${app}`, 'subnet-a', {
      ips: [`10.0.1.${10 + i}`],
      groups: app === 'c' ? ['sg-mesh', 'sg-c'] : ['sg-mesh'],
    });
  }
  const estate = await builder.estate();
  const teams: Record<string, string> = { 'sg-mesh': 'platform', 'sg-c': 'c' };
  const tagged = {
    ...estate,
    securityGroups: estate.securityGroups.map((g) => ({ ...g, tags: { team: teams[g.id] ?? '' } })),
  };
  const dependency = (from: string, to: string, port: number) => declared(`${from}-api`, `${to}-api`, port);
  const applications: ApplicationModel = {
    apps: apps.map((app) => ({
      name: app,
      owners: [app],
      services: [{ name: `${app}-api`, app, owners: [app], workloadIds: [`eni-${app}`], origins: ['tags'] }],
    })),
    unassigned: [],
    // Dependencies on services not in this estate have no workload pair and are left out of every figure.
    dependencies: [
      dependency('a', 'b', 8080),
      dependency('a', 'c', 8080),
      dependency('b', 'c', 5432),
      dependency('a', 'queue', 443),
    ],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
  return new FindingContext(tagged, applications, defaultTagKeys);
}

describe('sharedSegments', () => {
  it('finds a group of 3 apps: high, with the dependencies riding on each of its rules', async () => {
    const [finding, ...others] = sharedSegments(await mesh(['a', 'b', 'c']));
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      id: 'shared-segment:sg-mesh,a,b,c',
      severity: 'high',
      owners: ['a', 'b', 'c'],
      evidence: {
        figures: {
          apps: 3,
          owners: 3,
          workloads: 3,
          // b → c is blocked at sg-c's ingress, but rides on the mesh's egress all the same.
          dependencies: 3,
          'dependencies on sg-mesh/ingress/0/0': 2,
          'dependencies on sg-mesh/ingress/1/0': 0,
          'dependencies on sg-mesh/egress/0/0': 3,
        },
      },
      suggestion: expect.stringContaining('split sg-mesh into one group per app (a, b, c)'),
    });
    expect(
      finding?.evidence.rules.map((rule) => rule.kind === 'security-group-rule' && rule.ruleKey),
    ).toEqual(['sg-mesh/ingress/0/0', 'sg-mesh/ingress/1/0', 'sg-mesh/egress/0/0']);
    expect(finding?.evidence.dependencies.map((d) => `${d.from}>${d.to}`)).toEqual([
      'a-api>b-api',
      'a-api>c-api',
      'b-api>c-api',
    ]);
  });

  it('is medium for 2 apps, and leaves alone a group serving one app of its owner', async () => {
    const ctx = await mesh(['a', 'c']);
    expect(sharedSegments(ctx).map((f) => `${f.id} ${f.severity}`)).toEqual([
      'shared-segment:sg-mesh,a,c medium',
    ]);
  });
});

describe('alignmentFigures', () => {
  it('counts allowed dependencies and used rules, leaving out the default egress and dependencies without workloads', async () => {
    expect(alignmentFigures(await mesh(['a', 'b', 'c']))).toEqual({
      // b → c 5432 is blocked by sg-c.
      dependenciesAllowed: { allowed: 2, total: 3 },
      // mesh 8080 used; mesh 9999 and c 5432 not; mesh's egress-all is the default and not counted.
      rulesUsed: { used: 1, total: 3 },
      segmentsPerApp: [
        { app: 'c', segments: 2 },
        { app: 'a', segments: 1 },
        { app: 'b', segments: 1 },
      ],
      appsPerSegment: [
        { groupId: 'sg-mesh', apps: 3 },
        { groupId: 'sg-c', apps: 1 },
      ],
      ownersPerSegment: [
        { groupId: 'sg-mesh', owners: 3 },
        { groupId: 'sg-c', owners: 1 },
      ],
    });
  });
});
