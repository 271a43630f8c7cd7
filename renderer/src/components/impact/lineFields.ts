/**
 * The fields of a rule or entry read back from the line the topology gives the inspector
 * (main/core/views/topology.ts writes them), to fill the what-if forms, and written out again as the
 * change format takes them. The round trip is exact, so an edit that changes only the peer keeps an
 * echo-only ICMP rule echo-only.
 */
export interface RuleDraft {
  readonly protocol: string;
  readonly fromPort: string;
  readonly toPort: string;
  /** icmp/icmpv6; empty is every type, or every code. */
  readonly icmpType: string;
  readonly icmpCode: string;
  /** The peer of a group rule, the CIDR of an ACL entry. */
  readonly peer: string;
}

export interface EntryDraft extends RuleDraft {
  readonly action: 'allow' | 'deny';
}

type Traffic = Pick<RuleDraft, 'protocol' | 'fromPort' | 'toPort' | 'icmpType' | 'icmpCode'>;

const noPorts = { fromPort: '', toPort: '', icmpType: '', icmpCode: '' };

export const emptyRuleDraft: RuleDraft = { protocol: 'tcp', ...noPorts, peer: '' };

export const isIcmpProtocol = (protocol: string) => protocol === 'icmp' || protocol === 'icmpv6';

export const hasPortRange = (protocol: string) => protocol === 'tcp' || protocol === 'udp';

/** `ingress tcp/5432 from sg-1`, `ingress icmp type 8 from pl-1` */
export function ruleDraftOf(text: string): RuleDraft {
  const match = /^(?:ingress|egress) (.+) (?:from|to) (\S+)$/.exec(text);
  return match ? { ...trafficDraft(match[1] ?? ''), peer: match[2] ?? '' } : emptyRuleDraft;
}

/** `#100 inbound allow tcp/443 from 0.0.0.0/0` */
export function entryDraftOf(text: string): EntryDraft {
  const match = /^#\d+ (?:inbound|outbound) (allow|deny) (.+) (?:from|to) (\S+)$/.exec(text);
  if (!match) return { ...emptyRuleDraft, action: 'allow' };
  return {
    ...trafficDraft(match[2] ?? ''),
    peer: match[3] ?? '',
    action: match[1] === 'deny' ? 'deny' : 'allow',
  };
}

function trafficDraft(text: string): Traffic {
  if (text === 'all traffic') return { protocol: '-1', ...noPorts };
  const icmp = /^(icmp(?:v6)?) (?:all types|type (\d+)(?: code (\d+))?)$/.exec(text);
  if (icmp) return { ...noPorts, protocol: icmp[1] ?? '', icmpType: icmp[2] ?? '', icmpCode: icmp[3] ?? '' };
  const all = /^(\S+) all ports$/.exec(text);
  if (all) return { ...noPorts, protocol: all[1] ?? '', fromPort: '0', toPort: '65535' };
  const ports = /^(\S+)\/(\d+)(?:-(\d+))?$/.exec(text);
  if (ports)
    return {
      ...noPorts,
      protocol: ports[1] ?? '',
      fromPort: ports[2] ?? '',
      toPort: ports[3] ?? ports[2] ?? '',
    };
  return { protocol: text, ...noPorts };
}

const number = (text: string) => (text.trim() === '' ? null : Number(text));

/** An ICMP type or code left empty is every one, which AWS requires written out as -1. */
const icmpNumber = (text: string) => number(text) ?? -1;

/**
 * Ports as a security group rule takes them: a range for tcp/udp, the ICMP type and code for
 * icmp/icmpv6, none for other protocols.
 */
export function portsOf(draft: Traffic): { fromPort: number | null; toPort: number | null } {
  if (isIcmpProtocol(draft.protocol))
    return { fromPort: icmpNumber(draft.icmpType), toPort: icmpNumber(draft.icmpCode) };
  if (!hasPortRange(draft.protocol)) return { fromPort: null, toPort: null };
  const fromPort = number(draft.fromPort);
  return { fromPort, toPort: number(draft.toPort) ?? fromPort };
}

/** A rule's fields as the change format's `add-rule` and `change-rule` take them. */
export const ruleFields = (draft: RuleDraft) => ({
  protocol: draft.protocol,
  ...portsOf(draft),
  peer: draft.peer,
});

/** An entry's fields: an ACL entry holds its ICMP type and code apart from its port range. */
export const entryFields = (draft: EntryDraft) => ({
  protocol: draft.protocol,
  action: draft.action,
  cidr: draft.peer,
  ...(isIcmpProtocol(draft.protocol)
    ? { icmpType: icmpNumber(draft.icmpType), icmpCode: icmpNumber(draft.icmpCode) }
    : portsOf(draft)),
});

/** Whether the form was submitted as it was opened: then there is nothing to change. */
export function sameDraft(a: EntryDraft, b: EntryDraft): boolean {
  return (Object.keys(a) as (keyof EntryDraft)[]).every((key) => a[key] === b[key]);
}

/**
 * What is wrong with the numbers of a draft, before the API is asked: ports are whole numbers 0-65535
 * (the destination port of tcp and udp), an ICMP type or code -1 (every one) to 255, as AWS takes them
 * (docs/semantics/aws.md, Security groups).
 */
export function draftProblem(draft: Traffic): string | null {
  if (hasPortRange(draft.protocol)) {
    for (const [label, text] of [
      ['From port', draft.fromPort],
      ['To port', draft.toPort],
    ] as const) {
      if (text.trim() !== '' && !inRange(text, 0, 65535))
        return `${label} "${text}" is not a port: a port is a whole number 0-65535.`;
    }
  }
  if (isIcmpProtocol(draft.protocol)) {
    for (const [label, text] of [
      ['ICMP type', draft.icmpType],
      ['ICMP code', draft.icmpCode],
    ] as const) {
      if (text.trim() !== '' && !inRange(text, -1, 255))
        return `${label} "${text}" is not one: write a whole number 0-255, or leave it empty (or -1) for every one.`;
    }
    // IpPermission, ToPort: "If the start port is -1 (all ICMP types), then the end port must be -1".
    if (icmpNumber(draft.icmpType) === -1 && icmpNumber(draft.icmpCode) !== -1)
      return 'An ICMP code needs its type: every type takes every code.';
  }
  return null;
}

function inRange(text: string, low: number, high: number): boolean {
  const value = Number(text.trim());
  return /^-?\d+$/.test(text.trim()) && value >= low && value <= high;
}
