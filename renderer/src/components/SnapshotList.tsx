import { useAppState, useAppStore } from '../state/useAppState';
import { SnapshotItem } from './SnapshotItem';

export function SnapshotList() {
  const state = useAppState();
  const store = useAppStore();
  return (
    <section className="snapshot-section" aria-labelledby="snapshots-heading">
      <div className="section-heading">
        <h2 id="snapshots-heading">Snapshots</h2>
        {state.listStatus === 'ready' && <span className="count-pill">{state.snapshots.length}</span>}
      </div>
      {state.notice && (
        <div className="notice" role="alert">
          <span>{state.notice}</span>
          <button type="button" className="btn-link" onClick={() => store.dismissNotice()}>
            Dismiss
          </button>
        </div>
      )}
      {state.listStatus === 'error' && (
        <div className="notice" role="alert">
          <span>Could not load the snapshots: {state.listError?.message}</span>
          <button type="button" className="btn-link" onClick={() => void store.load()}>
            Retry
          </button>
        </div>
      )}
      {state.listStatus === 'ready' && state.snapshots.length === 0 && (
        <p className="sidebar-empty">No snapshots yet. Import an export to create one.</p>
      )}
      <ul className="snapshot-list" data-testid="snapshot-list">
        {state.snapshots.map((snapshot) => (
          <SnapshotItem
            key={snapshot.id}
            snapshot={snapshot}
            selected={snapshot.id === state.selectedId}
            renameDraft={state.renaming?.id === snapshot.id ? state.renaming.draft : null}
            confirmingDelete={state.confirmingDeleteId === snapshot.id}
            store={store}
          />
        ))}
      </ul>
    </section>
  );
}
