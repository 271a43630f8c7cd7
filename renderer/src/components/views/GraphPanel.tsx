import type { ElementDefinition } from 'cytoscape';
import { type ReactNode, useRef } from 'react';
import type { ViewOverlay } from '../../graph/impactOverlay';
import { useViewStore } from '../../state/useViewState';
import type { GraphViewId, ViewState } from '../../state/viewStore';
import { GraphIcon, SegmentIcon } from '../Icons';
import { downloadBlob } from './download';
import { GraphCanvas, type GraphHandle } from './GraphCanvas';
import { Legend } from './Legend';
import type { GraphInputs } from './useGraphInputs';

interface GraphPanelProps {
  readonly view: GraphViewId;
  readonly title: string;
  readonly elements: ElementDefinition[];
  /** What-if marks: what breaks, opens or closes. */
  readonly impact: ViewOverlay;
  readonly inputs: GraphInputs;
  readonly state: ViewState;
  readonly large: boolean;
}

/**
 * What an empty canvas would leave unsaid: why there is nothing, and what would fill it. The
 * application view is empty with workloads too, when none of them belongs to an application.
 */
const emptyText = (view: GraphViewId, unassigned: number): ReactNode =>
  view === 'app' && unassigned > 0 ? (
    <>
      {unassigned === 1 ? '1 workload, in no application' : `${unassigned} workloads, none in an application`}
      , so no applications to draw. Faultline reads applications from tags (<code>app</code>,{' '}
      <code>service</code>, <code>team</code> by default; <code>faultline tag-keys</code> sets the keys your
      estate uses), Backstage catalogs and dependency files imported with the export.
    </>
  ) : (
    emptyViews[view]
  );

const emptyViews: Record<GraphViewId, ReactNode> = {
  app: (
    <>
      No workloads in this snapshot, so no applications to draw. Import{' '}
      <code>describe-network-interfaces</code> (and <code>describe-instances</code> for their tags) with the
      rest of the export.
    </>
  ),
  segment: (
    <>
      No VPCs in this snapshot, so no segments to draw. Import <code>describe-vpcs</code> and{' '}
      <code>describe-security-groups</code> with the rest of the export.
    </>
  ),
};

/** One view: its title and tools, the canvas and its legend. */
export function GraphPanel({ view, title, elements, impact, inputs, state, large }: GraphPanelProps) {
  const store = useViewStore();
  const handle = useRef<GraphHandle>(null);
  const headingId = `view-${view}`;
  const file = `faultline-${view === 'app' ? 'applications' : 'segments'}`;
  const exportPng = () => {
    const blob = handle.current?.png();
    if (blob) downloadBlob(blob, `${file}.png`);
  };
  const exportSvg = () => {
    const svg = handle.current?.svg();
    if (svg) downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${file}.svg`);
  };
  return (
    <article className="view-panel" aria-labelledby={headingId}>
      <header className="view-header">
        {view === 'app' ? <GraphIcon /> : <SegmentIcon />}
        <h2 id={headingId}>{title}</h2>
        <div className="view-tools" role="toolbar" aria-label={`${title} tools`}>
          <button type="button" className="btn btn-small" onClick={() => handle.current?.fit()}>
            Fit
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label="Zoom in"
            onClick={() => handle.current?.zoom(1.25)}
          >
            +
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label="Zoom out"
            onClick={() => handle.current?.zoom(0.8)}
          >
            −
          </button>
          <button type="button" className="btn btn-small" onClick={exportPng}>
            PNG
          </button>
          <button type="button" className="btn btn-small" onClick={exportSvg}>
            SVG
          </button>
        </div>
      </header>
      <GraphCanvas
        key={String(large)}
        view={view}
        label={title}
        elements={elements}
        impact={impact}
        stylesheet={inputs.stylesheet}
        background={inputs.background}
        highlight={inputs.highlight}
        active={inputs.active}
        focus={inputs.focus}
        showUnneeded={state.showUnneeded}
        large={large}
        onSelect={(key) => store.select(key)}
        onHover={(key) => store.hover(key)}
        onToggleGroup={(key) => store.toggleGroup(view, key)}
        handleRef={handle}
      />
      {elements.length === 0 && (
        <p className="view-empty muted">
          {Object.values(state.filters).some((value) => value !== null)
            ? 'Nothing in this view matches the filters.'
            : emptyText(view, state.index?.data.applications.unassigned.length ?? 0)}
        </p>
      )}
      <Legend
        view={view}
        owners={state.colorByOwner ? inputs.owners : null}
        topology={state.index?.data.topology ?? null}
      />
    </article>
  );
}
