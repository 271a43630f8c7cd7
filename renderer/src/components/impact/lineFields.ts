/**
 * The fields of a rule or entry read back from the line the topology gives the inspector
 * (main/core/views/topology.ts writes them), to fill the what-if forms. ICMP types and codes are not
 * on the line: an ICMP rule reads as every type.
 */
export interface RuleDraft {
  readonly protocol: string;
  readonly fromPort: string;
  readonly toPort: string;
  /** The peer of a group rule, the CIDR of an ACL entry. */
  readonly peer: string;
}

export interface EntryDraft extends RuleDraft {
  readonly action: 'allow' | 'deny';
}

export const emptyRuleDraft: RuleDraft = { protocol: 'tcp', fromPort: '', toPort: '', peer: '' };

/** `ingress tcp/5432 from sg-1` */
export function ruleDraftOf(text: string): RuleDraft {
  const match = /^(?:ingress|egress) (.+) (?:from|to) (\S+)$/.exec(text);
  return match ? { ...protocolDraft(match[1] ?? ''), peer: match[2] ?? '' } : emptyRuleDraft;
}

/** `#100 inbound allow tcp/443 from 0.0.0.0/0` */
export function entryDraftOf(text: string): EntryDraft {
  const match = /^#\d+ (?:inbound|outbound) (allow|deny) (.+) (?:from|to) (\S+)$/.exec(text);
  if (!match) return { ...emptyRuleDraft, action: 'allow' };
  return {
    ...protocolDraft(match[2] ?? ''),
    peer: match[3] ?? '',
    action: match[1] === 'deny' ? 'deny' : 'allow',
  };
}

function protocolDraft(text: string): Omit<RuleDraft, 'peer'> {
  if (text === 'all traffic') return { protocol: '-1', fromPort: '', toPort: '' };
  const all = /^(\S+) all ports$/.exec(text);
  if (all) return { protocol: all[1] ?? '', fromPort: '0', toPort: '65535' };
  const ports = /^(\S+)\/(\d+)(?:-(\d+))?$/.exec(text);
  if (ports)
    return { protocol: ports[1] ?? '', fromPort: ports[2] ?? '', toPort: ports[3] ?? ports[2] ?? '' };
  return { protocol: text, fromPort: '', toPort: '' };
}

/**
 * Ports as the change format takes them: a range for tcp/udp, none for other protocols. The form has
 * no ICMP type or code, so icmp is every type and code, which AWS requires written out as -1 and -1.
 */
export function portsOf(draft: RuleDraft): { fromPort: number | null; toPort: number | null } {
  const hasPorts = draft.protocol === 'tcp' || draft.protocol === 'udp';
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  if (draft.protocol === 'icmp') return { fromPort: -1, toPort: -1 };
  if (!hasPorts) return { fromPort: null, toPort: null };
  const fromPort = number(draft.fromPort);
  return { fromPort, toPort: number(draft.toPort) ?? fromPort };
}
