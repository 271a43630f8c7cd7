import type { ReactNode } from 'react';
import { GraphIcon, SegmentIcon } from './Icons';

/** Where the two topology views will go, side by side. */
export function ViewsPlaceholder() {
  return (
    <section className="views" aria-label="Topology views">
      <ViewPanel id="view-app" icon={<GraphIcon />} title="Application topology">
        Applications, their services and workloads, and the flows between them.
      </ViewPanel>
      <ViewPanel id="view-segment" icon={<SegmentIcon />} title="Segment topology">
        VPCs and subnets, with the security groups and network ACLs that segment them.
      </ViewPanel>
    </section>
  );
}

function ViewPanel({
  id,
  icon,
  title,
  children,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <article className="view-panel" aria-labelledby={id}>
      <header className="view-header">
        {icon}
        <h2 id={id}>{title}</h2>
      </header>
      <div className="view-placeholder">
        <p>{children}</p>
        <p className="muted">This view arrives with the analysis.</p>
      </div>
    </article>
  );
}
