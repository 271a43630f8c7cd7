import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { type KeyboardEvent, type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { applyHighlight, type HighlightState, idsWithClass } from '../../graph/highlight';
import { applyImpact } from '../../graph/impactCanvas';
import type { ViewOverlay } from '../../graph/impactOverlay';
import { applyDetours, fitView, runLayout } from '../../graph/layout';
import { svgOf } from '../../graph/svgExport';
import type { GraphViewId } from '../../state/viewStore';
import { nextInReadingOrder } from './readingOrder';
import { hardwareWebgl } from './webgl';

preemptCytoscapeStylesheet();

/** What the panel around a canvas can ask of it. */
export interface GraphHandle {
  fit(): void;
  zoom(factor: number): void;
  png(): Blob | null;
  svg(): string | null;
}

export interface GraphCanvasProps extends HighlightState {
  readonly view: GraphViewId;
  readonly label: string;
  readonly elements: ElementDefinition[];
  /** What-if marks, drawn over the elements. */
  readonly impact: ViewOverlay;
  readonly stylesheet: StylesheetJson;
  readonly background: string;
  /** Thousands of elements: WebGL on a GPU; panning and zooming a cached image, without edges and labels. */
  readonly large: boolean;
  readonly onSelect: (key: string | null) => void;
  readonly onHover: (key: string | null) => void;
  readonly onToggleGroup: (key: string) => void;
  readonly handleRef: Ref<GraphHandle>;
}

/**
 * React owns the empty div; the cytoscape instance is created once, patched in batches and
 * destroyed on unmount. Handlers are bound once and read the latest props through a ref.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { elements, impact, stylesheet, highlight, active, focus, showUnneeded, large, view } = props;

  useEffect(() => {
    const container = host.current;
    if (!container) return;
    const cy = cytoscape({
      container,
      style: latest.current.stylesheet,
      autounselectify: true,
      boxSelectionEnabled: false,
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      webgl: large && hardwareWebgl(),
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      hideLabelsOnViewport: large,
    });
    cy.on('tap', (event) => {
      const target = event.target as Core | cytoscape.SingularElementReturnValue;
      latest.current.onSelect(
        target === cy || !('isNode' in target) || !target.isNode() ? null : target.id(),
      );
    });
    cy.on('dbltap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (node.isParent() || node.data('collapsed')) latest.current.onToggleGroup(node.id());
    });
    // Not while dragging: a pan sweeping over nodes would re-light the views at every one.
    cy.on('mouseover', 'node', (event) => {
      if ((event.originalEvent as MouseEvent | undefined)?.buttons) return;
      latest.current.onHover((event.target as cytoscape.NodeSingular).id());
    });
    cy.on('mouseout', 'node', () => latest.current.onHover(null));
    cy.on('dragfree', 'node', () => applyDetours(cy));
    cyRef.current = cy;
    exposeForTests(view, cy);
    // The legend and the window change the canvas's size: keep the drawing fitted to it.
    const resized = new ResizeObserver(() => {
      cy.resize();
      fitView(cy);
    });
    resized.observe(container);
    return () => {
      resized.disconnect();
      cyRef.current = null;
      cy.destroy();
    };
  }, [large, view]);

  useEffect(() => {
    const cy = cyRef.current;
    const container = host.current;
    if (!cy || !container) return;
    container.dataset.ready = 'false';
    const started = performance.now();
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    runLayout(cy);
    container.dataset.layoutMs = String(Math.round(performance.now() - started));
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
    applyHighlight(cy, latest.current);
    describeState(container, cy);
    container.dataset.ready = 'true';
  }, [elements]);

  useEffect(() => {
    cyRef.current?.style(stylesheet);
  }, [stylesheet]);

  // After the elements effect: a redraw drops the marks, so they are placed again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: elements is the trigger, not an input.
  useEffect(() => {
    if (cyRef.current) applyImpact(cyRef.current, impact);
  }, [elements, impact]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !host.current) return;
    applyHighlight(cy, { highlight, active, focus, showUnneeded });
    describeState(host.current, cy);
  }, [highlight, active, focus, showUnneeded]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focus) return;
    const focused = cy.nodes('.focus');
    const target = focused.nonempty() ? focused : cy.nodes('.hl');
    if (target.empty()) return;
    // Close enough to read, never so close that the neighbourhood disappears.
    const box = target.boundingBox({});
    const fitting = Math.min((cy.width() - 96) / box.w, (cy.height() - 96) / box.h);
    cy.animate({ zoom: Math.min(1.2, fitting), center: { eles: target }, duration: 250 });
  }, [focus]);

  useImperativeHandle(
    props.handleRef,
    (): GraphHandle => ({
      fit: () =>
        cyRef.current?.animate({ fit: { eles: cyRef.current.elements(), padding: 24 }, duration: 200 }),
      zoom: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        const centre = { x: cy.width() / 2, y: cy.height() / 2 };
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: centre });
      },
      png: () =>
        cyRef.current?.png({ output: 'blob', full: true, scale: 2, bg: latest.current.background }) ?? null,
      svg: () => (cyRef.current ? svgOf(cyRef.current, latest.current.background) : null),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cy = cyRef.current;
    if (!cy) return;
    const { active: current, onSelect, onToggleGroup } = latest.current;
    const moves: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const step = moves[event.key];
    if (step) onSelect(nextInReadingOrder(cy, current, step));
    else if (event.key === 'Enter' && current && cy.getElementById(current).nonempty())
      onToggleGroup(current);
    else if (event.key === 'Escape') onSelect(null);
    else if (event.key === '+' || event.key === '=') cy.zoom(cy.zoom() * 1.2);
    else if (event.key === '-') cy.zoom(cy.zoom() / 1.2);
    else if (event.key === '0') fitView(cy);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={host}
      className="graph-canvas"
      data-testid={`graph-${view}`}
      role="application"
      aria-label={`${props.label}. Arrow keys move between nodes, Enter expands or collapses a group, Escape clears, plus and minus zoom, 0 fits.`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas is operated with the keyboard (arrows, Enter, Escape).
      tabIndex={0}
      onKeyDown={onKeyDown}
    />
  );
}

/**
 * Cytoscape injects a <style> (position: relative for its container) unless an element with its id
 * exists; the CSP forbids inline styles, and .graph-canvas sets that position already.
 */
function preemptCytoscapeStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  document.head.append(marker);
}

/** What the browser tests read: lit, focused and active node ids. */
function describeState(container: HTMLElement, cy: Core): void {
  container.dataset.highlighted = idsWithClass(cy, 'hl');
  container.dataset.focused = idsWithClass(cy, 'focus');
  container.dataset.active = idsWithClass(cy, 'active');
}

declare global {
  interface Window {
    /** Read-only: where a node is drawn on the page, so browser tests can click it. */
    faultlineGraphs?: Partial<Record<GraphViewId, (id: string) => DOMRect | null>>;
  }
}

function exposeForTests(view: GraphViewId, cy: Core): void {
  window.faultlineGraphs = {
    ...window.faultlineGraphs,
    [view]: (id: string) => {
      const node = cy.getElementById(id);
      if (node.empty()) return null;
      const box = cy.container()?.getBoundingClientRect();
      const drawn = node.renderedBoundingBox({ includeLabels: false });
      return box ? new DOMRect(box.left + drawn.x1, box.top + drawn.y1, drawn.w, drawn.h) : null;
    },
  };
}
