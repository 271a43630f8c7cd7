import type { EstateCounts } from './estate';
import type { KubernetesCounts } from './kubernetes';

/** What became of one input file. Zip members are files of their own, named `archive.zip!/member`. */
export interface FileOutcome {
  readonly file: string;
  readonly status: 'imported' | 'skipped' | 'error';
  /** The export kind detected from the content, e.g. `describe-security-groups`. */
  readonly kind: string | null;
  /** Objects read from the file (groups, ENIs, ...). */
  readonly records: number;
  readonly sha256: string;
  readonly size: number;
  /**
   * Why it was skipped or failed, in words a user can act on; for an imported file, what of it was
   * left out or cannot be used yet (malformed flow-log lines, consumed APIs nobody provides).
   */
  readonly reason: string | null;
  /** Where in the file: a JSON path (`$.SecurityGroups[3].GroupId`) or `line 12, column 4`. */
  readonly place: string | null;
}

export interface ImportProgress {
  readonly phase: 'reading' | 'parsing' | 'checking' | 'writing' | 'done';
  readonly file: string | null;
  readonly done: number;
  readonly total: number;
  /** Bytes of `file` read so far, while a large file is parsed: one file can take many seconds. */
  readonly fileBytes?: { readonly done: number; readonly total: number };
}

export interface SnapshotSummary {
  readonly id: number;
  readonly name: string;
  /** ISO 8601, UTC. */
  readonly importedAt: string;
  readonly provider: 'aws';
  readonly counts: EstateCounts;
  /** Only for a snapshot that holds Kubernetes objects. */
  readonly kubernetesCounts?: KubernetesCounts;
  readonly files: readonly FileOutcome[];
}

export interface ImportResult {
  readonly snapshot: SnapshotSummary;
  readonly files: readonly FileOutcome[];
}
