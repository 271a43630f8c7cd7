import type { IpProtocol } from '../domain/estate';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import { FlowError } from './errors';
import { PortSet } from './portSet';

/** ICMP types are one byte; a flow's "port" for icmp/icmpv6 is its type. */
export const ICMP_TYPES = PortSet.range(0, 255);

/** The client ports a reply returns to, as AWS recommends opening them: "Ephemeral ports" in the VPC guide. */
export const EPHEMERAL_PORTS = PortSet.range(1024, 65535);

// The importer names these numbers the same way, so a flow's protocol compares equal to a rule's.
const nameOfNumber = new Map([
  ['6', 'tcp'],
  ['17', 'udp'],
  ['1', 'icmp'],
  ['58', 'icmpv6'],
]);
const names = new Set(nameOfNumber.values());

/**
 * SCTP stays a number, as AWS writes it; Kubernetes names it, and its NetworkPolicies and Services
 * give it ports ("protocol (TCP, UDP, or SCTP)" of NetworkPolicyPort).
 */
export const SCTP = '132';

/**
 * `tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, or a protocol number 0-255 (numbers with a name become the
 * name; `sctp` becomes 132).
 */
export function parseFlowProtocol(written: string): IpProtocol {
  const text = written.trim().toLowerCase();
  if (names.has(text)) return text;
  if (text === 'sctp') return SCTP;
  if (/^\d{1,3}$/.test(text) && Number(text) <= 255) {
    const number = String(Number(text));
    return nameOfNumber.get(number) ?? number;
  }
  if (text === '-1' || text === 'all') {
    throw new FlowError(
      `protocol "${written}" means all protocols, which only a rule can name: a flow has one`,
    );
  }
  throw new FlowError(`protocol "${written}" is not tcp, udp, icmp, icmpv6, sctp or a protocol number 0-255`);
}

/**
 * tcp/udp: the destination port 0-65535; icmp/icmpv6: the type 0-255; sctp: a destination port or
 * none (Kubernetes filters SCTP by port, AWS by protocol alone); other protocols have none.
 */
export function parseFlowPort(protocol: IpProtocol, written: number | string | null): number | null {
  const text = typeof written === 'string' ? written.trim() : written;
  if (protocol === SCTP && (text === null || text === '')) return null;
  if (!hasPortRange(protocol) && !isIcmp(protocol) && protocol !== SCTP) {
    if (text === null || text === '') return null;
    throw new FlowError(`protocol ${protocol} has no ports, got port "${written}"`);
  }
  const [what, max] = isIcmp(protocol) ? ['an ICMP type', 255] : ['a destination port', 65535];
  const name = protocol === SCTP ? 'sctp' : protocol;
  if (text === null || text === '')
    throw new FlowError(`${name} needs ${what} from 0 to ${max}, and none was given`);
  const port = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : text;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > max) {
    throw new FlowError(`${name} needs ${what} from 0 to ${max}, got ${JSON.stringify(written)}`);
  }
  return port;
}

/**
 * Every value of a protocol's port dimension: ICMP types for icmp, ports otherwise. A protocol without
 * ports is all-or-nothing: its sets are either all or empty, and a flow of it is looked up at 0.
 */
export function portSpace(protocol: IpProtocol): PortSet {
  return isIcmp(protocol) ? ICMP_TYPES : PortSet.all;
}

// Queries and their answers: echo, timestamp and information (RFC 792), address mask (RFC 950), and
// ICMPv6 echo (RFC 4443). Every other message (errors, redirects, the answers themselves) is not answered.
const icmpAnswers = new Map<IpProtocol, ReadonlyMap<number, IcmpAnswer>>([
  [
    'icmp',
    new Map([
      [8, { type: 0, name: 'echo reply' }],
      [13, { type: 14, name: 'timestamp reply' }],
      [15, { type: 16, name: 'information reply' }],
      [17, { type: 18, name: 'address mask reply' }],
    ]),
  ],
  ['icmpv6', new Map([[128, { type: 129, name: 'echo reply' }]])],
]);

export interface IcmpAnswer {
  readonly type: number;
  readonly name: string;
}

/** The ICMP message that answers a query of type `type` (an echo reply for an echo request), or null if none does. */
export function icmpAnswer(protocol: IpProtocol, type: number | null): IcmpAnswer | null {
  return type === null ? null : (icmpAnswers.get(protocol)?.get(type) ?? null);
}

/** Queries and answers have code 0 and no other (IANA, "ICMP Type Numbers"; RFC 4443 for ICMPv6 echo). */
function hasOnlyCodeZero(protocol: IpProtocol, type: number): boolean {
  const answers = icmpAnswers.get(protocol);
  return (
    answers !== undefined &&
    (answers.has(type) || [...answers.values()].some((answer) => answer.type === type))
  );
}

/** The ICMP types that are answered: each must be an interval of its own where types are cut. */
export function answeredIcmpTypes(protocol: IpProtocol): readonly number[] {
  return [...(icmpAnswers.get(protocol)?.keys() ?? [])];
}

/** `tcp/5432`, `icmp type 8`, `sctp/3868`, `protocol 50`. */
export function describeTraffic(protocol: IpProtocol, port: number | null): string {
  if (isIcmp(protocol)) return `${protocol} type ${port}`;
  if (hasPortRange(protocol)) return `${protocol}/${port}`;
  if (protocol === SCTP && port !== null) return `sctp/${port}`;
  return `protocol ${protocol}`;
}

/** What a rule or entry admits, in the shape both security group rules and NACL entries reduce to. */
export interface TrafficSelector {
  readonly protocol: IpProtocol;
  /** tcp/udp; null is every port. */
  readonly ports: { readonly from: number; readonly to: number } | null;
  /** icmp/icmpv6; -1 is every type or every code. */
  readonly icmp: { readonly type: number; readonly code: number } | null;
}

export interface SelectedPorts {
  readonly ports: PortSet;
  /** False when the selector narrows to one ICMP code: a flow names only the type, so the match is unknown. */
  readonly certain: boolean;
}

/** The ports (or ICMP types) of `protocol` a selector admits; null when it admits none of that protocol. */
export function selectedPorts(selector: TrafficSelector, protocol: IpProtocol): SelectedPorts | null {
  if (selector.protocol === '-1') return { ports: portSpace(protocol), certain: true };
  if (selector.protocol !== protocol) return null;
  if (isIcmp(protocol)) {
    const icmp = selector.icmp;
    if (icmp === null || icmp.type === -1) return { ports: ICMP_TYPES, certain: true };
    if (icmp.code === -1) return { ports: PortSet.of(icmp.type), certain: true };
    // A query or answer always has code 0, so a rule naming a code is exact for it.
    if (hasOnlyCodeZero(protocol, icmp.type))
      return icmp.code === 0 ? { ports: PortSet.of(icmp.type), certain: true } : null;
    return { ports: PortSet.of(icmp.type), certain: false };
  }
  if (hasPortRange(protocol) && selector.ports !== null) {
    return { ports: PortSet.range(selector.ports.from, selector.ports.to), certain: true };
  }
  return { ports: PortSet.all, certain: true };
}

/** `tcp 5432`, `tcp 1024-65535`, `udp all ports`, `icmp type 3 code 4`, `all traffic`, `protocol 50`. */
export function describeSelector(selector: TrafficSelector): string {
  if (selector.protocol === '-1') return 'all traffic';
  if (isIcmp(selector.protocol)) {
    const icmp = selector.icmp;
    if (icmp === null || icmp.type === -1) return `${selector.protocol} all types`;
    return `${selector.protocol} type ${icmp.type}${icmp.code === -1 ? '' : ` code ${icmp.code}`}`;
  }
  if (!hasPortRange(selector.protocol)) return `protocol ${selector.protocol}`;
  const { ports } = selector;
  if (ports === null || (ports.from <= 0 && ports.to >= 65535)) return `${selector.protocol} all ports`;
  return `${selector.protocol} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
}
