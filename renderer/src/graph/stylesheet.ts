import type { StylesheetJson, StylesheetJsonBlock } from 'cytoscape';

/** The theme's colours, read from the CSS variables so the graphs follow light and dark. */
export interface GraphTheme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly group: string;
  readonly node: string;
  readonly accent: string;
  readonly danger: string;
  readonly warning: string;
  readonly success: string;
}

export const lightGraphTheme: GraphTheme = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#59636e',
  border: '#d1d9e0',
  group: '#f6f8fa',
  node: '#ffffff',
  accent: '#0969da',
  danger: '#cf222e',
  warning: '#9a6700',
  success: '#1a7f37',
};

export interface StyleOptions {
  readonly theme: GraphTheme;
  /** Owner → colour when colouring by owner; null colours by kind. */
  readonly owners: ReadonlyMap<string, string> | null;
  /** Straight edges: far cheaper to draw than curves when there are thousands. */
  readonly large: boolean;
}

/**
 * An edge led around the boxes between its ends (layout.ts, applyDetours), its bends placed from
 * centre to centre. The impact stylesheet repeats it after its own edge rules, which it must outlast.
 */
export const detourRule: StylesheetJsonBlock = {
  selector: 'edge.detour',
  style: {
    'curve-style': 'segments',
    'segment-distances': 'data(detourDistances)',
    'segment-weights': 'data(detourWeights)',
    'edge-distances': 'node-position',
  },
};

const font = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif';

export function graphStylesheet({ theme, owners, large }: StyleOptions): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(display)',
        'font-family': font,
        'font-size': 11,
        color: theme.text,
        'text-wrap': 'wrap',
        'text-max-width': '210px',
        'text-valign': 'center',
        'text-halign': 'center',
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': theme.node,
        'border-width': 1,
        'border-color': theme.border,
        'min-zoomed-font-size': 5,
      },
    },
    {
      selector: ':parent',
      style: {
        'text-valign': 'top',
        'text-halign': 'center',
        'text-wrap': 'none',
        'text-margin-y': -4,
        'font-weight': 600,
        'font-size': 12,
        'background-color': theme.group,
        'background-opacity': 0.7,
        'border-color': theme.border,
        padding: '10px',
        'corner-radius': '8px',
      },
    },
    {
      selector: 'node.subnet:parent',
      style: { 'border-style': 'dashed', 'background-opacity': 0.35, 'font-size': 11 },
    },
    { selector: 'node.vpc:parent', style: { 'font-size': 13 } },
    {
      selector: 'node.subnet.leaf',
      style: { 'border-style': 'dashed', color: theme.muted, 'background-color': theme.group },
    },
    { selector: 'node.segment', style: { 'border-width': 2, 'border-color': theme.accent } },
    {
      selector: 'node.segment.empty',
      style: { 'border-style': 'dashed', color: theme.muted, 'border-color': theme.border },
    },
    {
      selector: 'node.acl',
      style: { shape: 'cut-rectangle', 'border-color': theme.muted, color: theme.muted },
    },
    {
      selector: 'node.tgw, node.pcx',
      style: { shape: 'round-octagon', 'border-width': 2, 'border-color': theme.text, 'font-weight': 600 },
    },
    { selector: 'node.pcx', style: { 'border-style': 'dashed', 'font-weight': 400 } },
    { selector: 'node.external', style: { 'border-style': 'dashed', color: theme.muted } },
    { selector: 'node.workload', style: { 'font-size': 9, 'corner-radius': '12px' } },
    { selector: 'node.workload.public', style: { 'border-color': theme.warning, 'border-width': 2 } },
    {
      selector: 'node.collapsed',
      style: { 'border-style': 'double', 'border-width': 4, 'font-weight': 600 },
    },
    ...ownerStyles(owners, theme),
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': large ? 'straight' : 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'line-color': theme.muted,
        'target-arrow-color': theme.muted,
        'font-family': font,
        'font-size': 10,
        color: theme.text,
        'text-background-color': theme.background,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 8,
      },
    },
    detourRule,
    { selector: 'edge.allowed', style: { 'line-color': theme.success, 'target-arrow-color': theme.success } },
    {
      selector: 'edge.blocked',
      style: {
        'line-color': theme.danger,
        'target-arrow-color': theme.danger,
        width: 3,
        label: 'data(label)',
        color: theme.danger,
      },
    },
    {
      selector: 'edge.unknown',
      style: { 'line-color': theme.warning, 'target-arrow-color': theme.warning, width: 2 },
    },
    { selector: 'edge.unchecked', style: { 'line-color': theme.border, 'target-arrow-color': theme.border } },
    { selector: 'edge.declared', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    { selector: 'edge.observed', style: { 'line-style': 'dotted' } },
    {
      selector: 'edge.used',
      style: { 'line-color': theme.accent, 'target-arrow-color': theme.accent, opacity: 0.75 },
    },
    { selector: 'edge.unneeded', style: { display: 'none' } },
    {
      selector: 'edge.unneeded.reveal',
      style: {
        display: 'element',
        'line-color': theme.warning,
        'target-arrow-color': theme.warning,
        'line-style': 'dashed',
        width: 1,
      },
    },
    {
      selector: 'edge.covers',
      style: { 'line-style': 'dotted', 'target-arrow-shape': 'none', 'line-color': theme.muted },
    },
    {
      selector: 'edge.joins',
      style: { 'target-arrow-shape': 'none', width: 4, 'line-color': theme.text, opacity: 0.45 },
    },
    { selector: 'edge.peering', style: { 'line-style': 'dashed', 'line-dash-pattern': [10, 4] } },
    { selector: '.faded', style: { opacity: 0.22 } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
    { selector: 'node.hl', style: { 'border-color': theme.accent, 'border-width': 3, opacity: 1 } },
    { selector: 'edge.hl', style: { width: 3, opacity: 1, 'z-index': 10 } },
    { selector: 'edge.labelled', style: { label: 'data(label)' } },
    {
      selector: 'node.focus',
      style: {
        'underlay-color': theme.warning,
        'underlay-opacity': 0.35,
        'underlay-padding': 6,
        'border-color': theme.warning,
        'border-width': 3,
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-color': theme.accent, 'border-width': 4, 'overlay-opacity': 0 },
    },
    {
      selector: 'node.active',
      style: { 'underlay-color': theme.accent, 'underlay-opacity': 0.25, 'underlay-padding': 6 },
    },
  ];
}

function ownerStyles(owners: ReadonlyMap<string, string> | null, theme: GraphTheme): StylesheetJson {
  if (!owners) return [];
  return [...owners].flatMap(([owner, colour]) => {
    const selector = `node[owner = ${JSON.stringify(owner)}]`;
    return [
      {
        selector,
        style: {
          'background-color': colour,
          'background-opacity': 0.3,
          'border-color': colour,
          'border-width': 2,
        },
      },
      { selector: `${selector}:parent`, style: { 'background-opacity': 0.12, color: theme.text } },
    ];
  });
}
