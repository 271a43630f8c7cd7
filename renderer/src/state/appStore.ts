/**
 * The renderer's state, outside React. Components read it with useSyncExternalStore (see
 * useAppState) and change it only through the actions below, which call the FaultlineApi.
 */
import type {
  ApiError,
  FaultlineApi,
  ImportProgress,
  ImportResult,
  Result,
  SnapshotSummary,
} from '../../../preload/contract';
import { type Picked, readPicked } from '../files/collectFiles';

export type ImportState =
  | { readonly status: 'idle' }
  /** Reading the picked files in the renderer, before the API sees them. */
  | { readonly status: 'reading'; readonly fileCount: number }
  | { readonly status: 'running'; readonly fileCount: number; readonly progress: ImportProgress | null }
  | { readonly status: 'succeeded'; readonly result: ImportResult }
  | { readonly status: 'failed'; readonly error: ApiError };

export interface AppState {
  readonly snapshots: readonly SnapshotSummary[];
  readonly listStatus: 'loading' | 'ready' | 'error';
  readonly listError: ApiError | null;
  readonly selectedId: number | null;
  /** The snapshot being renamed and the name typed so far. */
  readonly renaming: { readonly id: number; readonly draft: string } | null;
  readonly confirmingDeleteId: number | null;
  /** Rename/delete failures, shown above the list. */
  readonly notice: string | null;
  readonly import: ImportState;
  /** Files are being dragged over the window. */
  readonly dragging: boolean;
}

const initialState: AppState = {
  snapshots: [],
  listStatus: 'loading',
  listError: null,
  selectedId: null,
  renaming: null,
  confirmingDeleteId: null,
  notice: null,
  import: { status: 'idle' },
  dragging: false,
};

export function isImporting(state: AppState): boolean {
  return state.import.status === 'reading' || state.import.status === 'running';
}

export function selectedSnapshot(state: AppState): SnapshotSummary | null {
  return state.snapshots.find((s) => s.id === state.selectedId) ?? null;
}

function internalError(error: unknown): ApiError {
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export class AppStore {
  private state: AppState = initialState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: FaultlineApi) {
    api.on('importProgress', (progress) => {
      if (this.state.import.status !== 'running') return;
      this.set({ import: { ...this.state.import, progress } });
    });
  }

  readonly getState = (): AppState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- snapshots -------------------------------------------------------------------------------

  async load(): Promise<void> {
    const result = await this.api.listSnapshots({}).catch((e: unknown): Result<never> => fail(e));
    if (!result.ok) {
      this.set({ listStatus: 'error', listError: result.error });
      return;
    }
    this.setSnapshots(result.value);
  }

  private setSnapshots(snapshots: readonly SnapshotSummary[], select?: number): void {
    // Newest first, so a fresh import lands at the top.
    const sorted = [...snapshots].sort((a, b) => b.importedAt.localeCompare(a.importedAt) || b.id - a.id);
    const keep = select ?? this.state.selectedId;
    const selectedId = sorted.some((s) => s.id === keep) ? keep : (sorted[0]?.id ?? null);
    this.set({ snapshots: sorted, listStatus: 'ready', listError: null, selectedId });
  }

  select(id: number): void {
    if (this.state.selectedId !== id) this.set({ selectedId: id });
  }

  startRename(id: number): void {
    const snapshot = this.state.snapshots.find((s) => s.id === id);
    if (snapshot)
      this.set({ renaming: { id, draft: snapshot.name }, confirmingDeleteId: null, notice: null });
  }

  editRename(draft: string): void {
    if (this.state.renaming) this.set({ renaming: { ...this.state.renaming, draft } });
  }

  cancelRename(): void {
    this.set({ renaming: null });
  }

  async commitRename(): Promise<void> {
    const renaming = this.state.renaming;
    if (!renaming) return;
    const name = renaming.draft.trim();
    const current = this.state.snapshots.find((s) => s.id === renaming.id);
    if (!current || name === current.name) {
      this.set({ renaming: null });
      return;
    }
    if (name === '') {
      this.set({ notice: 'A snapshot needs a name.' });
      return;
    }
    const result = await this.api.renameSnapshot({ id: renaming.id, name }).catch((e: unknown) => fail(e));
    if (!result.ok) {
      this.set({ notice: `Could not rename “${current.name}”: ${result.error.message}` });
      return;
    }
    const renamed = result.value;
    this.set({
      renaming: null,
      notice: null,
      snapshots: this.state.snapshots.map((s) => (s.id === renamed.id ? renamed : s)),
    });
  }

  askDelete(id: number): void {
    this.set({ confirmingDeleteId: id, renaming: null, notice: null });
  }

  cancelDelete(): void {
    this.set({ confirmingDeleteId: null });
  }

  async confirmDelete(): Promise<void> {
    const id = this.state.confirmingDeleteId;
    if (id === null) return;
    const result = await this.api.deleteSnapshot({ id }).catch((e: unknown) => fail(e));
    if (!result.ok) {
      this.set({
        confirmingDeleteId: null,
        notice: `Could not delete the snapshot: ${result.error.message}`,
      });
      return;
    }
    this.set({ confirmingDeleteId: null, notice: null });
    this.setSnapshots(this.state.snapshots.filter((s) => s.id !== id));
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  // --- import ----------------------------------------------------------------------------------

  setDragging(dragging: boolean): void {
    if (this.state.dragging !== dragging) this.set({ dragging });
  }

  async importPicked(picked: Picked): Promise<void> {
    if (isImporting(this.state)) return;
    if (picked.files.length === 0) {
      this.set({
        import: {
          status: 'failed',
          error: { code: 'bad-input', message: 'No files were chosen: nothing to import.' },
        },
      });
      return;
    }
    const fileCount = picked.files.length;
    this.set({ import: { status: 'reading', fileCount } });
    let result: Result<ImportResult>;
    try {
      const files = await readPicked(picked.files);
      this.set({ import: { status: 'running', fileCount, progress: null } });
      result = await this.api.importFiles(picked.folderName ? { name: picked.folderName, files } : { files });
    } catch (error) {
      result = fail(error);
    }
    if (!result.ok) {
      this.set({ import: { status: 'failed', error: result.error } });
      return;
    }
    const imported = result.value;
    this.set({ import: { status: 'succeeded', result: imported } });
    this.setSnapshots(
      [imported.snapshot, ...this.state.snapshots.filter((s) => s.id !== imported.snapshot.id)],
      imported.snapshot.id,
    );
  }

  /** Picking or reading the files failed before the API was called. */
  failImport(message: string): void {
    if (!isImporting(this.state))
      this.set({ import: { status: 'failed', error: { code: 'bad-input', message } } });
  }

  dismissImport(): void {
    if (!isImporting(this.state)) this.set({ import: { status: 'idle' } });
  }
}

function fail(error: unknown): Result<never> {
  return { ok: false, error: internalError(error) };
}
