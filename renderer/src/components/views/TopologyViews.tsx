import { useEffect } from 'react';
import type { ViewIndex } from '../../graph/viewData';
import { useImpactStore } from '../../state/useImpactState';
import { useViewState, useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';
import { ImpactPanel } from '../impact/ImpactPanel';
import { useImpactOverlay } from '../impact/useImpactOverlay';
import { WhatIfBar } from '../impact/WhatIfBar';
import { AnalysisProgressBar } from './AnalysisProgressBar';
import { FindingsPanel } from './FindingsPanel';
import { GraphPanel } from './GraphPanel';
import { Inspector } from './Inspector';
import { useGraphInputs } from './useGraphInputs';
import { ViewToolbar } from './ViewToolbar';

/** The screen users live in: both topologies side by side, the findings and the inspector below. */
export function TopologyViews({ snapshotId }: { snapshotId: number | null }) {
  const store = useViewStore();
  const state = useViewState();
  const impact = useImpactStore();
  useEffect(() => {
    void store.load(snapshotId);
    impact.setSnapshot(snapshotId);
  }, [store, impact, snapshotId]);

  if (state.status === 'idle') return null;
  if (state.status === 'error') {
    return (
      <section className="views-message" role="alert">
        The views could not be drawn: {state.error}
      </section>
    );
  }
  if (!state.index) {
    return (
      <section className="views-message" aria-busy="true">
        <AnalysisProgressBar progress={state.progress} received={state.received} />
      </section>
    );
  }
  return <ReadyViews state={state} index={state.index} />;
}

function ReadyViews({ state, index }: { state: ViewState; index: ViewIndex }) {
  const graphInputs = useGraphInputs(state, index);
  const impact = useImpactOverlay(index, graphInputs.stylesheet);
  const inputs = { ...graphInputs, stylesheet: impact.stylesheet };
  return (
    <section className="views" aria-label="Topology views">
      <ViewToolbar state={state} index={index} searchMatches={inputs.searchMatches} />
      {impact.open && <WhatIfBar />}
      <div className="graph-row">
        <GraphPanel
          view="app"
          title="Application topology"
          elements={inputs.app}
          impact={impact.overlay.app}
          inputs={inputs}
          state={state}
          large={inputs.large}
        />
        <GraphPanel
          view="segment"
          title="Segment topology"
          elements={inputs.segment}
          impact={impact.overlay.segment}
          inputs={inputs}
          state={state}
          large={inputs.large}
        />
      </div>
      <div className="detail-row">
        {impact.open ? <ImpactPanel index={index} /> : <FindingsPanel state={state} index={index} />}
        <Inspector state={state} index={index} owners={inputs.owners} />
      </div>
    </section>
  );
}
