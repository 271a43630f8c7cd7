import type { StylesheetJson } from 'cytoscape';
import { detourRule, type GraphTheme } from './stylesheet';

/**
 * How an impact shows on the views, after the base stylesheet so it wins: what breaks in red, what
 * comes back or opens in green, what closes in grey, what becomes undecidable in dashed amber (as the
 * HTML report draws them); edited segments get a thick amber outline, touched apps and segments an amber underlay.
 */
export function impactStylesheet(theme: GraphTheme): StylesheetJson {
  const line = (colour: string) => ({
    'line-color': colour,
    'target-arrow-color': colour,
    width: 3.5,
    opacity: 1,
    label: 'data(label)',
    color: colour,
    'font-weight': 600,
    'text-background-opacity': 1,
    'z-index': 20,
  });
  return [
    { selector: 'edge.impact-breaks', style: { ...line(theme.danger), width: 4.5, 'line-style': 'solid' } },
    { selector: 'edge.impact-restored', style: { ...line(theme.success), 'line-style': 'solid' } },
    { selector: 'edge.impact-opened', style: { ...line(theme.success), 'line-style': 'solid' } },
    {
      selector: 'edge.impact-closed',
      style: {
        ...line(theme.muted),
        display: 'element',
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
      },
    },
    {
      selector: 'edge.impact-undecided',
      style: { ...line(theme.warning), 'line-style': 'dashed', 'line-dash-pattern': [3, 3] },
    },
    { selector: 'edge.impact-added', style: { width: 2.5, 'curve-style': 'bezier' } },
    // An edge a change opens where none was drawn goes round the boxes in its way as any other does.
    detourRule,
    {
      selector: 'node.impact-hit',
      style: { 'underlay-color': theme.warning, 'underlay-opacity': 0.2, 'underlay-padding': 5 },
    },
    {
      selector: 'node.impact-edited',
      style: {
        'border-color': theme.warning,
        'border-width': 4,
        'underlay-color': theme.warning,
        'underlay-opacity': 0.3,
        'underlay-padding': 6,
      },
    },
  ];
}
