import { decidingRuleText } from '../core/analysis/decidingRuleText';
import type { FlowVerdict, LayerVerdict } from '../core/analysis/verdict';

/** The layers that decided the verdict: the denying (or unknown) ones, or every allowing one. */
function decidingLayers(verdict: FlowVerdict): readonly LayerVerdict[] {
  const wanted = verdict.allowed === false ? 'deny' : verdict.allowed === 'unknown' ? 'unknown' : 'allow';
  return verdict.explanation.filter((layer) => layer.verdict === wanted);
}

/**
 * One line of the readable table's last column: why, in the deciding layers' own words. An unknown
 * layer's rules are those that might decide it, not a decision, so it gives its reason, which names them.
 */
export function verdictSummary(verdict: FlowVerdict): string {
  const why = decidingLayers(verdict)
    .map((layer) => {
      const rules = layer.verdict === 'unknown' ? '' : layer.rules.map(decidingRuleText).join(', ');
      return `${layer.layer}: ${rules || layer.reason}`;
    })
    .join('; ');
  return verdict.range ? `${rangeText(verdict)}: ${why}` : why;
}

/** Which address of a CIDR end the verdict is for, and how the rest of the CIDR fared. */
export function rangeText(verdict: FlowVerdict): string {
  const range = verdict.range;
  if (range === undefined) return '';
  const unknown = range.unknown > 0 ? `, ${range.unknown} unknown` : '';
  return `${verdict[range.end].address} (${range.allowed} of ${range.addresses} parts of ${range.cidr} get through${unknown})`;
}

export function verdictWord(verdict: FlowVerdict): string {
  return verdict.allowed === 'unknown' ? 'UNKNOWN' : verdict.allowed ? 'ALLOWED' : 'DENIED';
}
