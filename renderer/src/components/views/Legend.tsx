import type { Topology } from '../../../../preload/contract';
import type { GraphViewId } from '../../state/viewStore';

interface Line {
  readonly className: string;
  readonly label: string;
  /** Shown only when the snapshot has what the line draws. */
  readonly drawn?: (topology: Topology) => boolean;
}

const lines: Record<GraphViewId, readonly Line[]> = {
  app: [
    { className: 'allowed', label: 'allowed' },
    { className: 'blocked', label: 'blocked' },
    { className: 'unknown', label: 'unknown' },
    { className: 'unchecked', label: 'not checkable' },
    { className: 'source-both', label: 'declared and observed' },
    { className: 'source-declared', label: 'declared only' },
    { className: 'source-observed', label: 'observed only' },
  ],
  segment: [
    { className: 'used', label: 'allowed and used' },
    { className: 'unneeded', label: 'allowed, no dependency uses it' },
    {
      className: 'attachment',
      label: 'transit gateway attachment',
      drawn: (topology) => topology.transitGateways.length > 0,
    },
    { className: 'peering', label: 'VPC peering', drawn: (topology) => topology.peerings.length > 0 },
  ],
};

/** What the line colours and styles mean, and the owners' colours in "color by owner" mode. */
export function Legend({
  view,
  owners,
  topology,
}: {
  view: GraphViewId;
  owners: ReadonlyMap<string, string> | null;
  topology: Topology | null;
}) {
  const shown = lines[view].filter(({ drawn }) => drawn === undefined || (topology && drawn(topology)));
  return (
    <ul className="legend" aria-label="Legend">
      {shown.map(({ className, label }) => (
        <li key={className}>
          <span className={`legend-line ${className}`} aria-hidden="true" />
          {label}
        </li>
      ))}
      {owners &&
        [...owners].map(([owner, colour]) => (
          <li key={owner}>
            <OwnerSwatch colour={colour} />
            {owner}
          </li>
        ))}
    </ul>
  );
}

/** The swatch is an SVG so its colour is an attribute: the CSP allows no inline styles. */
export function OwnerSwatch({ colour }: { colour: string }) {
  return (
    <svg className="legend-swatch" width="10" height="10" aria-hidden="true">
      <rect width="10" height="10" rx="2" fill={colour} />
    </svg>
  );
}
