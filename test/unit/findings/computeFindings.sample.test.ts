import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignmentFigures } from '../../../main/core/findings/alignment';
import { computeFindings } from '../../../main/core/findings/computeFindings';
import { FindingContext } from '../../../main/core/findings/context';
import { fragmentedApplications } from '../../../main/core/findings/fragmentedApplication';
import { ownerMismatches } from '../../../main/core/findings/ownerMismatch';
import { sharedSegments } from '../../../main/core/findings/sharedSegment';
import { findingKinds } from '../../../main/core/findings/types';
import { createService } from '../../../main/service/createService';
import { tempDbFile } from '../helpers/tempWorkspace';

/** The bundled Northwind Retail sample; its README lists the deliberate problems with exact ids. */
let ctx: FindingContext;
// The whole sample: the AWS export, the catalog and the flow logs the dependencies come from.
const sample = join(import.meta.dirname, '../../../resources/sample');

beforeAll(async () => {
  const { service, workspace, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sample });
  try {
    const [snapshot] = workspace.snapshots.list();
    if (!snapshot) throw new Error('the sample was not seeded');
    const estate = workspace.snapshots.loadEstate(snapshot.id);
    ctx = new FindingContext(estate, await service.applications({}), workspace.settings.tagKeys());
  } finally {
    close();
  }
});

const backendShared = 'sg-0cf7caca1e2b8e64e';
const ids = (findings: readonly { id: string }[]) => findings.map((f) => f.id);

describe('structure findings on the sample (README problems 1, 4, 5)', () => {
  it('finds backend-shared, and only it, shared by 4 apps of 4 teams (problem 1)', () => {
    const [shared, ...others] = sharedSegments(ctx);
    expect(others).toEqual([]);
    expect(shared).toMatchObject({
      id: `shared-segment:${backendShared},inventory,orders,payments,search`,
      severity: 'high',
      owners: ['commerce', 'payments', 'supply', 'web'],
      evidence: { figures: { apps: 4, owners: 4, workloads: 20 } },
    });
    // The service mesh rule carries order-worker → order-api; the scrape rule carries prometheus' scrapes.
    const figures = shared?.evidence.figures ?? {};
    expect(figures[`dependencies on ${backendShared}/ingress/1/0`]).toBeGreaterThan(0);
    expect(figures[`dependencies on ${backendShared}/ingress/2/0`]).toBeGreaterThan(0);
    expect(shared?.evidence.rules.every((rule) => rule.kind === 'security-group-rule')).toBe(true);
    expect(shared?.suggestion).toContain(`split ${backendShared}`);
  });

  it('finds orders, and only it, fragmented over 4 segments of other teams (problem 4)', () => {
    expect(fragmentedApplications(ctx)).toMatchObject([
      {
        id: 'fragmented-application:orders,sg-0159f3a46a5d1ff0b,sg-0619411f266f96a8d,sg-0c79fbd2fa97c9242,sg-0cf7caca1e2b8e64e',
        // 4 foreign segments but 3 foreign owners (platform owns two of them).
        severity: 'medium',
        owners: ['commerce', 'data', 'platform', 'security'],
        evidence: { figures: { segments: 5, foreignSegments: 4, foreignOwners: 3 } },
      },
    ]);
  });

  it('finds exactly the five owner mismatches the README lists, supply-workers among them (problem 5)', () => {
    const found = ownerMismatches(ctx);
    expect(ids(found).sort()).toEqual([
      'owner-mismatch:sg-0159f3a46a5d1ff0b,orders',
      'owner-mismatch:sg-0619411f266f96a8d,orders',
      'owner-mismatch:sg-06208df0c3c4cd635,inventory',
      'owner-mismatch:sg-0c79fbd2fa97c9242,orders',
      `owner-mismatch:${backendShared},inventory,orders,payments,search`,
    ]);
    expect(found.find((f) => f.id.includes('sg-06208df0c3c4cd635'))).toMatchObject({
      severity: 'medium',
      owners: ['commerce', 'supply'],
      suggestion: expect.stringContaining('retag sg-06208df0c3c4cd635 with owner supply'),
    });
  });

  it('measures alignment: the two blocked dependencies, defaults left out of the rule count', () => {
    const figures = alignmentFigures(ctx);
    // 44 dependencies in the model (41 of the AWS part, 3 of the mobile backend on Kubernetes); 2 go to
    // resources without workloads or an address (queue, bucket); the payment provider is checked at its
    // internet address, through the NAT gateway, and allowed; 3 are blocked.
    expect(figures.dependenciesAllowed).toEqual({ allowed: 39, total: 42 });
    // 60 rules, of which 17 are the default egress-all.
    expect(figures.rulesUsed.total).toBe(43);
    expect(figures.rulesUsed.used).toBeLessThan(43);
    expect(figures.segmentsPerApp[0]).toEqual({ app: 'orders', segments: 5 });
    expect(figures.appsPerSegment[0]).toEqual({ groupId: backendShared, apps: 4 });
    expect(figures.ownersPerSegment[0]).toEqual({ groupId: backendShared, owners: 4 });
  });
});

describe('computeFindings on the sample', () => {
  it('sorts by severity, kind and id, with unique ids', () => {
    const { findings } = computeFindings(ctx);
    const rank = { high: 0, medium: 1, low: 2 };
    const keys = findings.map((f) => [rank[f.severity], findingKinds.indexOf(f.kind), f.id] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    expect(keys).toEqual(sorted);
    expect(new Set(ids(findings)).size).toBe(findings.length);
  });

  it('finds every deliberate problem of the README, and nothing else', () => {
    const { findings } = computeFindings(ctx);
    const byKind = (kind: string) =>
      findings
        .filter((f) => f.kind === kind)
        .map((f) => f.id)
        .sort();
    // Problem 3: both blocked dependencies, by the layers the README names.
    expect(byKind('blocked-dependency')).toEqual([
      'blocked-dependency:order-api:payment-gateway:tcp/8443',
      'blocked-dependency:push-worker:session-cache:tcp/6379',
      'blocked-dependency:stock-sync:orders-db:tcp/5432',
    ]);
    // Problem 6: the debugging port (high) and the load balancers' web ports (low), the mobile BFF's too.
    expect(findings.filter((f) => f.kind === 'exposure').map((f) => `${f.id} ${f.severity}`)).toEqual([
      'exposure:sg-0decd7467bc472ade/ingress/0/0 high',
      'exposure:service/mobile/mobile-bff low',
      'exposure:sg-087cae23e80e9b59c/ingress/0/0 low',
      'exposure:sg-087cae23e80e9b59c/ingress/1/0 low',
      // The bastion's SSH and ping from the office list, whose entries the sample does not export: undecided.
      'exposure:sg-0ef6445ac1a5f0d86/ingress/0/0 low',
      'exposure:sg-0ef6445ac1a5f0d86/ingress/1/0 low',
    ]);
    // Problem 2: the two over-wide rules, and the four the README says follow from the design.
    expect(byKind('over-permissive')).toEqual([
      'over-permissive:namespace/mobile/ingress',
      'over-permissive:namespace/observability/ingress',
      'over-permissive:sg-038b2a746ad08ec0a/ingress/2/0',
      'over-permissive:sg-0619411f266f96a8d/ingress/0/1',
      'over-permissive:sg-0c79fbd2fa97c9242/ingress/0/0',
      `over-permissive:${backendShared}/ingress/0/0`,
      `over-permissive:${backendShared}/ingress/1/0`,
      `over-permissive:${backendShared}/ingress/2/0`,
      'over-permissive:sg-0d94d013271114a85/ingress/2/0',
      'over-permissive:sg-0ef6445ac1a5f0d86/ingress/2/0',
    ]);
    // Problem 7: the deliberate unused rules; the README's other unused rules are defaults or reported above.
    expect(byKind('unused-rule')).toEqual([
      'unused-rule:mobile-data/session-cache-clients/ingress/1',
      'unused-rule:sg-058eef32796b1e7cd/ingress/1/0',
    ]);
    expect(byKind('shared-segment')).toHaveLength(1);
    expect(byKind('fragmented-application')).toHaveLength(1);
    // The five of the README's problem 5, and the mobile backend's cache namespace.
    expect(byKind('owner-mismatch')).toHaveLength(6);
    expect(byKind('owner-mismatch')).toContain('owner-mismatch:namespace/mobile-data,mobile');
    // The Kubernetes part adds one blocked dependency, two open namespaces, one unused policy rule, one
    // owner mismatch and the BFF's load balancer.
    expect(findings).toHaveLength(3 + 6 + 10 + 2 + 1 + 1 + 6);
  });

  it('proves each blocked dependency and exposure with flows a reader can re-check', () => {
    const { findings } = computeFindings(ctx);
    const nacl = findings.find((f) => f.id === 'blocked-dependency:stock-sync:orders-db:tcp/5432');
    expect(nacl?.evidence.rules).toContainEqual(
      expect.objectContaining({ aclId: 'acl-087b491100a2932b4', ruleNumber: 32767, action: 'deny' }),
    );
    expect(nacl?.evidence.flows.every((flow) => flow.allowed === false)).toBe(true);
    const payment = findings.find((f) => f.id === 'blocked-dependency:order-api:payment-gateway:tcp/8443');
    expect(payment?.suggestion).toContain('sg-0587bc80ef36fddd5 (payments-gateway) an ingress rule tcp 8443');
    // The data team owns mobile-data, where the NetworkPolicy admitting push-worker must go: it approves.
    const cache = findings.find((f) => f.id === 'blocked-dependency:push-worker:session-cache:tcp/6379');
    expect(cache?.suggestion).toContain('add a NetworkPolicy in namespace mobile-data');
    expect(cache?.owners).toEqual(['data', 'mobile']);
    expect(cache?.objects.map((object) => `${object.type}:${object.id}`)).toEqual(
      expect.arrayContaining(['namespace:namespace/mobile-data']),
    );
    const debug = findings.find((f) => f.id === 'exposure:sg-0decd7467bc472ade/ingress/0/0');
    expect(debug?.evidence.flows.map((flow) => flow.destination.workloadId).sort()).toEqual([
      'eni-030270717173727a6',
      'eni-0f844d42c96dedeb5',
      'eni-0fd4ac70c0045c407',
    ]);
    // The public NACL lets it in through rule 120, meant for return traffic.
    expect(
      debug?.evidence.flows[0]?.explanation.find((l) => l.layer === 'nacl-inbound')?.rules,
    ).toContainEqual(expect.objectContaining({ aclId: 'acl-0ebde312a1830b4c9', ruleNumber: 120 }));
  });
});
