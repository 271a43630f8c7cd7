import { useImpactState, useImpactStore } from '../../state/useImpactState';

const formats = [
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
] as const;

/** Downloads of the current impact as a report; the API renders them, the renderer only saves. */
export function ReportButtons() {
  const store = useImpactStore();
  const { download, report, status } = useImpactState();
  const disabled = !report || status !== 'ready' || download.busy !== null;
  return (
    <fieldset className="report-buttons">
      <legend className="visually-hidden">Download the impact report</legend>
      {formats.map(([format, label]) => (
        <button
          key={format}
          type="button"
          className="btn btn-small"
          disabled={disabled}
          aria-busy={download.busy === format}
          onClick={() => void store.downloadReport(format)}
        >
          {download.busy === format ? `${label}…` : label}
        </button>
      ))}
      {download.error && (
        <span className="impact-error-text" role="alert">
          {download.error}
        </span>
      )}
    </fieldset>
  );
}
