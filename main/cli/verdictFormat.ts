import { decidingRuleText } from '../core/analysis/decidingRuleText';
import type { FlowVerdict, LayerVerdict } from '../core/analysis/verdict';

/** The layers that decided the verdict: the denying (or unknown) ones, or every allowing one. */
function decidingLayers(verdict: FlowVerdict): readonly LayerVerdict[] {
  const wanted = verdict.allowed === false ? 'deny' : verdict.allowed === 'unknown' ? 'unknown' : 'allow';
  return verdict.explanation.filter((layer) => layer.verdict === wanted);
}

/** One line of the readable table's last column: why, in the deciding layers' own words. */
export function verdictSummary(verdict: FlowVerdict): string {
  return decidingLayers(verdict)
    .map((layer) => `${layer.layer}: ${layer.rules.map(decidingRuleText).join(', ') || layer.reason}`)
    .join('; ');
}

export function verdictWord(verdict: FlowVerdict): string {
  return verdict.allowed === 'unknown' ? 'UNKNOWN' : verdict.allowed ? 'ALLOWED' : 'DENIED';
}
