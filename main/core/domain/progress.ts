/**
 * How far the analysis behind the views has got. Opening a snapshot of tens of thousands of workloads
 * for the first time takes seconds, most of them in `flows` (one step per class of workloads).
 */
export interface AnalysisProgress {
  readonly snapshotId: number;
  readonly phase: 'loading' | 'applications' | 'flows' | 'segments' | 'topology' | 'findings' | 'saving';
  readonly done: number;
  readonly total: number;
}

/** How far a what-if has got: on a large estate the flow graphs on both sides take seconds. */
export interface ImpactProgress {
  readonly phase:
    | 'applying'
    | 'comparing'
    | 'flows-before'
    | 'flows-after'
    | 'dependencies'
    | 'exposure'
    | 'approvers';
  readonly done: number;
  readonly total: number;
}

/** Where long work says how far it has got, phase by phase. */
export type PhaseReport<Phase extends string> = (phase: Phase, done: number, total: number) => void;

/** A step with nothing to count: reported as it starts and as it ends. */
export function step<Phase extends string, T>(
  report: PhaseReport<Phase> | undefined,
  phase: Phase,
  run: () => T,
): T {
  report?.(phase, 0, 1);
  const value = run();
  report?.(phase, 1, 1);
  return value;
}

/**
 * Progress goes over IPC to a window; a zip of ten thousand small files must not send ten thousand
 * messages. Reports closer than `intervalMs` are dropped unless they start a phase, end it
 * (`done === total`) or are forced.
 */
export function throttledProgress<
  P extends { readonly phase: string; readonly done: number; readonly total: number },
>(onProgress: ((progress: P) => void) | undefined, intervalMs = 50): (progress: P, force?: boolean) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPhase: string | null = null;
  return (progress, force = false) => {
    const now = performance.now();
    const routine = progress.phase === lastPhase && progress.done !== progress.total;
    if (!force && routine && now - lastAt < intervalMs) return;
    lastAt = now;
    lastPhase = progress.phase;
    onProgress?.(progress);
  };
}
