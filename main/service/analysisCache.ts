import { echoRequestCheck } from '../core/analysis/echoRequests';
import {
  aggregateBySegment,
  computeFlowGraph,
  type PackedSegmentGraph,
} from '../core/analysis/flowGraph/index';
import { ReachabilityEngine } from '../core/analysis/reachability';
import { buildApplicationModel } from '../core/applications/buildModel';
import type { ApplicationModel } from '../core/applications/model';
import type { Estate } from '../core/domain/estate';
import { type AnalysisProgress, type PhaseReport, step, throttledProgress } from '../core/domain/progress';
import { computeFindings } from '../core/findings/computeFindings';
import { FindingContext } from '../core/findings/context';
import type { FindingsReport } from '../core/findings/types';
import { buildTopology } from '../core/views/topology';
import type { Topology } from '../core/views/types';
import type { Workspace } from '../store/workspace';

/**
 * Raise one when its code changes what it computes: results stored by an older version are then
 * computed again.
 */
const resultVersions = { segmentGraph: 7, topology: 20 };

type Report = PhaseReport<AnalysisProgress['phase']>;

/** What the analysis knows about one snapshot; each part is computed when first asked for. */
class SnapshotAnalysis {
  private engineValue: ReachabilityEngine | null = null;
  private segmentGraphValue: PackedSegmentGraph | null = null;
  private applicationsValue: ApplicationModel | null = null;
  private topologyValue: Topology | null = null;
  private contextValue: FindingContext | null = null;

  constructor(
    readonly snapshotId: number,
    /** Shared with every answer about the snapshot: nothing may change it (edits apply to copies). */
    readonly estate: Estate,
    private readonly workspace: Workspace,
    private readonly report: Report,
  ) {}

  /** Built with the workspace's tag keys as they are now; the cache is dropped when they change. */
  get applications(): ApplicationModel {
    this.applicationsValue ??= this.step('applications', () =>
      buildApplicationModel(
        this.estate,
        this.workspace.snapshots.loadApplications(this.snapshotId),
        this.workspace.settings.tagKeys(),
        echoRequestCheck(() => this.engine),
      ),
    );
    return this.applicationsValue;
  }

  get engine(): ReachabilityEngine {
    this.engineValue ??= new ReachabilityEngine(this.estate);
    return this.engineValue;
  }

  /** Stored with the snapshot once computed, for the tag keys in force. */
  get findings(): FindingsReport {
    const keys = this.workspace.settings.tagKeys();
    const stored = this.workspace.findings.load(this.snapshotId, keys);
    if (stored) return stored;
    const report = computeFindings(this.context, (done, total) => this.report('findings', done, total));
    this.keep(() => this.workspace.findings.save(this.snapshotId, keys, report, new Date()));
    return report;
  }

  /**
   * One context for the findings, the views and the what-ifs' side before the change: the dependency
   * checks they rest on are made once.
   */
  get context(): FindingContext {
    this.contextValue ??= new FindingContext(
      this.estate,
      this.applications,
      this.workspace.settings.tagKeys(),
      this.engine,
    );
    return this.contextValue;
  }

  /** Stored with the snapshot once computed, for the tag keys in force (apps and verdicts depend on them). */
  get topology(): Topology {
    const basis = `${resultVersions.topology}:${JSON.stringify(this.workspace.settings.tagKeys())}`;
    this.topologyValue ??= this.stored('topology', basis, () => {
      // Built first: it may build the application model, a phase of its own.
      const context = this.context;
      return this.step('topology', () => buildTopology(context));
    });
    return this.topologyValue;
  }

  /** Stored with the snapshot once computed: it depends on the estate alone. */
  get segmentGraph(): PackedSegmentGraph {
    this.segmentGraphValue ??= this.stored('segment-graph', `${resultVersions.segmentGraph}`, () => {
      // The segments sum surely allowed ports only: edges with only unknown ones would be walked past.
      const graph = computeFlowGraph(this.estate, {
        onProgress: (done, total) => this.report('flows', done, total),
        index: this.engine.index,
        allowedOnly: true,
      });
      return aggregateBySegment(this.estate, graph, (done, total) => this.report('segments', done, total));
    });
    return this.segmentGraphValue;
  }

  private stored<T>(kind: string, basis: string, compute: () => T): T {
    const results = this.workspace.analysisResults;
    const found = results.load<T>(this.snapshotId, kind, basis);
    if (found) return found;
    const value = compute();
    this.keep(() => results.save(this.snapshotId, kind, basis, value, new Date()));
    return value;
  }

  /** A workspace this user may only read answers all the same, computing again the next time. */
  private keep(save: () => void): void {
    if (this.workspace.writable) this.step('saving', save);
  }

  private step<T>(phase: AnalysisProgress['phase'], run: () => T): T {
    return step(this.report, phase, run);
  }
}

/**
 * Loading a snapshot and indexing it costs far more than a query, so the analysis of the snapshot
 * last asked about is kept: the app and `check` ask many questions of one snapshot in a row.
 */
export class AnalysisCache {
  private cached: SnapshotAnalysis | null = null;
  private readonly progress: (progress: AnalysisProgress) => void;

  constructor(
    private readonly workspace: Workspace,
    onProgress?: (progress: AnalysisProgress) => void,
  ) {
    this.progress = throttledProgress(onProgress);
  }

  /** The analysis of the given snapshot, or of the newest one. */
  of(snapshotId: number | undefined): SnapshotAnalysis {
    const id = snapshotId ?? this.workspace.snapshots.newestId();
    if (this.cached?.snapshotId !== id) {
      const report: Report = (phase, done, total) => this.progress({ snapshotId: id, phase, done, total });
      const estate = this.workspace.snapshots.loadEstate(id, (done, total) => report('loading', done, total));
      this.cached = new SnapshotAnalysis(id, estate, this.workspace, report);
    }
    return this.cached;
  }

  /** Drops what was computed for a snapshot, or for every snapshot when settings change. */
  forget(snapshotId?: number): void {
    if (snapshotId === undefined || this.cached?.snapshotId === snapshotId) this.cached = null;
  }
}
