import type { ViewIndex } from '../../graph/viewData';
import type { EditNames } from '../../state/impactEdits';

/** The names the views show, for the pending edits; ids stay where nothing names them. */
export function editNames(index: ViewIndex | null): EditNames {
  if (!index) return { of: (id) => id, rule: (key) => key };
  const { subnets, networkAcls, prefixLists, routeTables, transitGateways } = index.data.topology;
  return {
    of: (id) =>
      index.segments.get(id)?.name ??
      index.workloads.get(id)?.name ??
      subnets.find((s) => s.id === id)?.name ??
      networkAcls.find((a) => a.id === id)?.name ??
      prefixLists.find((p) => p.id === id)?.name ??
      routeTables.find((t) => t.id === id)?.name ??
      transitGateways.find((g) => g.id === id)?.name ??
      id,
    rule: (key) => {
      const segment = index.segments.get(key.split('/')[0] ?? '');
      const line = segment?.rules.find((r) => r.key === key);
      return segment && line ? `${segment.name} ${line.text}` : key;
    },
  };
}
