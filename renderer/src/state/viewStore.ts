/**
 * The two views' shared state: one selection, one hover, one finding in focus, the filters and the
 * modes. Both views read it and neither keeps a copy, so they cannot drift apart.
 */
import type { AnalysisProgress, FaultlineApi, FlowVerdict, Result } from '../../../preload/contract';
import { keyOfFindingObject } from '../graph/keys';
import { noFilters, type ViewFilters } from '../graph/scope';
import { type Finding, indexViewData, type ViewIndex } from '../graph/viewData';
import { portKind } from './reachProtocol';

export type Theme = 'light' | 'dark';
export type GraphViewId = 'app' | 'segment';

export interface ReachQuestion {
  readonly source: string;
  readonly destination: string;
  readonly protocol: string;
  readonly port: string;
}

export type ReachAnswer =
  | { readonly status: 'idle' }
  | { readonly status: 'checking' }
  | { readonly status: 'answered'; readonly verdict: FlowVerdict }
  | { readonly status: 'failed'; readonly message: string };

/** What the views are drawn from: four answers of the service, asked for together. */
export const viewParts = ['applications', 'segmentGraph', 'topology', 'findings'] as const;
export type ViewPart = (typeof viewParts)[number];

export interface ViewState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly error: string | null;
  readonly snapshotId: number | null;
  readonly index: ViewIndex | null;
  /** How far the analysis of the snapshot being opened has got; null until the service says. */
  readonly progress: AnalysisProgress | null;
  /** The parts of the views already answered while they load, in the order they came. */
  readonly received: readonly ViewPart[];
  /** The key of the selected object (see graph/keys). */
  readonly selection: string | null;
  readonly hover: string | null;
  readonly focus: { readonly findingId: string; readonly keys: readonly string[] } | null;
  readonly filters: ViewFilters;
  readonly search: string;
  readonly colorByOwner: boolean;
  readonly showWorkloads: boolean;
  readonly showAcls: boolean;
  readonly showUnneeded: boolean;
  /** Groups the user expanded or collapsed, per view, flipping their default. */
  readonly toggled: Readonly<Record<GraphViewId, ReadonlySet<string>>>;
  readonly theme: Theme;
  readonly reach: ReachQuestion;
  readonly answer: ReachAnswer;
}

const initialState: ViewState = {
  status: 'idle',
  error: null,
  snapshotId: null,
  index: null,
  progress: null,
  received: [],
  selection: null,
  hover: null,
  focus: null,
  filters: noFilters,
  search: '',
  colorByOwner: false,
  showWorkloads: false,
  showAcls: false,
  showUnneeded: false,
  toggled: { app: new Set(), segment: new Set() },
  theme: 'light',
  reach: { source: '', destination: '', protocol: 'tcp', port: '' },
  answer: { status: 'idle' },
};

export class ViewStore {
  private state: ViewState;
  private readonly listeners = new Set<() => void>();
  /** Answers for a snapshot the user has since left are dropped. */
  private loading = 0;

  constructor(
    private readonly api: FaultlineApi,
    theme: Theme,
  ) {
    this.state = { ...initialState, theme };
    api.on('analysisProgress', (progress) => {
      const { status, snapshotId } = this.state;
      if (status === 'loading' && progress.snapshotId === snapshotId) this.set({ progress });
    });
  }

  readonly getState = (): ViewState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  async load(snapshotId: number | null): Promise<void> {
    if (snapshotId === this.state.snapshotId && this.state.status !== 'error') return;
    const ticket = ++this.loading;
    const { theme, colorByOwner } = this.state;
    this.set({
      ...initialState,
      theme,
      colorByOwner,
      snapshotId,
      status: snapshotId === null ? 'idle' : 'loading',
    });
    if (snapshotId === null) return;
    const args = { snapshotId };
    const received = <T>(part: ViewPart, answer: Promise<Result<T>>): Promise<T> =>
      answer.then(answerValue).then((value) => {
        if (ticket === this.loading) this.set({ received: [...this.state.received, part] });
        return value;
      });
    try {
      const [applications, segmentGraph, topology, findings] = await Promise.all([
        received('applications', this.api.applications(args)),
        received('segmentGraph', this.api.segmentGraph(args)),
        received('topology', this.api.topology(args)),
        received('findings', this.api.findings(args)),
      ]);
      if (ticket !== this.loading) return;
      const index = indexViewData({ applications, segmentGraph, topology, findings });
      this.set({ status: 'ready', index, progress: null });
    } catch (error) {
      if (ticket === this.loading) this.set({ status: 'error', error: messageOf(error) });
    }
  }

  select(key: string | null): void {
    if (key !== this.state.selection || this.state.focus) this.set({ selection: key, focus: null });
  }

  hover(key: string | null): void {
    if (key !== this.state.hover) this.set({ hover: key });
  }

  chooseFinding(finding: Finding | null): void {
    if (!finding || this.state.focus?.findingId === finding.id) {
      this.set({ focus: null });
      return;
    }
    this.set({
      focus: { findingId: finding.id, keys: finding.objects.map(keyOfFindingObject) },
      selection: null,
    });
  }

  setFilter<K extends keyof ViewFilters>(key: K, value: ViewFilters[K]): void {
    this.set({ filters: { ...this.state.filters, [key]: value } });
  }

  clearFilters(): void {
    this.set({ filters: noFilters });
  }

  setSearch(search: string): void {
    this.set({ search });
  }

  setMode(mode: 'colorByOwner' | 'showWorkloads' | 'showAcls' | 'showUnneeded', on: boolean): void {
    this.set({ [mode]: on });
  }

  toggleGroup(view: GraphViewId, key: string): void {
    const toggled = new Set(this.state.toggled[view]);
    if (toggled.has(key)) toggled.delete(key);
    else toggled.add(key);
    this.set({ toggled: { ...this.state.toggled, [view]: toggled } });
  }

  setTheme(theme: Theme): void {
    this.set({ theme });
  }

  editReach(patch: Partial<ReachQuestion>): void {
    this.set({ reach: { ...this.state.reach, ...patch } });
  }

  async checkReach(): Promise<void> {
    const { reach, snapshotId } = this.state;
    const protocol = reach.protocol.trim();
    if (protocol === '') {
      this.set({ answer: { status: 'failed', message: 'Give the IP protocol number, from 0 to 255.' } });
      return;
    }
    const kind = portKind(protocol);
    const port = kind === 'none' || reach.port.trim() === '' ? null : Number(reach.port);
    if (port !== null && !Number.isInteger(port)) {
      const field = kind === 'icmp-type' ? 'The ICMP type' : 'The port';
      this.set({ answer: { status: 'failed', message: `${field} must be a whole number.` } });
      return;
    }
    this.set({ answer: { status: 'checking' } });
    const result = await this.api
      .checkFlow({
        ...(snapshotId === null ? {} : { snapshotId }),
        source: reach.source.trim(),
        destination: reach.destination.trim(),
        protocol,
        port,
      })
      .catch(
        (error: unknown): Result<never> => ({
          ok: false,
          error: { code: 'internal', message: messageOf(error) },
        }),
      );
    this.set({
      answer: result.ok
        ? { status: 'answered', verdict: result.value }
        : { status: 'failed', message: result.error.message },
    });
  }
}

/** An API answer's value; a failure becomes an error the load reports. */
function answerValue<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
