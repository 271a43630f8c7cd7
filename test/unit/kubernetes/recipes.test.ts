import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decidingRuleText } from '../../../main/core/analysis/decidingRuleText';
import { PodFlows } from '../../../main/core/kubernetes';
import { clusterWith, fixture, recipeNames } from './files';

interface Row {
  readonly source: string;
  readonly destination: string;
  readonly protocol: string;
  readonly port: number;
  readonly egress: string;
  readonly ingress: string;
  readonly allowed: string;
  /** Every deciding rule of both layers, as decidingRuleText writes them, joined by ` | `. */
  readonly rules: string;
}

/** The rules column is last and may hold commas. */
function expectedRows(recipe: string): Row[] {
  const text = readFileSync(
    new URL(`../../fixtures/kubernetes/recipes/${recipe}/expected.csv`, import.meta.url),
    'utf8',
  );
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [source, destination, protocol, port, egress, ingress, allowed, ...rules] = line.split(',');
      return {
        source: source as string,
        destination: destination as string,
        protocol: protocol as string,
        port: Number(port),
        egress: egress as string,
        ingress: ingress as string,
        allowed: allowed as string,
        rules: rules.join(','),
      };
    });
}

describe.each(recipeNames())('NetworkPolicy recipe %s', (recipe) => {
  const flows = new PodFlows(clusterWith(fixture(`recipes/${recipe}/policies.yaml`)));
  const rows = expectedRows(recipe);

  it('has an expected verdict table', () => {
    expect(rows.length).toBeGreaterThan(2);
  });

  it.each(rows)('$source -> $destination $protocol/$port is $allowed', (row) => {
    const verdict = flows.check(row.source, row.destination, { protocol: row.protocol, port: row.port });
    expect(verdict).not.toBeNull();
    const [egress, ingress] = verdict?.explanation ?? [];
    expect({
      egress: egress?.verdict,
      ingress: ingress?.verdict,
      allowed: String(verdict?.allowed),
      rules: verdict?.explanation.flatMap((layer) => layer.rules.map(decidingRuleText)).join(' | '),
    }).toEqual({ egress: row.egress, ingress: row.ingress, allowed: row.allowed, rules: row.rules });
  });
});
