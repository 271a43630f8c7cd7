import type { AnalysisProgress } from '../../../../preload/contract';
import { type ViewPart, viewParts } from '../../state/viewStore';
import { ProgressMeter } from '../ProgressMeter';

/** Counted phases name what they count; the others are one step each. */
const phases: Readonly<Record<AnalysisProgress['phase'], { label: string; unit?: string }>> = {
  loading: { label: 'Loading the snapshot', unit: 'pages' },
  applications: { label: 'Building the application model' },
  flows: { label: 'Computing the allowed flows', unit: 'workload classes' },
  segments: { label: 'Grouping the flows by security group', unit: 'class edges' },
  topology: { label: 'Laying out the topology' },
  findings: { label: 'Looking for findings', unit: 'checks' },
  saving: { label: 'Saving the results in the workspace' },
};

const partNames: Readonly<Record<ViewPart, string>> = {
  applications: 'applications',
  segmentGraph: 'segment graph',
  topology: 'topology',
  findings: 'findings',
};

/**
 * The first opening of a large snapshot takes seconds: this says what is being computed, and which
 * parts of the views have arrived. Between one computation's end and the next one's start the
 * results travel to the window, which for a large segment graph takes a while of its own.
 */
export function AnalysisProgressBar({
  progress,
  received,
}: {
  readonly progress: AnalysisProgress | null;
  readonly received: readonly ViewPart[];
}) {
  const phase = progress ? phases[progress.phase] : null;
  const finished = progress !== null && progress.done === progress.total;
  const label = !phase
    ? 'Analysing the snapshot'
    : finished && !phase.unit
      ? 'Handing the results to the views'
      : phase.label;
  const arrived = received.length
    ? `Received ${received.length} of ${viewParts.length}: ${received.map((part) => partNames[part]).join(', ')}`
    : null;
  return (
    <ProgressMeter
      label={label}
      count={progress && phase?.unit ? { ...progress, unit: phase.unit } : null}
      detail={arrived}
      name="Analysis progress"
      testId="analysis-progress"
    />
  );
}
