export interface ProgressCount {
  readonly done: number;
  readonly total: number;
  /** What is counted, e.g. "workload classes"; none for files, whose names are shown instead. */
  readonly unit?: string;
}

/** A labelled progress bar: it fills once the work has been counted, and sweeps until then. */
export function ProgressMeter({
  label,
  count,
  file,
  detail,
  name,
  testId,
}: {
  readonly label: string;
  readonly count: ProgressCount | null;
  /** The file being worked on: a long path keeps its end in view. */
  readonly file?: string | null;
  readonly detail?: string | null;
  /** The bar's accessible name. */
  readonly name: string;
  readonly testId: string;
}) {
  const determinate = count !== null && count.total > 0;
  return (
    <div className="progress-meter" data-testid={testId} role="status" aria-live="polite">
      <div className="progress-label">
        <span>{label}…</span>
        {determinate && (
          // Hidden from the live region, which would announce every count; the bar carries the value.
          <span className="progress-count" aria-hidden="true">
            {count.done.toLocaleString('en-US')} / {count.total.toLocaleString('en-US')}
            {count.unit ? ` ${count.unit}` : ''}
          </span>
        )}
      </div>
      {determinate ? (
        <progress max={count.total} value={count.done} aria-label={name} />
      ) : (
        <progress aria-label={name} />
      )}
      {file && (
        <div className="progress-file" title={file}>
          {file}
        </div>
      )}
      {detail && <div className="progress-detail">{detail}</div>}
    </div>
  );
}
