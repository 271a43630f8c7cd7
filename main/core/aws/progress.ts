import type { ImportProgress } from '../domain/importReport';

/**
 * Progress goes over IPC to a window; a zip of ten thousand small files must not send ten thousand
 * messages. Reports closer than `intervalMs` are dropped unless they start a phase or are forced.
 */
export function throttledProgress(
  onProgress: ((progress: ImportProgress) => void) | undefined,
  intervalMs = 50,
): (progress: ImportProgress, force?: boolean) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPhase: ImportProgress['phase'] | null = null;
  return (progress, force = false) => {
    const now = performance.now();
    if (!force && progress.phase === lastPhase && now - lastAt < intervalMs) return;
    lastAt = now;
    lastPhase = progress.phase;
    onProgress?.(progress);
  };
}
