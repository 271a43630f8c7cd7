import type { DecidingRule, FlowVerdict, LayerVerdict } from '../core/analysis/verdict';

export function ruleLabel(rule: DecidingRule): string {
  switch (rule.kind) {
    case 'security-group-rule':
      return `${rule.groupId} ${rule.direction} ${rule.protocol}${rule.fromPort === null ? '' : ` ${rule.fromPort}-${rule.toPort}`} ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer}`;
    case 'network-acl-entry':
      return `${rule.aclId} #${rule.ruleNumber} ${rule.action}`;
    case 'route':
      return `${rule.routeTableId} ${rule.destination} -> ${rule.target}`;
  }
}

/** The layers that decided the verdict: the denying (or unknown) ones, or every allowing one. */
function decidingLayers(verdict: FlowVerdict): readonly LayerVerdict[] {
  const wanted = verdict.allowed === false ? 'deny' : verdict.allowed === 'unknown' ? 'unknown' : 'allow';
  return verdict.explanation.filter((layer) => layer.verdict === wanted);
}

/** One line of the readable table's last column: why, in the deciding layers' own words. */
export function verdictSummary(verdict: FlowVerdict): string {
  return decidingLayers(verdict)
    .map((layer) => `${layer.layer}: ${layer.rules.map(ruleLabel).join(', ') || layer.reason}`)
    .join('; ');
}

export function verdictWord(verdict: FlowVerdict): string {
  return verdict.allowed === 'unknown' ? 'UNKNOWN' : verdict.allowed ? 'ALLOWED' : 'DENIED';
}
