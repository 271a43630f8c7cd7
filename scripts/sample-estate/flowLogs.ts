/**
 * VPC flow logs for one day of Northwind traffic: every intended dependency as conversations (request from
 * an ephemeral client port, reply back), recorded on each ENI that sees them, as S3 delivers them
 * (default version-2 format with its header line, gzip).
 */
import { gzipSync } from 'node:zlib';
import { type Blocker, type Endpoint, evaluate } from './check';
import { type Dependency, dependencies, externals, flowPairs } from './deps';
import type { EniDef, Model } from './model';
import { FLOW_LOG_DAY, FLOW_LOG_HEADER, FLOW_LOG_ID, INTERNET_CLIENT_RANGES } from './sources';
import { ACCOUNT, hashInt, hex, REGION } from './util';

/** External destinations reached through the NAT gateway (the NAT ENI logs both of its sides). */
const VIA_NAT = new Set<string>([externals.psp.ip]);
const FILES = 4;

type Action = 'ACCEPT' | 'REJECT';

export interface FlowRecord {
  eni: string;
  fields: string;
  start: number;
}

/** One TCP/ICMP exchange and the ENIs that log it, with what each logs for the request and the reply. */
interface Conversation {
  client: string;
  server: string;
  protocol: number;
  port: number;
  observers: { eni: EniDef; request: Action; reply: Action | null }[];
}

/** Small seeded generator (mulberry32), so the logs are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}
type Rng = ReturnType<typeof random>;

const protocolNumber = { tcp: 6, udp: 17, icmp: 1 } as const;

function internetClient(rng: Rng): string {
  const range = INTERNET_CLIENT_RANGES[rng.int(0, INTERNET_CLIENT_RANGES.length - 1)] ?? '';
  return `${range.split('.').slice(0, 3).join('.')}.${rng.int(1, 254)}`;
}

/** Whether every blocker of a flow sits at the destination (its NACL ingress or its groups). */
function blockedAtDestination(model: Model, dst: EniDef, blockers: Blocker[]): boolean {
  const acl = model.nacls.find((n) => n.subnets.includes(dst.subnet));
  const groups = dst.sgs.map((g) => g.id).join('+');
  return blockers.every((b) =>
    b.layer === 'nacl'
      ? b.aclId === acl?.id && b.aclDirection === 'ingress'
      : b.layer === 'security-group' && b.groupIds?.join('+') === groups,
  );
}

function conversations(model: Model, d: Dependency, src: Endpoint, dst: Endpoint, rng: Rng): Conversation[] {
  const dstEni = 'eni' in dst ? dst.eni : null;
  const srcEni = 'eni' in src ? src.eni : null;
  // A stopped instance's ENI neither sends nor answers.
  if ([srcEni, dstEni].some((e) => e?.instance?.state === 'stopped')) return [];
  const r = evaluate(model, src, dst, d.protocol, d.port);
  if (!r.allowed && !(dstEni && blockedAtDestination(model, dstEni, r.blockers)))
    throw new Error(`flow logs: ${d.from} -> ${d.to} is blocked other than at the destination`);
  const observe = (eni: EniDef | null, request: Action, reply: Action | null) =>
    eni ? [{ eni, request, reply }] : [];
  const observers = r.allowed
    ? [...observe(srcEni, 'ACCEPT', 'ACCEPT'), ...observe(dstEni, 'ACCEPT', 'ACCEPT')]
    : [...observe(srcEni, 'ACCEPT', null), ...observe(dstEni, 'REJECT', null)];
  const server = dstEni ? dstEni.privateIp : 'external' in dst ? dst.external.ip : '';
  const fromInternet = 'external' in src && src.external === externals.internet;
  const client = srcEni
    ? srcEni.privateIp
    : fromInternet
      ? internetClient(rng)
      : ('external' in src && src.external.ip) || '';
  const base = { server, protocol: protocolNumber[d.protocol], port: d.protocol === 'icmp' ? 0 : d.port };
  const nat = model.enis.find((e) => e.kind === 'nat-gateway');
  if (!VIA_NAT.has(server) || !nat) return [{ ...base, client, observers }];
  // Through the NAT gateway: the private side (client to server) and the translated side (NAT to server).
  const natSeen = [{ eni: nat, request: 'ACCEPT' as const, reply: 'ACCEPT' as const }];
  return [
    { ...base, client, observers: [...observers, ...natSeen] },
    { ...base, client: nat.privateIp, observers: natSeen },
  ];
}

function records(c: Conversation, rng: Rng, dayStart: number): FlowRecord[] {
  const start = dayStart + rng.int(0, 86400 - 700);
  const end = start + rng.int(5, 600);
  const clientPort = c.protocol === 1 ? 0 : rng.int(32768, 60999);
  const icmp = c.protocol === 1;
  const rejected = c.observers.some((o) => o.request === 'REJECT');
  const requestPackets = rejected ? rng.int(1, 3) : rng.int(2, 40);
  const request = [requestPackets, requestPackets * (icmp ? 84 : rejected ? 60 : rng.int(60, 900))];
  const replyPackets = rng.int(2, 60);
  // An echo reply mirrors its request; a TCP reply carries the response.
  const reply = icmp ? request : [replyPackets, replyPackets * rng.int(60, 1400)];
  const line = (eni: EniDef, a: string, b: string, ap: number, bp: number, pb: number[], action: Action) => ({
    eni: eni.id,
    start,
    fields: `2 ${ACCOUNT} ${eni.id} ${a} ${b} ${ap} ${bp} ${c.protocol} ${pb[0]} ${pb[1]} ${start} ${end} ${action} OK`,
  });
  return c.observers.flatMap((o) => [
    line(o.eni, c.client, c.server, clientPort, c.port, request, o.request),
    ...(o.reply ? [line(o.eni, c.server, c.client, c.port, clientPort, reply, o.reply)] : []),
  ]);
}

function noData(eni: EniDef, rng: Rng, dayStart: number): FlowRecord {
  const start = dayStart + rng.int(0, 86400 - 700);
  return {
    eni: eni.id,
    start,
    fields: `2 ${ACCOUNT} ${eni.id} - - - - - - - ${start} ${start + 600} - NODATA`,
  };
}

export interface FlowLogFile {
  /** Path below resources/sample/flowlogs. */
  path: string;
  lines: string[];
}

export function buildFlowLogs(model: Model): FlowLogFile[] {
  const rng = random(hashInt('flowlogs'));
  const dayStart = Date.parse(`${FLOW_LOG_DAY}T00:00:00Z`) / 1000;
  const all: FlowRecord[] = [];
  for (const d of dependencies) {
    const sessions = d.from === 'internet' ? (d.port === 443 ? 24 : 4) : 2;
    for (const [src, dst] of flowPairs(model, d)) {
      const count = rng.int(1, sessions);
      for (let i = 0; i < count; i++) {
        for (const c of conversations(model, d, src, dst, rng)) all.push(...records(c, rng, dayStart));
      }
    }
  }
  const idle = model.enis.filter(
    (e) => e.instance && (e.instance.state === 'stopped' || e.attachment.deviceIndex === 1),
  );
  for (const eni of idle) for (let i = 0; i < 3; i++) all.push(noData(eni, rng, dayStart));

  const dir = `AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/${FLOW_LOG_DAY.replaceAll('-', '/')}`;
  const stamp = `${FLOW_LOG_DAY.replaceAll('-', '')}T0000Z`;
  return Array.from({ length: FILES }, (_, i) => {
    const mine = all
      .filter((r) => hashInt(`flowlogs/${r.eni}`) % FILES === i)
      .sort((a, b) => a.start - b.start || a.fields.localeCompare(b.fields));
    return {
      path: `${dir}/${ACCOUNT}_vpcflowlogs_${REGION}_${FLOW_LOG_ID}_${stamp}_${hex(`flowlogs/file/${i}`, 8)}.log.gz`,
      lines: [FLOW_LOG_HEADER, ...mine.map((r) => r.fields)],
    };
  });
}

/** The gzip bytes S3 stores (no file name or time in the header, so the bytes are stable). */
export function gzipLog(file: FlowLogFile): Buffer {
  return gzipSync(`${file.lines.join('\n')}\n`, { level: 9 });
}
