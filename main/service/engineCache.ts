import { ReachabilityEngine } from '../core/analysis/reachability';
import { NotFoundError } from '../core/domain/errors';
import type { Workspace } from '../store/workspace';

/**
 * Loading a snapshot and indexing it costs far more than a query, so the engine of the snapshot
 * last asked about is kept: the app and `check` ask many questions of one snapshot in a row.
 */
export class EngineCache {
  private cached: { readonly snapshotId: number; readonly engine: ReachabilityEngine } | null = null;

  constructor(private readonly workspace: Workspace) {}

  /** The engine of the given snapshot, or of the newest one. */
  engineFor(snapshotId: number | undefined): { snapshotId: number; engine: ReachabilityEngine } {
    const id = snapshotId ?? this.newestSnapshotId();
    if (this.cached?.snapshotId !== id) {
      this.cached = {
        snapshotId: id,
        engine: new ReachabilityEngine(this.workspace.snapshots.loadEstate(id)),
      };
    }
    return this.cached;
  }

  forget(snapshotId: number): void {
    if (this.cached?.snapshotId === snapshotId) this.cached = null;
  }

  private newestSnapshotId(): number {
    const [newest] = this.workspace.snapshots.list();
    if (!newest) throw new NotFoundError('This workspace has no snapshot yet: import one first.');
    return newest.id;
  }
}
