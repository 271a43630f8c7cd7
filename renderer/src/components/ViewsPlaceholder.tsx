import { GraphIcon, SegmentIcon } from './Icons';

/** Where the two topology views will go, side by side. */
export function ViewsPlaceholder() {
  return (
    <section className="views" aria-label="Topology views">
      <article className="view-panel" aria-labelledby="view-app">
        <header className="view-header">
          <GraphIcon />
          <h2 id="view-app">Application topology</h2>
        </header>
        <div className="view-placeholder">
          <p>Applications, their services and workloads, and the flows between them.</p>
          <p className="muted">This view arrives with the analysis.</p>
        </div>
      </article>
      <article className="view-panel" aria-labelledby="view-segment">
        <header className="view-header">
          <SegmentIcon />
          <h2 id="view-segment">Segment topology</h2>
        </header>
        <div className="view-placeholder">
          <p>VPCs and subnets, with the security groups and network ACLs that segment them.</p>
          <p className="muted">This view arrives with the analysis.</p>
        </div>
      </article>
    </section>
  );
}
