import { AppHeader } from './components/AppHeader';
import { DropZone } from './components/DropZone';
import { EmptyState } from './components/EmptyState';
import { ImportPanel } from './components/ImportPanel';
import { ImportResults } from './components/ImportResults';
import { SnapshotList } from './components/SnapshotList';
import { SnapshotSummaryView } from './components/SnapshotSummaryView';
import { TopologyViews } from './components/views/TopologyViews';
import { selectedSnapshot } from './state/appStore';
import { useAppState } from './state/useAppState';

export function App() {
  const state = useAppState();
  const selected = selectedSnapshot(state);
  return (
    <div className="app">
      <AppHeader />
      <aside className="sidebar" aria-label="Snapshots and import">
        <ImportPanel />
        <SnapshotList />
      </aside>
      <main className="content">
        <ImportResults />
        {/* The views first: they are what the window is for; the snapshot's counts follow them. */}
        <TopologyViews snapshotId={selected?.id ?? null} />
        {selected ? (
          <SnapshotSummaryView snapshot={selected} />
        ) : (
          <EmptyState loading={state.listStatus === 'loading'} />
        )}
      </main>
      <DropZone />
    </div>
  );
}
