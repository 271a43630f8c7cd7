/**
 * The one API between the renderer and the rest of the app. The Electron preload, the IPC handlers
 * in main, the loopback HTTP bridge used by browser tests and the renderer's client are all typed
 * from this file, so a method that is not here cannot be called, and a method that is here cannot
 * be forgotten by any of them.
 *
 * This file must stay free of runtime dependencies: the sandboxed preload bundles it.
 */
import type { PackedSegmentGraph } from '../main/core/analysis/flowGraph/packedSegments';
import type { FlowVerdict } from '../main/core/analysis/verdict';
import type { ApplicationModel } from '../main/core/applications/model';
import type { TagKeys } from '../main/core/applications/tagKeys';
import type {
  FileOutcome,
  ImportProgress,
  ImportResult,
  SnapshotSummary,
} from '../main/core/domain/importReport';
import type { AnalysisProgress, ImpactProgress } from '../main/core/domain/progress';
import type { FindingFilter } from '../main/core/findings/filter';
import type { FindingsOverview } from '../main/core/findings/types';
import type { ProposedChange } from '../main/core/impact/change';
import type { ReportFormat } from '../main/core/impact/report/index';
import type { ImpactReport } from '../main/core/impact/types';
import type { Topology } from '../main/core/views/types';

export type {
  AnalysisProgress,
  ApplicationModel,
  FileOutcome,
  FindingFilter,
  FindingsOverview,
  FlowVerdict,
  ImpactProgress,
  ImpactReport,
  ImportProgress,
  ImportResult,
  PackedSegmentGraph,
  ProposedChange,
  ReportFormat,
  SnapshotSummary,
  TagKeys,
  Topology,
};

/**
 * What an impact compares: a snapshot (default: the newest) and a change to it, written as CHANGE.json
 * (docs/change-format.md) or as the file `terraform show -json PLANFILE` printed, its bytes as they are
 * (Windows PowerShell saves it as UTF-16); or two snapshots, older first.
 */
export type ImpactRequest =
  | { snapshotId?: number; change: ProposedChange }
  | { snapshotId?: number; plan: { name: string; data: Uint8Array } }
  | { compare: [number, number] };

/** `unavailable`: this machine cannot do it (no Chromium to print a PDF with); the user's to fix. */
export type ApiErrorCode = 'bad-input' | 'invalid-argument' | 'not-found' | 'unavailable' | 'internal';

/** Errors cross the boundary as values: Electron rewrites the messages of thrown errors. */
export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly file?: string | null;
  readonly place?: string | null;
  readonly files?: readonly FileOutcome[];
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiError };

export interface ImportFile {
  /** A display name (relative path for files of a dropped folder). */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Request and response of each method; every method takes one argument object. */
export interface ApiMethods {
  listSnapshots: { args: Record<string, never>; result: SnapshotSummary[] };
  renameSnapshot: { args: { id: number; name: string }; result: SnapshotSummary };
  deleteSnapshot: { args: { id: number }; result: { id: number } };
  importFiles: { args: { name?: string; files: ImportFile[] }; result: ImportResult };
  /** Can source reach destination with this protocol and port, and which rules decide it. Default: newest snapshot. */
  checkFlow: {
    args: { snapshotId?: number; source: string; destination: string; protocol: string; port: number | null };
    result: FlowVerdict;
  };
  /**
   * The allowed-flow graph between workloads, aggregated by segment (security group), for the views;
   * its edges in columns (see packedSegments.ts), as a large estate has hundreds of thousands.
   */
  segmentGraph: { args: { snapshotId?: number }; result: PackedSegmentGraph };
  /** Apps → services → workloads → owners, and dependencies with their source. Default: newest snapshot. */
  applications: { args: { snapshotId?: number }; result: ApplicationModel };
  /** Where apps and segments disagree, filtered; the alignment figures are for the whole snapshot. */
  findings: { args: FindingFilter & { snapshotId?: number }; result: FindingsOverview };
  /** VPCs, subnets, segments with their rules, workloads and dependency verdicts, for the two views. */
  topology: { args: { snapshotId?: number }; result: Topology };
  /** The workspace's tag keys for application, service and owner; `set` replaces them. */
  tagKeys: { args: { set?: TagKeys }; result: TagKeys };
  /** What a change breaks and opens, whose apps it hits and who must approve; the snapshot is not touched. */
  impact: { args: ImpactRequest; result: ImpactReport };
  /** The same as a report: Markdown (ticket, PR comment), self-contained HTML, or JSON. */
  impactReport: {
    args: ImpactRequest & { format: ReportFormat };
    result: { format: ReportFormat; text: string; report: ImpactReport };
  };
  /** The HTML report printed to PDF (Electron's printToPDF in the app, headless Chromium elsewhere). */
  impactPdf: { args: ImpactRequest; result: { fileName: string; data: Uint8Array; report: ImpactReport } };
}

export type ApiMethodName = keyof ApiMethods;
export type ApiArgs<K extends ApiMethodName> = ApiMethods[K]['args'];
export type ApiValue<K extends ApiMethodName> = ApiMethods[K]['result'];

/** Events pushed from the service to the renderer. */
export interface ApiEvents {
  importProgress: ImportProgress;
  /** While the analysis behind the views runs: the first opening of a large snapshot takes seconds. */
  analysisProgress: AnalysisProgress;
  /** While a what-if is computed: its flow graphs on a large estate take seconds. */
  impactProgress: ImpactProgress;
}

export type ApiEventName = keyof ApiEvents;

export const apiMethodNames = [
  'listSnapshots',
  'renameSnapshot',
  'deleteSnapshot',
  'importFiles',
  'checkFlow',
  'segmentGraph',
  'applications',
  'findings',
  'topology',
  'tagKeys',
  'impact',
  'impactReport',
  'impactPdf',
] as const;
export const apiEventNames = ['importProgress', 'analysisProgress', 'impactProgress'] as const;

// Both lists must name every key of their map: adding a method without listing it fails to compile.
type Exhaustive<All extends string, Listed extends string> = [Exclude<All, Listed>] extends [never]
  ? true
  : never;
const methodsListed: Exhaustive<ApiMethodName, (typeof apiMethodNames)[number]> = true;
const eventsListed: Exhaustive<ApiEventName, (typeof apiEventNames)[number]> = true;
void methodsListed;
void eventsListed;

/** What the renderer sees as `window.faultline`, and what the HTTP client implements too. */
export type FaultlineApi = {
  [K in ApiMethodName]: (args: ApiArgs<K>) => Promise<Result<ApiValue<K>>>;
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** IPC channel names: one per method, one per event. */
export const methodChannel = (method: ApiMethodName): string => `faultline:call:${method}`;
export const eventChannel = (event: ApiEventName): string => `faultline:event:${event}`;
