/**
 * Self-checks for the sample estate: referential integrity of the model and of the rendered JSON, and a
 * small evaluator (security groups, NACLs both ways, routes) that proves each intended dependency is
 * allowed or blocked exactly where the README says, and records which rules the dependencies use.
 */

import type { Catalog } from './catalog';
import type { FlowLogFile } from './flowLogs';
import {
  type EniDef,
  forwarders,
  type Model,
  type NaclDef,
  type NaclEntryDef,
  type Peer,
  type Permission,
  type RouteTableDef,
  type SgDef,
  type SubnetDef,
} from './model';
import {
  DEPENDENCIES_ANNOTATION,
  FLOW_LOG_HEADER,
  INTERNET_CLIENT_RANGES,
  SELECTOR_ANNOTATION,
} from './sources';
import { cidrContains, parseCidr } from './util';

export function fail(message: string): never {
  throw new Error(`sample estate self-check failed: ${message}`);
}

export function checkModel(model: Model): void {
  const ids = new Map<string, string>();
  const claim = (id: string, what: string) => {
    const prior = ids.get(id);
    if (prior) fail(`id ${id} used by ${prior} and ${what}`);
    ids.set(id, what);
  };
  const modernId =
    /^(vpc|subnet|sg|acl|rtb|pcx|eni|i|igw|nat|vpce|pl|dopt|r|vol|ami|tgw|tgw-rtb|tgw-attach)-0[0-9a-f]{16}$/;
  const checkId = (id: string, what: string) => {
    if (!modernId.test(id) && id !== 'pl-6da54004') fail(`${what} has a malformed id ${id}`);
    claim(id, what);
  };
  for (const v of model.vpcs) checkId(v.id, `vpc ${v.name}`);
  for (const s of model.subnets) {
    checkId(s.id, `subnet ${s.name}`);
    const vpcCidr = parseCidr(s.vpc.cidr);
    const c = parseCidr(s.cidr);
    if (c.base < vpcCidr.base || c.base + c.size > vpcCidr.base + vpcCidr.size)
      fail(`subnet ${s.name} outside its VPC`);
  }
  for (const [i, a] of model.subnets.entries()) {
    for (const b of model.subnets.slice(i + 1)) {
      const x = parseCidr(a.cidr);
      const y = parseCidr(b.cidr);
      if (x.base < y.base + y.size && y.base < x.base + x.size)
        fail(`subnets ${a.name} and ${b.name} overlap`);
    }
  }
  for (const p of model.prefixLists) checkId(p.id, `prefix list ${p.name}`);
  for (const g of model.sgs) {
    checkId(g.id, `security group ${g.name}`);
    if (!model.vpcs.includes(g.vpc)) fail(`${g.id} in unknown VPC`);
    for (const perm of [...g.ingress, ...g.egress]) {
      if (perm.peers.length === 0) fail(`${g.id} has a permission without peers`);
      for (const peer of perm.peers) {
        if (peer.kind === 'sg' && !model.sgs.includes(peer.sg)) fail(`${g.id} references an unknown group`);
        if (peer.kind === 'sg' && peer.sg.vpc !== g.vpc) {
          const p = model.peering;
          const pair = new Set([p.requester, p.accepter]);
          if (!pair.has(peer.sg.vpc) || !pair.has(g.vpc))
            fail(`${g.id} references a group in a non-peered VPC`);
        }
        if (peer.kind === 'pl' && !model.prefixLists.includes(peer.pl))
          fail(`${g.id} references an unknown prefix list`);
      }
    }
  }
  const names = new Set<string>();
  for (const g of model.sgs) {
    const key = `${g.vpc.id}/${g.name}`;
    if (names.has(key)) fail(`duplicate group name ${key}`);
    names.add(key);
  }
  // NACLs: exactly one default per VPC, every subnet associated exactly once with a NACL of its VPC.
  for (const v of model.vpcs) {
    const defaults = model.nacls.filter((n) => n.vpc === v && n.isDefault);
    if (defaults.length !== 1) fail(`VPC ${v.name} has ${defaults.length} default NACLs`);
  }
  const aclOf = new Map<SubnetDef, NaclDef>();
  for (const n of model.nacls) {
    checkId(n.id, `network ACL ${n.key}`);
    for (const s of n.subnets) {
      if (s.vpc !== n.vpc) fail(`${n.id} associated with ${s.id} of another VPC`);
      if (aclOf.has(s)) fail(`subnet ${s.id} associated with two NACLs`);
      aclOf.set(s, n);
    }
    for (const egress of [true, false]) {
      const list = n.entries.filter((e) => e.egress === egress);
      const last = list[list.length - 1];
      if (
        last?.rule !== 32767 ||
        last.action !== 'deny' ||
        last.protocol !== '-1' ||
        last.cidr !== '0.0.0.0/0'
      ) {
        fail(`${n.id} does not end its ${egress ? 'egress' : 'ingress'} entries with the 32767 deny`);
      }
      const numbers = list.map((e) => e.rule);
      if (new Set(numbers).size !== numbers.length) fail(`${n.id} repeats a rule number`);
      if (numbers.some((x, i) => i > 0 && x < (numbers[i - 1] ?? 0))) fail(`${n.id} entries out of order`);
    }
    if (n.isDefault) {
      const allowAll = n.entries.filter((e) => e.rule === 100 && e.action === 'allow' && e.protocol === '-1');
      if (allowAll.length !== 2) fail(`default NACL ${n.id} does not allow all`);
    }
    for (const e of n.entries) {
      const portProto = e.protocol === '6' || e.protocol === '17';
      if (portProto !== Boolean(e.ports))
        fail(`${n.id} rule ${e.rule}: PortRange must be present exactly for tcp/udp`);
      if ((e.protocol === '1') !== Boolean(e.icmp))
        fail(`${n.id} rule ${e.rule}: IcmpTypeCode must be present exactly for icmp`);
    }
  }
  for (const s of model.subnets) if (!aclOf.has(s)) fail(`subnet ${s.id} has no NACL`);
  // Route tables: one main per VPC, each subnet explicitly associated at most once, targets exist.
  const rtbOf = new Map<SubnetDef, RouteTableDef>();
  for (const v of model.vpcs) {
    if (model.routeTables.filter((t) => t.vpc === v && t.main).length !== 1)
      fail(`VPC ${v.name} needs one main route table`);
  }
  for (const t of model.routeTables) {
    checkId(t.id, `route table ${t.key}`);
    if (t.mainAssociationId) claim(t.mainAssociationId, `main association of ${t.id}`);
    for (const s of t.subnets) {
      if (s.vpc !== t.vpc) fail(`${t.id} associated with a subnet of another VPC`);
      if (rtbOf.has(s)) fail(`subnet ${s.id} in two route tables`);
      rtbOf.set(s, t);
    }
    if (!t.routes.some((r) => r.target === 'local' && r.destination === t.vpc.cidr))
      fail(`${t.id} lacks the local route`);
    for (const r of t.routes) {
      if (r.target === 'igw' && r.targetId !== t.vpc.igwId) fail(`${t.id} routes to a foreign IGW`);
      if (r.target === 'pcx') {
        if (r.targetId !== model.peering.id) fail(`${t.id} routes to an unknown peering`);
        const other = t.vpc === model.peering.requester ? model.peering.accepter : model.peering.requester;
        if (r.destination !== other.cidr) fail(`${t.id} peering route is not the peer VPC's CIDR`);
      }
      if (r.target === 'nat' && r.targetId !== model.natGatewayId)
        fail(`${t.id} routes to an unknown NAT gateway`);
    }
  }
  for (const v of model.vpcs) {
    const other = v === model.peering.requester ? model.peering.accepter : model.peering.requester;
    const tables = model.routeTables.filter((t) => t.vpc === v && (t.subnets.length > 0 || t.main));
    const used = tables.filter(
      (t) => t.subnets.length > 0 || model.subnets.some((s) => s.vpc === v && !rtbOf.has(s)),
    );
    if (!used.some((t) => t.routes.some((r) => r.target === 'pcx' && r.destination === other.cidr))) {
      fail(`VPC ${v.name} has no route back over the peering`);
    }
  }
  // ENIs and instances.
  const ips = new Map<string, string>();
  const macs = new Set<string>();
  for (const e of model.enis) {
    checkId(e.id, `ENI ${e.key}`);
    claim(e.attachment.id, `attachment of ${e.id}`);
    if (!model.subnets.includes(e.subnet)) fail(`${e.id} in unknown subnet`);
    if (!cidrContains(e.subnet.cidr, e.privateIp))
      fail(`${e.id} address ${e.privateIp} outside ${e.subnet.cidr}`);
    const { base, size } = parseCidr(e.subnet.cidr);
    const n = Number(e.privateIp.split('.').reduce((acc, x) => acc * 256 + Number(x), 0));
    if (n - base < 4 || n - base === size - 1) fail(`${e.id} uses a reserved address ${e.privateIp}`);
    for (const ip of [e.privateIp, e.publicIp?.ip]) {
      if (!ip) continue;
      if (ips.has(ip)) fail(`address ${ip} used by ${ips.get(ip)} and ${e.id}`);
      ips.set(ip, e.id);
    }
    if (macs.has(e.mac)) fail(`MAC ${e.mac} repeated`);
    macs.add(e.mac);
    for (const g of e.sgs) {
      if (!model.sgs.includes(g)) fail(`${e.id} has an unknown group`);
      if (g.vpc !== e.subnet.vpc) fail(`${e.id} has group ${g.id} of another VPC`);
    }
    if (new Set(e.sgs).size !== e.sgs.length) fail(`${e.id} lists a group twice`);
    if (forwarders.has(e.kind) !== (e.sgs.length === 0)) fail(`${e.id}: groups where AWS puts none, or none`);
    if (e.publicIp && rtbFor(model, e.subnet).routes.every((r) => r.target !== 'igw')) {
      fail(`${e.id} has a public IP in a subnet without an internet route`);
    }
    if (e.instance && !e.instance.enis.includes(e)) fail(`${e.id} not listed by its instance`);
    if (e.instance && e.subnet.az !== e.instance.subnet.az) fail(`${e.id} in another AZ than its instance`);
  }
  for (const i of model.instances) {
    checkId(i.id, `instance ${i.name}`);
    claim(i.volumeId, `root volume of ${i.id}`);
    const indexes = i.enis.map((e) => e.attachment.deviceIndex);
    if (indexes[0] !== 0 || new Set(indexes).size !== indexes.length)
      fail(`${i.id} device indexes ${indexes}`);
    if (i.enis[0]?.subnet !== i.subnet) fail(`${i.id} primary ENI not in the instance subnet`);
    for (const e of i.enis)
      if (!model.enis.includes(e) || e.instance !== i) fail(`${i.id} lists a foreign ENI`);
    if (i.state === 'stopped' && i.enis.some((e) => e.publicIp && !e.publicIp.allocationId)) {
      fail(`stopped ${i.id} keeps an auto-assigned public IP`);
    }
  }
  checkId(model.peering.id, 'peering connection');
  const hub = model.transitGateway;
  checkId(hub.id, 'transit gateway');
  checkId(hub.routeTableId, 'transit gateway route table');
  for (const a of hub.attachments) {
    checkId(a.id, `attachment of ${a.vpc.name}`);
    // One subnet per zone, in its own VPC: what create-transit-gateway-vpc-attachment accepts.
    if (a.subnets.some((s) => s.vpc !== a.vpc)) fail(`${a.id} has a subnet of another VPC`);
    if (new Set(a.subnets.map((s) => s.az)).size !== a.subnets.length)
      fail(`${a.id} has two subnets in a zone`);
    if (a.enis.map((e) => e.subnet.id).join() !== a.subnets.map((s) => s.id).join())
      fail(`${a.id} lacks an interface in one of its subnets`);
  }
  checkId(model.natGatewayId, 'NAT gateway');
  checkId(model.s3EndpointId, 'S3 endpoint');
  checkId(model.sqsEndpointId, 'SQS endpoint');
  checkId(model.dhcpOptionsId, 'DHCP options');
  for (const v of model.vpcs) checkId(v.igwId, `internet gateway of ${v.name}`);
}

/** Checks on the rendered documents: what an importer will actually read. */
type Docs = Record<string, Record<string, unknown>>;

function docList(docs: Docs, file: string, key: string): Record<string, unknown>[] {
  const value = docs[file]?.[key];
  if (!Array.isArray(value)) fail(`${file} lacks ${key}`);
  return value as Record<string, unknown>[];
}

const instancePages = (docs: Docs) =>
  [docs['describe-instances-page1.json'], docs['describe-instances-page2.json']].flatMap((page) =>
    ((page?.Reservations ?? []) as { Instances: Record<string, unknown>[] }[]).flatMap((r) => r.Instances),
  );

export function checkRendered(docs: Docs, model: Model): void {
  const list = (file: string, key: string) => docList(docs, file, key);
  const vpcIds = new Set(list('describe-vpcs.json', 'Vpcs').map((v) => v.VpcId as string));
  const subnetIds = new Set(list('describe-subnets.json', 'Subnets').map((s) => s.SubnetId as string));
  const groupIds = new Set(
    list('describe-security-groups.json', 'SecurityGroups').map((g) => g.GroupId as string),
  );
  const eniById = new Map(
    list('describe-network-interfaces.json', 'NetworkInterfaces').map((e) => [
      e.NetworkInterfaceId as string,
      e,
    ]),
  );
  for (const g of list('describe-security-groups.json', 'SecurityGroups')) {
    if (!vpcIds.has(g.VpcId as string)) fail(`${g.GroupId} in unknown VPC`);
    for (const perm of [
      ...(g.IpPermissions as Record<string, unknown>[]),
      ...(g.IpPermissionsEgress as Record<string, unknown>[]),
    ]) {
      const allProtocols = perm.IpProtocol === '-1';
      if (allProtocols === ('FromPort' in perm || 'ToPort' in perm))
        fail(`${g.GroupId}: FromPort/ToPort presence wrong`);
    }
  }
  for (const e of eniById.values()) {
    if (!subnetIds.has(e.SubnetId as string) || !vpcIds.has(e.VpcId as string))
      fail(`${e.NetworkInterfaceId} dangling`);
    for (const g of e.Groups as { GroupId: string }[])
      if (!groupIds.has(g.GroupId)) fail(`${e.NetworkInterfaceId} unknown group`);
  }
  const pages = [docs['describe-instances-page1.json'], docs['describe-instances-page2.json']];
  if (typeof pages[0]?.NextToken !== 'string' || (pages[1] && 'NextToken' in pages[1]))
    fail('instance pages NextToken');
  const instanceIds = new Set<string>();
  for (const inst of instancePages(docs)) {
    instanceIds.add(inst.InstanceId as string);
    for (const ni of inst.NetworkInterfaces as Record<string, unknown>[]) {
      const eni = eniById.get(ni.NetworkInterfaceId as string);
      if (!eni) fail(`${inst.InstanceId} lists unknown ENI ${ni.NetworkInterfaceId}`);
      const att = eni.Attachment as Record<string, unknown>;
      const niAtt = ni.Attachment as Record<string, unknown>;
      if (att.InstanceId !== inst.InstanceId || att.DeviceIndex !== niAtt.DeviceIndex)
        fail(`${eni.NetworkInterfaceId} attachment mismatch`);
      for (const k of ['PrivateIpAddress', 'MacAddress', 'SubnetId', 'VpcId'] as const) {
        if (eni[k] !== ni[k]) fail(`${eni.NetworkInterfaceId} ${k} differs between ENI and instance`);
      }
      if (JSON.stringify(eni.Groups) !== JSON.stringify(ni.Groups))
        fail(`${eni.NetworkInterfaceId} groups differ`);
    }
  }
  if (instanceIds.size !== model.instances.length) fail('instance count differs between pages and model');
  for (const e of eniById.values()) {
    const att = e.Attachment as Record<string, unknown> | undefined;
    if (att?.InstanceId && !instanceIds.has(att.InstanceId as string))
      fail(`${e.NetworkInterfaceId} attached to unknown instance`);
  }
}

/** Workload tags as an importer sees them: an ENI's TagSet, or for an instance ENI its instance's Tags. */
function workloadTags(docs: Docs): Map<string, Record<string, string>> {
  type Tags = { Key: string; Value: string }[] | undefined;
  const asRecord = (tags: Tags) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
  const out = new Map<string, Record<string, string>>();
  for (const e of docList(docs, 'describe-network-interfaces.json', 'NetworkInterfaces'))
    out.set(e.NetworkInterfaceId as string, asRecord(e.TagSet as Tags));
  for (const inst of instancePages(docs)) {
    for (const ni of inst.NetworkInterfaces as Record<string, unknown>[]) {
      const id = ni.NetworkInterfaceId as string;
      out.set(id, { ...out.get(id), ...asRecord(inst.Tags as Tags) });
    }
  }
  return out;
}

const parseSelector = (text: string) =>
  text.split(',').map((pair) => pair.trim().split('=') as [string, string]);

/**
 * The application sources against the estate: every Component selector matches an ENI, every declared
 * dependency names a known entity, every flow-log address belongs to the sample (an ENI, one of externalIps,
 * or a documented internet client), the stale declaration is never observed and the undeclared dependencies are.
 */
export function checkSources(
  docs: Docs,
  model: Model,
  catalog: Catalog,
  flowLogs: FlowLogFile[],
  externalIps: string[],
): void {
  const tags = workloadTags(docs);
  const entities = new Map(catalog.entities.map((e) => [`${e.kind.toLowerCase()}:${e.metadata.name}`, e]));
  const ipsOf = new Map<string, string[]>();
  for (const [ref, e] of entities) {
    if (e.kind === 'Component') {
      const selector = e.metadata.annotations?.[SELECTOR_ANNOTATION];
      if (!selector) fail(`${ref} has no workload selector`);
      const wanted = parseSelector(selector);
      const enis = model.enis.filter((eni) => wanted.every(([k, v]) => tags.get(eni.id)?.[k] === v));
      if (enis.length === 0) fail(`${ref} selector ${selector} matches no ENI`);
      ipsOf.set(
        e.metadata.name,
        enis.map((eni) => eni.privateIp),
      );
    }
    const spec = e.spec as { dependsOn?: string[]; consumesApis?: string[]; providesApis?: string[] };
    for (const target of spec.dependsOn ?? [])
      if (!entities.has(target)) fail(`${ref} depends on unknown ${target}`);
    for (const api of [...(spec.consumesApis ?? []), ...(spec.providesApis ?? [])])
      if (!entities.has(`api:${api}`)) fail(`${ref} names unknown API ${api}`);
    const declared = e.metadata.annotations?.[DEPENDENCIES_ANNOTATION];
    for (const [name, port] of declared ? parseSelector(declared) : []) {
      if (!entities.has(`component:${name}`) && !entities.has(`resource:${name}`))
        fail(`${ref} declares a dependency on unknown ${name}`);
      if (!/^(tcp|udp)\/\d+$/.test(port ?? '')) fail(`${ref} dependency ${name} has a bad port ${port}`);
    }
  }
  for (const e of entities.values()) {
    const consumed = (e.spec as { consumesApis?: string[] }).consumesApis ?? [];
    for (const api of consumed) {
      const providers = catalog.entities.filter((x) =>
        ((x.spec as { providesApis?: string[] }).providesApis ?? []).includes(api),
      );
      if (providers.length === 0) fail(`API ${api} consumed by ${e.metadata.name} has no provider`);
    }
  }

  const eniIds = new Set(model.enis.map((e) => e.id));
  const known = new Set([...model.enis.map((e) => e.privateIp), ...externalIps]);
  const seen = new Set<string>();
  for (const file of flowLogs) {
    if (file.lines[0] !== FLOW_LOG_HEADER) fail(`${file.path} lacks the version 2 header`);
    for (const line of file.lines.slice(1)) {
      const f = line.split(' ');
      if (f.length !== 14 || f[0] !== '2') fail(`${file.path}: malformed record ${line}`);
      if (!eniIds.has(f[2] ?? '')) fail(`${file.path}: record on unknown interface ${f[2]}`);
      if (f[13] === 'NODATA') continue;
      for (const ip of [f[3] ?? '', f[4] ?? '']) {
        if (!known.has(ip) && !INTERNET_CLIENT_RANGES.some((c) => cidrContains(c, ip)))
          fail(`${file.path}: address ${ip} is not in the sample`);
      }
      seen.add(`${f[3]}>${f[4]}:${f[6]}`);
    }
  }
  const observed = (from: string, to: string, port: number) =>
    (ipsOf.get(from) ?? []).some((a) => (ipsOf.get(to) ?? []).some((b) => seen.has(`${a}>${b}:${port}`)));
  const { stale } = catalog;
  if (observed(stale.from, stale.to, stale.port))
    fail(`stale declaration ${stale.from} -> ${stale.to} is observed`);
  for (const d of catalog.undeclared)
    if (!observed(d.from, d.to, d.port)) fail(`undeclared ${d.from} -> ${d.to} is not in the flow logs`);
  for (const d of catalog.declarations) {
    if (d !== stale && ipsOf.has(d.to) && !observed(d.from, d.to, d.port))
      fail(`declared ${d.from} -> ${d.to} is not in the flow logs`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Evaluator

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface External {
  name: string;
  ip: string;
  /** The whole internet: ::/0 also matches. */
  anywhere?: boolean;
}

export type Endpoint = { eni: EniDef } | { external: External };

export interface RuleRef {
  sg: SgDef;
  direction: 'ingress' | 'egress';
  permissionIndex: number;
  peerIndex: number;
  permission: Permission;
  peer: Peer;
}

export const ruleKey = (r: { sg: SgDef; direction: string; permissionIndex: number; peerIndex: number }) =>
  `${r.sg.id}/${r.direction}/${r.permissionIndex}/${r.peerIndex}`;

export interface Blocker {
  layer: 'security-group' | 'nacl' | 'route';
  detail: string;
  aclId?: string;
  aclRule?: number;
  aclDirection?: 'ingress' | 'egress';
  groupIds?: string[];
}

export interface FlowResult {
  allowed: boolean;
  blockers: Blocker[];
  rules: RuleRef[];
  aclEntries: { acl: NaclDef; entry: NaclEntryDef }[];
}

const EPHEMERAL = 50000;

export function rtbFor(model: Model, subnet: SubnetDef): RouteTableDef {
  const explicit = model.routeTables.find((t) => t.subnets.includes(subnet));
  const main = model.routeTables.find((t) => t.main && t.vpc === subnet.vpc);
  const t = explicit ?? main;
  if (!t) fail(`no route table for ${subnet.id}`);
  return t;
}

function aclFor(model: Model, subnet: SubnetDef): NaclDef {
  const n = model.nacls.find((x) => x.subnets.includes(subnet));
  if (!n) fail(`no NACL for ${subnet.id}`);
  return n;
}

function route(model: Model, subnet: SubnetDef, ip: string) {
  let best: { bits: number; route: RouteTableDef['routes'][number] } | null = null;
  for (const r of rtbFor(model, subnet).routes) {
    const cidrs = r.destinationPrefixList ? r.destinationPrefixList.entries : [r.destination];
    for (const c of cidrs) {
      if (cidrContains(c, ip)) {
        const bits = parseCidr(c).bits;
        if (!best || bits > best.bits) best = { bits, route: r };
      }
    }
  }
  return best?.route ?? null;
}

const naclProto: Record<Protocol, NaclEntryDef['protocol']> = { tcp: '6', udp: '17', icmp: '1' };

function aclDecide(
  acl: NaclDef,
  egress: boolean,
  ip: string,
  protocol: Protocol,
  port: number,
  icmpType: number,
) {
  for (const entry of acl.entries) {
    if (entry.egress !== egress || !cidrContains(entry.cidr, ip)) continue;
    if (entry.protocol !== '-1' && entry.protocol !== naclProto[protocol]) continue;
    if (entry.ports && (port < entry.ports[0] || port > entry.ports[1])) continue;
    if (entry.icmp && entry.icmp.type !== -1 && entry.icmp.type !== icmpType) continue;
    return entry;
  }
  fail(`${acl.id} has no matching entry`);
}

function peerMatches(peer: Peer, other: Endpoint): boolean {
  const ip = 'eni' in other ? other.eni.privateIp : other.external.ip;
  switch (peer.kind) {
    case 'cidr':
      return cidrContains(peer.cidr, ip);
    case 'cidr6':
      return 'external' in other && Boolean(other.external.anywhere) && peer.cidr === '::/0';
    case 'pl':
      return peer.pl.entries.some((c) => cidrContains(c, ip));
    case 'sg':
      return 'eni' in other && other.eni.sgs.includes(peer.sg);
  }
}

function permissionMatches(p: Permission, protocol: Protocol, port: number): boolean {
  if (p.protocol === '-1') return true;
  if (p.protocol !== protocol) return false;
  if (protocol === 'icmp') return p.from === -1 || p.from === port;
  return port >= (p.from ?? 0) && port <= (p.to ?? 65535);
}

function matchingRules(
  sgs: SgDef[],
  direction: 'ingress' | 'egress',
  other: Endpoint,
  protocol: Protocol,
  port: number,
) {
  const out: RuleRef[] = [];
  for (const sg of sgs) {
    for (const [permissionIndex, permission] of sg[direction].entries()) {
      if (!permissionMatches(permission, protocol, port)) continue;
      for (const [peerIndex, peer] of permission.peers.entries()) {
        if (peerMatches(peer, other))
          out.push({ sg, direction, permissionIndex, peerIndex, permission, peer });
      }
    }
  }
  return out;
}

/** One flow from src to dst (port is the ICMP type for icmp). */
export function evaluate(
  model: Model,
  src: Endpoint,
  dst: Endpoint,
  protocol: Protocol,
  port: number,
): FlowResult {
  const result: FlowResult = { allowed: true, blockers: [], rules: [], aclEntries: [] };
  const block = (b: Blocker) => {
    result.allowed = false;
    result.blockers.push(b);
  };
  const ipOf = (e: Endpoint) => ('eni' in e ? e.eni.privateIp : e.external.ip);
  const srcEni = 'eni' in src ? src.eni : null;
  const dstEni = 'eni' in dst ? dst.eni : null;
  // Routes.
  if (srcEni) {
    const r = route(model, srcEni.subnet, dstEni ? dstEni.privateIp : ipOf(dst));
    const ok = dstEni
      ? r &&
        (r.target === 'local' || r.target === 'pcx') &&
        (dstEni.subnet.vpc === srcEni.subnet.vpc) === (r.target === 'local')
      : r && r.target !== 'local' && r.target !== 'pcx';
    if (!ok) block({ layer: 'route', detail: `no route from ${srcEni.subnet.id} to ${ipOf(dst)}` });
  }
  if (dstEni) {
    const back = route(model, dstEni.subnet, ipOf(src));
    const ok = srcEni
      ? back && (back.target === 'local' || back.target === 'pcx')
      : back?.target === 'igw' && dstEni.publicIp;
    if (!ok) block({ layer: 'route', detail: `no route back from ${dstEni.subnet.id} to ${ipOf(src)}` });
  }
  // NACLs, both directions, unless both ends share a subnet.
  const sameSubnet = srcEni && dstEni && srcEni.subnet === dstEni.subnet;
  if (!sameSubnet) {
    const replyPort = protocol === 'icmp' ? 0 : EPHEMERAL;
    const checks: [EniDef | null, boolean, string, number][] = [
      [srcEni, true, ipOf(dst), port],
      [dstEni, false, ipOf(src), port],
      [dstEni, true, ipOf(src), replyPort],
      [srcEni, false, ipOf(dst), replyPort],
    ];
    for (const [eni, egress, ip, p] of checks) {
      if (!eni) continue;
      const acl = aclFor(model, eni.subnet);
      const entry = aclDecide(acl, egress, ip, protocol, p, protocol === 'icmp' ? p : -1);
      result.aclEntries.push({ acl, entry });
      if (entry.action === 'deny') {
        block({
          layer: 'nacl',
          detail: `${acl.id} ${egress ? 'egress' : 'ingress'} rule ${entry.rule} denies ${protocol}/${p} ${egress ? 'to' : 'from'} ${ip}`,
          aclId: acl.id,
          aclRule: entry.rule,
          aclDirection: egress ? 'egress' : 'ingress',
        });
      }
    }
  }
  // Security groups: source egress, destination ingress (stateful).
  const groupsOf = (eni: typeof srcEni, direction: 'egress' | 'ingress', peer: typeof dst) => {
    if (!eni) return;
    const rules = matchingRules(eni.sgs, direction, peer, protocol, port);
    if (!forwarders.has(eni.kind) && rules.length === 0) {
      block({
        layer: 'security-group',
        detail: `no ${direction} rule of ${eni.id}'s groups allows it`,
        groupIds: eni.sgs.map((g) => g.id),
      });
    }
    result.rules.push(...rules);
  };
  groupsOf(srcEni, 'egress', dst);
  groupsOf(dstEni, 'ingress', src);
  return result;
}
