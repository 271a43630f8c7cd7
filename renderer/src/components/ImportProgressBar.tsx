import type { ImportProgress } from '../../../preload/contract';
import { plural } from '../format';
import type { ImportState } from '../state/appStore';

const phaseLabels: Readonly<Record<ImportProgress['phase'], string>> = {
  reading: 'Reading',
  parsing: 'Parsing',
  checking: 'Checking references',
  writing: 'Writing to the workspace',
  done: 'Finishing',
};

export function ImportProgressBar({ state }: { readonly state: ImportState }) {
  if (state.status !== 'reading' && state.status !== 'running') return null;
  const progress = state.status === 'running' ? state.progress : null;
  const label = progress
    ? phaseLabels[progress.phase]
    : state.status === 'reading'
      ? `Reading ${plural(state.fileCount, 'file')}`
      : `Sending ${plural(state.fileCount, 'file')}`;
  const determinate = progress !== null && progress.total > 0;
  return (
    <div className="import-progress" data-testid="import-progress" role="status" aria-live="polite">
      <div className="progress-label">
        <span>{label}…</span>
        {determinate && (
          <span className="progress-count">
            {progress.done} / {progress.total}
          </span>
        )}
      </div>
      {determinate ? (
        <progress max={progress.total} value={progress.done} aria-label="Import progress" />
      ) : (
        <progress aria-label="Import progress" />
      )}
      {progress?.file && (
        <div className="progress-file" title={progress.file}>
          {progress.file}
        </div>
      )}
    </div>
  );
}
