import type { SourceRef } from '../domain/estate';

export type Verdict = true | false | 'unknown';

export type LayerName =
  | 'route'
  | 'sg-egress'
  | 'nacl-outbound'
  | 'nacl-inbound'
  | 'sg-ingress'
  | 'nacl-reply'
  | 'k8s-egress'
  | 'k8s-ingress';

export type LayerOutcome = 'allow' | 'deny' | 'unknown' | 'not-applicable';

export interface ResolvedEndpoint {
  /** What the query said: an ENI id, an instance id or an address. */
  readonly input: string;
  readonly workloadId: string;
  /** The address the flow uses, as the export wrote it. */
  readonly address: string;
  readonly subnetId: string;
  readonly vpcId: string;
}

export type DecidingRule =
  | {
      readonly kind: 'security-group-rule';
      readonly groupId: string;
      readonly ruleKey: string;
      readonly direction: 'ingress' | 'egress';
      readonly protocol: string;
      readonly fromPort: number | null;
      readonly toPort: number | null;
      /** The CIDR, group id or prefix list id the rule names. */
      readonly peer: string;
      readonly source: SourceRef;
    }
  | {
      readonly kind: 'network-acl-entry';
      readonly aclId: string;
      readonly ruleNumber: number;
      readonly egress: boolean;
      readonly action: 'allow' | 'deny';
      readonly protocol: string;
      readonly cidr: string;
      readonly portRange: { readonly from: number; readonly to: number } | null;
      readonly source: SourceRef;
    }
  | {
      /** A NetworkPolicy rule that allowed, or (ruleIndex null) a policy that isolates the pod and allows nothing here. */
      readonly kind: 'network-policy-rule';
      readonly namespace: string;
      readonly policy: string;
      readonly direction: 'ingress' | 'egress';
      readonly ruleIndex: number | null;
      readonly source: SourceRef;
    }
  | {
      readonly kind: 'route';
      readonly routeTableId: string;
      readonly destination: string;
      readonly target: string;
      readonly source: SourceRef;
    };

export interface LayerVerdict {
  readonly layer: LayerName;
  readonly verdict: LayerOutcome;
  /** Plain English a network engineer can check against the console. */
  readonly reason: string;
  /** The exact rules that decided the layer. */
  readonly rules: readonly DecidingRule[];
}

export interface FlowVerdict {
  readonly source: ResolvedEndpoint;
  readonly destination: ResolvedEndpoint;
  readonly protocol: string;
  readonly port: number | null;
  readonly allowed: Verdict;
  /**
   * Between ENIs: route, sg-egress, nacl-outbound, nacl-inbound, sg-ingress, nacl-reply, always all six
   * in that order. With a Kubernetes pod at either end: k8s-egress, k8s-ingress.
   */
  readonly explanation: readonly LayerVerdict[];
  /** Set when one end was written as a CIDR: the verdict is then that of one address in it. */
  readonly range?: RangeOutcome;
}

/**
 * A CIDR end stands for every internet address in it. One address per stretch that every rule, entry
 * and route treats alike is checked; the flow's verdict is that of the first to get through, else of
 * the first whose verdict is unknown, else of the first: can anything in the range connect.
 */
export interface RangeOutcome {
  readonly end: 'source' | 'destination';
  readonly cidr: string;
  /** Addresses checked, one per stretch. */
  readonly addresses: number;
  readonly allowed: number;
  readonly unknown: number;
}

export interface FlowQuery {
  readonly source: string;
  readonly destination: string;
  readonly protocol: string;
  readonly port: number | string | null;
}

/** A flow's verdict from its layers: denied if any denies, unknown if any cannot tell. */
export function flowVerdict(
  source: ResolvedEndpoint,
  destination: ResolvedEndpoint,
  protocol: string,
  port: number | null,
  explanation: readonly LayerVerdict[],
): FlowVerdict {
  return { source, destination, protocol, port, allowed: overallVerdict(explanation), explanation };
}

/**
 * Checks that must all pass, as one: any deny decides; otherwise any unknown leaves it unknown;
 * not-applicable ones do not count (all of them not applicable: not applicable).
 */
export function allMustPass(outcomes: readonly LayerOutcome[]): LayerOutcome {
  if (outcomes.includes('deny')) return 'deny';
  if (outcomes.includes('unknown')) return 'unknown';
  return outcomes.includes('allow') ? 'allow' : 'not-applicable';
}

export function overallVerdict(layers: readonly LayerVerdict[]): Verdict {
  const outcome = allMustPass(layers.map((layer) => layer.verdict));
  return outcome === 'deny' ? false : outcome === 'unknown' ? 'unknown' : true;
}

/**
 * The rules of checks that make up one layer, each once: both ends of a flow in subnets sharing a
 * route table route each other by the same local route, and one rule cited twice reads as two.
 */
export function distinctRules(rules: readonly DecidingRule[]): DecidingRule[] {
  const seen = new Set<string>();
  return rules.filter(({ source }) => {
    const key = `${source.file}\0${source.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One layer from several labelled checks of it, all of which must pass. */
export function combinedLayer(
  layer: LayerName,
  parts: readonly (readonly [string, LayerVerdict])[],
): LayerVerdict {
  const applicable = parts.filter(([, part]) => part.verdict !== 'not-applicable');
  if (applicable.length === 0) return { ...(parts[0]?.[1] as LayerVerdict), layer };
  return {
    layer,
    verdict: allMustPass(applicable.map(([, part]) => part.verdict)),
    reason: applicable.map(([label, part]) => `${label}, ${part.reason}`).join('; '),
    rules: distinctRules(applicable.flatMap(([, part]) => part.rules)),
  };
}
