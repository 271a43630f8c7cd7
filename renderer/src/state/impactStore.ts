/**
 * What-if state, outside React: the pending edits (or a Terraform plan, or two snapshots to
 * compare), the impact the API computed for them, and report downloads. Every change to the input
 * schedules one debounced `impact` call; answers to an older input are dropped.
 */
import type {
  FaultlineApi,
  ImpactProgress,
  ImpactReport,
  ImpactRequest,
  ReportFormat,
  Result,
} from '../../../preload/contract';
import {
  type ChangeEdit,
  type EditAction,
  type EditList,
  editAtPlace,
  emptyEdits,
  reduceEdits,
  toProposedChange,
} from './impactEdits';

export type ImpactSource =
  | { readonly kind: 'edits' }
  | { readonly kind: 'plan'; readonly name: string; readonly data: Uint8Array }
  | { readonly kind: 'compare'; readonly older: number; readonly newer: number };

export interface ImpactError {
  readonly message: string;
  /** Where in the change or plan, e.g. `$.edits[1].rule.peer`. */
  readonly place: string | null;
  /** The pending edit the place names, when it names one. */
  readonly editId: number | null;
}

export interface ImpactState {
  /** The what-if workbench is shown (the toolbar toggle). */
  readonly open: boolean;
  readonly snapshotId: number | null;
  readonly edits: EditList;
  readonly source: ImpactSource;
  /** `running` from the first edit of a burst until its answer: the debounce is part of the wait. */
  readonly status: 'idle' | 'running' | 'ready' | 'failed';
  /** How far the running computation has got; null until the service says. */
  readonly progress: ImpactProgress | null;
  /** The last answer; kept while the next one runs so the views do not flicker. */
  readonly report: ImpactReport | null;
  readonly error: ImpactError | null;
  readonly download: { readonly busy: string | null; readonly error: string | null };
}

const initialState: ImpactState = {
  open: false,
  snapshotId: null,
  edits: emptyEdits,
  source: { kind: 'edits' },
  status: 'idle',
  progress: null,
  report: null,
  error: null,
  download: { busy: null, error: null },
};

export interface ImpactStoreOptions {
  /** Saves a report the user asked for (a download link in the browser). */
  readonly save: (blob: Blob, fileName: string) => void;
  /** Quiet time after an edit before the impact is computed. */
  readonly debounceMs?: number;
}

const mimeTypes: Record<ReportFormat, string> = {
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
};

export class ImpactStore {
  private state: ImpactState = initialState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every input change: an answer carrying an older ticket is stale. */
  private ticket = 0;

  constructor(
    private readonly api: FaultlineApi,
    private readonly options: ImpactStoreOptions,
  ) {
    api.on('impactProgress', (progress) => {
      if (this.state.status === 'running') this.set({ progress });
    });
  }

  readonly getState = (): ImpactState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ImpactState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  toggle(): void {
    this.set({ open: !this.state.open });
  }

  /** Edits name objects of one snapshot: choosing another starts afresh. */
  setSnapshot(snapshotId: number | null): void {
    if (snapshotId === this.state.snapshotId) return;
    this.ticket++;
    this.cancelTimer();
    const { open } = this.state;
    this.set({ ...initialState, open, snapshotId });
  }

  addEdit(edit: ChangeEdit): void {
    this.editList({ type: 'add', edit }, true);
  }

  removeEdit(id: number): void {
    this.editList({ type: 'remove', id }, false);
  }

  /** Forgets the edits, the plan and the comparison. */
  clear(): void {
    this.editList({ type: 'clear' }, true);
  }

  importPlan(name: string, data: Uint8Array): void {
    this.set({ source: { kind: 'plan', name, data }, open: true });
    this.schedule();
  }

  compare(older: number, newer: number): void {
    this.set({ source: { kind: 'compare', older, newer }, open: true });
    this.schedule();
  }

  private editList(action: EditAction, switchToEdits: boolean): void {
    const source = switchToEdits ? ({ kind: 'edits' } as const) : this.state.source;
    this.set({ edits: reduceEdits(this.state.edits, action), source, open: true });
    this.schedule();
  }

  /** What the API is asked for the current input; null when there is nothing to evaluate. */
  request(): ImpactRequest | null {
    const { source, snapshotId, edits } = this.state;
    const snapshot = snapshotId === null ? {} : { snapshotId };
    switch (source.kind) {
      case 'compare':
        return { compare: [source.older, source.newer] };
      case 'plan':
        return { ...snapshot, plan: { name: source.name, data: source.data } };
      case 'edits':
        return edits.items.length === 0 ? null : { ...snapshot, change: toProposedChange(edits) };
    }
  }

  private schedule(): void {
    const ticket = ++this.ticket;
    this.cancelTimer();
    const request = this.request();
    if (!request) {
      this.set({ status: 'idle', report: null, error: null });
      return;
    }
    this.set({ status: 'running', progress: null });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(ticket, request);
    }, this.options.debounceMs ?? 350);
  }

  private async run(ticket: number, request: ImpactRequest): Promise<void> {
    const result = await this.api.impact(request).catch(failure);
    if (ticket !== this.ticket) return;
    if (result.ok) {
      this.set({ status: 'ready', report: result.value, error: null });
      return;
    }
    const { message, place } = result.error;
    const edit = this.state.source.kind === 'edits' ? editAtPlace(this.state.edits, place) : null;
    this.set({
      status: 'failed',
      report: null,
      error: { message, place: place ?? null, editId: edit?.id ?? null },
    });
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Markdown, JSON and HTML come back as text; PDF as bytes printed where the API runs. */
  async downloadReport(format: ReportFormat | 'pdf'): Promise<void> {
    const request = this.request();
    if (!request) return;
    this.set({ download: { busy: format, error: null } });
    const saved = format === 'pdf' ? await this.pdf(request) : await this.text(request, format);
    this.set({
      download: {
        busy: null,
        error: saved.ok ? null : `The ${format} report failed: ${saved.error.message}`,
      },
    });
    if (saved.ok) this.options.save(saved.value.blob, saved.value.fileName);
  }

  private async text(request: ImpactRequest, format: ReportFormat): Promise<Result<Download>> {
    const result = await this.api.impactReport({ ...request, format }).catch(failure);
    if (!result.ok) return result;
    const { text, report } = result.value;
    return ok({
      blob: new Blob([text], { type: mimeTypes[format] }),
      fileName: reportFileName(report, format),
    });
  }

  private async pdf(request: ImpactRequest): Promise<Result<Download>> {
    const result = await this.api.impactPdf(request).catch(failure);
    if (!result.ok) return result;
    const { data, fileName } = result.value;
    // A copy backed by a plain ArrayBuffer: what Blob accepts, whatever buffer the bytes arrived in.
    return ok({ blob: new Blob([new Uint8Array(data)], { type: 'application/pdf' }), fileName });
  }
}

interface Download {
  readonly blob: Blob;
  readonly fileName: string;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function reportFileName(report: ImpactReport, extension: string): string {
  return `faultline-impact-${report.risk.level}.${extension}`;
}

function failure(error: unknown): Result<never> {
  return {
    ok: false,
    error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
  };
}
