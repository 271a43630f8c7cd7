import { basename } from 'node:path';
import type { ApiArgs, ApiEventName, ApiEvents, ApiMethodName, ApiValue } from '../../preload/contract';
import { EndpointError, FlowError } from '../core/analysis/errors';
import { ambiguousAddresses } from '../core/applications/addressOwners';
import {
  type ApplicationFileKind,
  classifyApplicationFile,
  readApplicationSources,
  readHead,
  withRecordCounts,
} from '../core/applications/readApplicationSources';
import { readAwsExport } from '../core/aws/readAwsExport';
import { BadInputError } from '../core/domain/errors';
import type { FileOutcome, ImportProgress, ImportResult } from '../core/domain/importReport';
import { type ImpactProgress, type PhaseReport, throttledProgress } from '../core/domain/progress';
import { filterFindings } from '../core/findings/filter';
import type { FindingsReport } from '../core/findings/types';
import { flowLogKind } from '../core/flowlogs/index';
import { renderImpact } from '../core/impact/report/index';
import { changeImpact, compareImpact, planImpact, type SnapshotSide } from '../core/impact/requests';
import {
  classifyKubernetesFile,
  type KubernetesFile,
  kubernetesOutcome,
  readKubernetesFiles,
} from '../core/kubernetes/index';
import { SourceOriginals } from '../store/sourceOriginals';
import type { Workspace } from '../store/workspace';
import { AnalysisCache } from './analysisCache';
import { PdfError, type PdfPrinter } from './pdfPrinter';

type ReadOptions = NonNullable<Parameters<typeof readAwsExport>[1]>;
export type ImportInput = Parameters<typeof readAwsExport>[0][number];
export type ImportLimits = NonNullable<ReadOptions['limits']>;

export type EventSink = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export interface ServiceOptions {
  readonly limits?: ImportLimits;
  readonly emit?: EventSink;
  readonly now?: () => Date;
  /** How PDFs are printed here; without one, `impactPdf` answers `unavailable`. */
  readonly printPdf?: PdfPrinter;
}

/** Every API method, taking its contract arguments and throwing domain errors (dispatch turns them into values). */
export type ServiceMethods = { [K in ApiMethodName]: (args: ApiArgs<K>) => Promise<ApiValue<K>> };

/**
 * The application service: the one implementation of the API contract, over the core and the store.
 * Electron's worker, the HTTP bridge and the CLI all drive this class.
 */
export class FaultlineService implements ServiceMethods {
  private readonly analyses: AnalysisCache;
  private readonly impactProgress: PhaseReport<ImpactProgress['phase']>;

  constructor(
    private readonly workspace: Workspace,
    private readonly options: ServiceOptions = {},
  ) {
    const { emit } = options;
    this.analyses = new AnalysisCache(workspace, emit && ((progress) => emit('analysisProgress', progress)));
    const impactProgress = throttledProgress<ImpactProgress>(
      emit && ((progress) => emit('impactProgress', progress)),
    );
    this.impactProgress = (phase, done, total) => impactProgress({ phase, done, total });
  }

  async listSnapshots(): Promise<ApiValue<'listSnapshots'>> {
    return this.workspace.snapshots.list();
  }

  async renameSnapshot({ id, name }: ApiArgs<'renameSnapshot'>): Promise<ApiValue<'renameSnapshot'>> {
    return this.workspace.snapshots.rename(id, name);
  }

  async deleteSnapshot({ id }: ApiArgs<'deleteSnapshot'>): Promise<ApiValue<'deleteSnapshot'>> {
    this.workspace.snapshots.delete(id);
    this.analyses.forget(id);
    return { id };
  }

  async checkFlow({ snapshotId, ...flow }: ApiArgs<'checkFlow'>): Promise<ApiValue<'checkFlow'>> {
    const { engine } = this.analyses.of(snapshotId);
    try {
      return engine.check(flow);
    } catch (error) {
      // A flow naming nothing in the snapshot, or an impossible port, is the user's input to fix.
      if (error instanceof EndpointError || error instanceof FlowError)
        throw new BadInputError(error.message);
      throw error;
    }
  }

  async segmentGraph({ snapshotId }: ApiArgs<'segmentGraph'>): Promise<ApiValue<'segmentGraph'>> {
    return this.analyses.of(snapshotId).segmentGraph;
  }

  async applications({ snapshotId }: ApiArgs<'applications'>): Promise<ApiValue<'applications'>> {
    return this.analyses.of(snapshotId).applications;
  }

  async findings(args: ApiArgs<'findings'>): Promise<ApiValue<'findings'>> {
    const { findings, alignment } = await this.findingsReport(args);
    return { findings: findings.map(({ evidence: _evidence, ...summary }) => summary), alignment };
  }

  /** The findings with their evidence, for reports and the CLI rather than the window. */
  async findingsReport({ snapshotId, ...filter }: ApiArgs<'findings'>): Promise<FindingsReport> {
    const { findings, alignment } = this.analyses.of(snapshotId).findings;
    return { findings: filterFindings(findings, filter), alignment };
  }

  async topology({ snapshotId }: ApiArgs<'topology'>): Promise<ApiValue<'topology'>> {
    return this.analyses.of(snapshotId).topology;
  }

  async tagKeys({ set }: ApiArgs<'tagKeys'>): Promise<ApiValue<'tagKeys'>> {
    if (set) {
      this.workspace.settings.setTagKeys(set);
      this.analyses.forget();
    }
    return this.workspace.settings.tagKeys();
  }

  async impact(request: ApiArgs<'impact'>): Promise<ApiValue<'impact'>> {
    const tagKeys = this.workspace.settings.tagKeys();
    if ('compare' in request) {
      const [older, newer] = request.compare;
      return compareImpact(this.impactSide(older), this.impactSide(newer), tagKeys, this.impactProgress);
    }
    const side = this.impactSide(request.snapshotId);
    if ('plan' in request) {
      const { name, data } = request.plan;
      return planImpact(side, name, data, tagKeys, this.impactProgress);
    }
    return changeImpact(side, request.change, tagKeys, { report: this.impactProgress });
  }

  async impactReport({ format, ...request }: ApiArgs<'impactReport'>): Promise<ApiValue<'impactReport'>> {
    const report = await this.impact(request);
    return { format, text: renderImpact(report, format), report };
  }

  async impactPdf(request: ApiArgs<'impactPdf'>): Promise<ApiValue<'impactPdf'>> {
    const { printPdf } = this.options;
    if (!printPdf)
      throw new PdfError('PDF printing is not available here; download the HTML report and print that');
    const report = await this.impact(request);
    const data = await printPdf(renderImpact(report, 'html'));
    const now = this.options.now?.() ?? new Date();
    return { fileName: `faultline-impact-${report.risk.level}-${fileStamp(now)}.pdf`, data, report };
  }

  /** One side of an impact: a snapshot's estate with the model and engine the cache already has. */
  private impactSide(snapshotId: number | undefined): SnapshotSide {
    const analysis = this.analyses.of(snapshotId);
    const id = analysis.snapshotId;
    return {
      snapshotId: id,
      name: this.workspace.snapshots.list().find((s) => s.id === id)?.name ?? `snapshot ${id}`,
      estate: analysis.estate,
      applications: analysis.applications,
      engine: analysis.engine,
      context: analysis.context,
    };
  }

  async importFiles({ name, files }: ApiArgs<'importFiles'>): Promise<ImportResult> {
    return this.importInputs(
      files.map((file) => ({ kind: 'bytes', name: file.name, data: file.data })),
      name,
    );
  }

  /** Imports files, folders and archives from disk: for the CLI and the bundled sample, never for the renderer. */
  async importPaths(paths: readonly string[], name?: string): Promise<ImportResult> {
    return this.importInputs(
      paths.map((path) => ({ kind: 'path', path })),
      name,
    );
  }

  private async importInputs(inputs: ImportInput[], name: string | undefined): Promise<ImportResult> {
    const emit = this.options.emit;
    const claimed: { name: string; data: Uint8Array; kind: ApplicationFileKind }[] = [];
    const streamed: { path: string; name: string }[] = [];
    const manifests: KubernetesFile[] = [];
    const originals = new SourceOriginals();
    const read = await readAwsExport(inputs, {
      onExport: (file, sha256) => originals.keep(sha256, file.data),
      ...(this.options.limits ? { limits: this.options.limits } : {}),
      ...(emit ? { onProgress: (progress) => emit('importProgress', progress) } : {}),
      claim: (file) => {
        const kind = classifyApplicationFile(file);
        if (kind) claimed.push({ name: file.name, data: file.data, kind });
        const kubernetesKind = kind ? null : classifyKubernetesFile(file);
        if (kubernetesKind) manifests.push({ name: file.name, data: file.data, kind: kubernetesKind });
        return kind ?? kubernetesKind;
      },
      // Flow logs on disk are streamed rather than read whole: a folder of them can outgrow memory.
      divert: async (path, name) => {
        const isFlowLog = classifyApplicationFile({ name, data: await readHead(path) }) === flowLogKind;
        if (isFlowLog) streamed.push({ path, name });
        return isFlowLog;
      },
    });
    // The exports read so far include the in-memory flow logs, which the reader counts again.
    const readBefore = read.files
      .filter((file) => !claimed.some((one) => one.kind === flowLogKind && one.name === file.file))
      .reduce((sum, file) => sum + file.size, 0);
    const applications = await readApplicationSources(
      claimed,
      streamed,
      emit ? (progress) => emit('importProgress', progress) : undefined,
      {
        bytesReadBefore: readBefore,
        ambiguousAddresses: ambiguousAddresses(read.estate.workloads),
        ...(this.options.limits ? { limits: this.options.limits } : {}),
      },
    ).catch((error: unknown) => {
      throw withFailedFile(error, read.files);
    });
    const kubernetes = manifests.length === 0 ? null : readKubernetes(manifests, read.files);
    const files = [
      ...withRecordCounts(read.files, applications.records, applications.notes).map((outcome) => {
        const records = kubernetes?.records.get(outcome.file);
        return records === undefined
          ? outcome
          : kubernetesOutcome(outcome, records, kubernetes?.passedOver.get(outcome.file));
      }),
      ...applications.streamed,
    ];
    const cluster = kubernetes && [...kubernetes.records.values()].some((count) => count > 0);
    if (!files.some((file) => file.status === 'imported')) {
      throw new BadInputError(
        `None of the ${files.length} file(s) is an export Faultline reads; nothing was imported.`,
        null,
        null,
        files,
      );
    }
    // One report per page would be hundreds of messages to the window on a large estate.
    const writing = throttledProgress<ImportProgress>(
      emit ? (progress) => emit('importProgress', progress) : undefined,
    );
    const snapshot = await this.workspace.snapshots.create(
      {
        name: name ?? defaultName(inputs),
        importedAt: this.options.now?.() ?? new Date(),
        estate: cluster ? { ...read.estate, kubernetes: kubernetes.estate } : read.estate,
        files,
        applications: applications.sources,
        originals,
      },
      (done, total) => writing({ phase: 'writing', file: null, done, total }, done === total),
    );
    emit?.('importProgress', { phase: 'done', file: null, done: files.length, total: files.length });
    return { snapshot, files };
  }
}

function readKubernetes(
  manifests: readonly KubernetesFile[],
  files: readonly FileOutcome[],
): ReturnType<typeof readKubernetesFiles> {
  try {
    return readKubernetesFiles(manifests);
  } catch (error) {
    throw withFailedFile(error, files);
  }
}

/**
 * A reader's refusal, with every file's outcome and the failing one marked as the error. The flow
 * logs streamed from disk are no file of the export's read: their outcomes, the failing one's
 * included, come with the refusal.
 */
function withFailedFile(error: unknown, files: readonly FileOutcome[]): unknown {
  if (!(error instanceof BadInputError)) return error;
  const marked = files.map((f) =>
    f.file === error.file ? { ...f, status: 'error' as const, reason: error.message, place: error.place } : f,
  );
  const named = new Set(files.map((f) => f.file));
  const streamed = error.files.filter((f) => !named.has(f.file));
  return new BadInputError(error.message, error.file, error.place, [...marked, ...streamed]);
}

function defaultName(inputs: readonly ImportInput[]): string {
  const first = inputs[0];
  const label = first ? basename(first.kind === 'path' ? first.path : first.name) : 'empty import';
  return inputs.length > 1 ? `${label} and ${inputs.length - 1} more` : label;
}

/** `2026-11-24T20-31`: sortable, and legal in file names everywhere. */
function fileStamp(time: Date): string {
  return time.toISOString().slice(0, 16).replace(':', '-');
}
