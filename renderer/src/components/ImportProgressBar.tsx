import type { ImportProgress } from '../../../preload/contract';
import { fileProgressText, plural } from '../format';
import type { ImportState } from '../state/appStore';
import { ProgressMeter } from './ProgressMeter';

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
  return (
    <ProgressMeter
      label={label}
      count={progress}
      file={progress?.file ?? null}
      detail={progress?.fileBytes ? fileProgressText(progress.fileBytes) : null}
      name="Import progress"
      testId="import-progress"
    />
  );
}
