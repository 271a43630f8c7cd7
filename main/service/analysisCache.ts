import { aggregateBySegment, computeFlowGraph, type SegmentGraph } from '../core/analysis/flowGraph/index';
import { ReachabilityEngine } from '../core/analysis/reachability';
import { buildApplicationModel } from '../core/applications/buildModel';
import type { ApplicationModel } from '../core/applications/model';
import type { Estate } from '../core/domain/estate';
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
const resultVersions = { segmentGraph: 1, topology: 2 };

/** What the analysis knows about one snapshot; each part is computed when first asked for. */
class SnapshotAnalysis {
  private engineValue: ReachabilityEngine | null = null;
  private segmentGraphValue: SegmentGraph | null = null;
  private applicationsValue: ApplicationModel | null = null;
  private topologyValue: Topology | null = null;
  private contextValue: FindingContext | null = null;

  constructor(
    readonly snapshotId: number,
    /** Shared with every answer about the snapshot: nothing may change it (edits apply to copies). */
    readonly estate: Estate,
    private readonly workspace: Workspace,
  ) {}

  /** Built with the workspace's tag keys as they are now; the cache is dropped when they change. */
  get applications(): ApplicationModel {
    this.applicationsValue ??= buildApplicationModel(
      this.estate,
      this.workspace.snapshots.loadApplications(this.snapshotId),
      this.workspace.settings.tagKeys(),
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
    const report = computeFindings(this.context);
    this.workspace.findings.save(this.snapshotId, keys, report, new Date());
    return report;
  }

  /** One context for the findings and the views: the dependency checks both rest on are made once. */
  private get context(): FindingContext {
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
    this.topologyValue ??= this.stored('topology', basis, () => buildTopology(this.context));
    return this.topologyValue;
  }

  /** Stored with the snapshot once computed: it depends on the estate alone. */
  get segmentGraph(): SegmentGraph {
    this.segmentGraphValue ??= this.stored('segment-graph', `${resultVersions.segmentGraph}`, () =>
      aggregateBySegment(this.estate, computeFlowGraph(this.estate)),
    );
    return this.segmentGraphValue;
  }

  private stored<T>(kind: string, basis: string, compute: () => T): T {
    const results = this.workspace.analysisResults;
    const found = results.load<T>(this.snapshotId, kind, basis);
    if (found) return found;
    const value = compute();
    results.save(this.snapshotId, kind, basis, value, new Date());
    return value;
  }
}

/**
 * Loading a snapshot and indexing it costs far more than a query, so the analysis of the snapshot
 * last asked about is kept: the app and `check` ask many questions of one snapshot in a row.
 */
export class AnalysisCache {
  private cached: SnapshotAnalysis | null = null;

  constructor(private readonly workspace: Workspace) {}

  /** The analysis of the given snapshot, or of the newest one. */
  of(snapshotId: number | undefined): SnapshotAnalysis {
    const id = snapshotId ?? this.workspace.snapshots.newestId();
    if (this.cached?.snapshotId !== id) {
      this.cached = new SnapshotAnalysis(id, this.workspace.snapshots.loadEstate(id), this.workspace);
    }
    return this.cached;
  }

  /** Drops what was computed for a snapshot, or for every snapshot when settings change. */
  forget(snapshotId?: number): void {
    if (snapshotId === undefined || this.cached?.snapshotId === snapshotId) this.cached = null;
  }
}
