import type { StylesheetJson } from 'cytoscape';
import { useMemo } from 'react';
import { type ImpactOverlay, impactOverlay, noOverlay } from '../../graph/impactOverlay';
import { impactStylesheet } from '../../graph/impactStylesheet';
import type { ViewIndex } from '../../graph/viewData';
import { readGraphTheme } from '../../state/theme';
import { useImpactState } from '../../state/useImpactState';

/** The current impact as marks on both views while the what-if workbench is open, and the views' stylesheet with the marks' styles after it. */
export function useImpactOverlay(
  index: ViewIndex,
  stylesheet: StylesheetJson,
): { overlay: ImpactOverlay; stylesheet: StylesheetJson; open: boolean } {
  const { report, open } = useImpactState();
  // Closing the workbench puts the views back as the snapshot has them; the edits wait for reopening.
  const overlay = useMemo(
    () => (open ? impactOverlay(report, (id) => index.workloads.get(id)?.service ?? null) : noOverlay),
    [open, report, index],
  );
  // The base stylesheet is rebuilt when the theme changes: so are the impact colours read here.
  const withImpact = useMemo(() => [...stylesheet, ...impactStylesheet(readGraphTheme())], [stylesheet]);
  return { overlay, stylesheet: withImpact, open };
}
