import type { Finding } from './viewData';

/** Findings shown at first, and added by each "show more": a large estate has tens of thousands. */
export const findingsPerPage = 200;

const severityOrder = { high: 0, medium: 1, low: 2 } as const;

/** The findings of one kind (or all), most severe first, then by title. */
export function sortedFindings(findings: readonly Finding[], kind: Finding['kind'] | null): Finding[] {
  return findings
    .filter((f) => kind === null || f.kind === kind)
    .toSorted(
      (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.title.localeCompare(b.title),
    );
}

/**
 * The first `shown` findings, and the chosen one wherever it sits: a finding chosen from the views
 * stays in the list even when it is past the findings shown so far.
 */
export function visibleFindings(
  sorted: readonly Finding[],
  shown: number,
  chosenId: string | null,
): Finding[] {
  const first = sorted.slice(0, shown);
  if (chosenId === null || first.some((f) => f.id === chosenId)) return first;
  const chosen = sorted.find((f) => f.id === chosenId);
  return chosen ? [...first, chosen] : first;
}
