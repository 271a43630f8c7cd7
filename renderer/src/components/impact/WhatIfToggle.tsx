import { useImpactState, useImpactStore } from '../../state/useImpactState';

/** The toolbar button that shows the what-if workbench, with how many edits are pending. */
export function WhatIfToggle() {
  const store = useImpactStore();
  const { open, edits, source } = useImpactState();
  const pending = source.kind === 'edits' ? edits.items.length : 1;
  return (
    <button
      type="button"
      className={`btn btn-small whatif-toggle${open ? ' on' : ''}`}
      aria-pressed={open}
      onClick={() => store.toggle()}
    >
      What-if
      {pending > 0 && <span className="whatif-count">{pending}</span>}
    </button>
  );
}
