/** Computes, from the model and the evaluation, the deliberate problems the README documents. */
import { evaluate, fail, type RuleRef } from './check';
import { type DependencyResult, externals } from './deps';
import type { EniDef, Model, Peer, Permission, SgDef, Team } from './model';

export function describePeer(peer: Peer): string {
  switch (peer.kind) {
    case 'cidr':
    case 'cidr6':
      return peer.cidr;
    case 'pl':
      return `${peer.pl.id} (${peer.pl.name})`;
    case 'sg':
      return `${peer.sg.id} (${peer.sg.name})`;
  }
}

export function describePermission(p: Permission): string {
  if (p.protocol === '-1') return 'all traffic';
  if (p.protocol === 'icmp') return `icmp type ${p.from} code ${p.to}`;
  return p.from === p.to ? `${p.protocol} ${p.from}` : `${p.protocol} ${p.from}-${p.to}`;
}

export function describeRule(r: Pick<RuleRef, 'sg' | 'direction' | 'permission' | 'peer'>): string {
  const dir = r.direction === 'ingress' ? 'from' : 'to';
  const desc = r.peer.description ? ` ("${r.peer.description}")` : '';
  return `\`${r.sg.id}\` (${r.sg.name}) ${r.direction} ${describePermission(r.permission)} ${dir} \`${describePeer(r.peer)}\`${desc}`;
}

export function allRules(model: Model): RuleRef[] {
  const out: RuleRef[] = [];
  for (const sg of model.sgs) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const [permissionIndex, permission] of sg[direction].entries()) {
        for (const [peerIndex, peer] of permission.peers.entries()) {
          out.push({ sg, direction, permissionIndex, peerIndex, permission, peer });
        }
      }
    }
  }
  return out;
}

export function attached(model: Model, sg: SgDef): EniDef[] {
  return model.enis.filter((e) => e.sgs.includes(sg));
}

export interface Findings {
  shared: { sg: SgDef; apps: string[]; teams: Team[]; enis: EniDef[] }[];
  overWide: RuleRef[];
  blocked: DependencyResult[];
  fragmented: { app: string; team: Team; segments: { sg: SgDef; foreign: boolean }[] }[];
  ownerMismatch: { sg: SgDef; teams: Team[]; apps: string[] }[];
  exposures: { eni: EniDef; rule: RuleRef; intended: boolean }[];
  unused: RuleRef[];
}

export function computeFindings(
  model: Model,
  results: DependencyResult[],
  used: Map<string, RuleRef>,
): Findings {
  const shared: Findings['shared'] = [];
  const ownerMismatch: Findings['ownerMismatch'] = [];
  for (const sg of model.sgs) {
    const enis = attached(model, sg);
    const apps = [...new Set(enis.flatMap((e) => (e.owner ? [e.owner.app] : [])))].sort();
    const teams = [...new Set(enis.flatMap((e) => (e.owner ? [e.owner.team] : [])))].sort();
    if (apps.length >= 2) shared.push({ sg, apps, teams, enis });
    if (sg.team && teams.length > 0 && !teams.includes(sg.team)) ownerMismatch.push({ sg, teams, apps });
  }
  const overWide = allRules(model).filter((r) => {
    if (r.direction !== 'ingress' || r.peer.kind !== 'cidr') return false;
    const bits = Number(r.peer.cidr.split('/')[1]);
    const span =
      r.permission.protocol === '-1' ? 65536 : (r.permission.to ?? 0) - (r.permission.from ?? 0) + 1;
    const publicFacing = attached(model, r.sg).some((e) => e.publicIp);
    const sshFromAnywhere =
      r.permission.protocol === 'tcp' && r.permission.from === 22 && bits === 0 && !publicFacing;
    return (bits <= 8 && span > 1000) || sshFromAnywhere;
  });
  const apps = new Map<string, Team>();
  for (const e of model.enis) if (e.owner) apps.set(e.owner.app, e.owner.team);
  const fragmented: Findings['fragmented'] = [...apps]
    .map(([app, team]) => {
      const sgs = new Set(model.enis.filter((e) => e.owner?.app === app).flatMap((e) => e.sgs));
      return { app, team, segments: [...sgs].map((sg) => ({ sg, foreign: sg.team !== team })) };
    })
    .filter((f) => f.segments.filter((s) => s.foreign).length >= 3);
  const exposures: Findings['exposures'] = [];
  for (const eni of model.enis) {
    if (!eni.publicIp) continue;
    for (const sg of eni.sgs) {
      for (const rule of allRules(model).filter((r) => r.sg === sg && r.direction === 'ingress')) {
        if (rule.peer.kind !== 'cidr' || rule.peer.cidr !== '0.0.0.0/0') continue;
        const port = rule.permission.from ?? 0;
        const r = evaluate(model, { external: externals.internet }, { eni }, 'tcp', port);
        if (r.allowed) {
          const key = `${rule.sg.id}/${rule.direction}/${rule.permissionIndex}/${rule.peerIndex}`;
          exposures.push({ eni, rule, intended: used.has(key) });
        }
      }
    }
  }
  const unused = allRules(model).filter(
    (r) => !used.has(`${r.sg.id}/${r.direction}/${r.permissionIndex}/${r.peerIndex}`),
  );
  const blocked = results.filter((r) => r.dependency.expect !== 'allowed');

  // The deliberate problems must be present.
  const byName = (name: string) => model.sgs.find((g) => g.name === name) ?? fail(`no group ${name}`);
  const backend = shared.find((s) => s.sg === byName('backend-shared'));
  if (!backend || backend.apps.length < 4 || backend.teams.length < 3)
    fail('backend-shared is not a shared segment');
  if (
    !overWide.some((r) => r.sg.name === 'backend-shared') ||
    !overWide.some((r) => r.sg.name === 'ops-ssh-legacy')
  ) {
    fail('over-wide rules missing');
  }
  const orders = fragmented.find((f) => f.app === 'orders');
  if (!orders || orders.segments.filter((s) => s.foreign).length < 4)
    fail('orders is not fragmented over 4+ foreign segments');
  if (!ownerMismatch.some((m) => m.sg.name === 'supply-workers')) fail('owner mismatch missing');
  if (
    !exposures.some(
      (x) => !x.intended && x.rule.sg.name === 'search-indexer' && x.rule.permission.from === 9200,
    )
  ) {
    fail('search-indexer exposure missing');
  }
  if (exposures.some((x) => !x.intended && x.rule.sg.name !== 'search-indexer')) fail('unexpected exposure');
  if (!unused.some((r) => r.permission.from === 11211)) fail('unused memcached rule missing');
  return { shared, overWide, blocked, fragmented, ownerMismatch, exposures, unused };
}
