import type { ApiError, ImportResult } from '../../../preload/contract';
import { plural } from '../format';
import { useAppState, useAppStore } from '../state/useAppState';
import { FileOutcomeTable } from './FileOutcomeTable';
import { CloseIcon } from './Icons';

export function ImportResults() {
  const { import: importState } = useAppState();
  const store = useAppStore();
  const dismiss = () => store.dismissImport();
  if (importState.status === 'succeeded')
    return <Succeeded result={importState.result} onDismiss={dismiss} />;
  if (importState.status === 'failed') return <Failed error={importState.error} onDismiss={dismiss} />;
  return null;
}

function DismissButton({ onDismiss }: { readonly onDismiss: () => void }) {
  return (
    <button type="button" className="icon-button" aria-label="Dismiss import results" onClick={onDismiss}>
      <CloseIcon />
    </button>
  );
}

function Succeeded({ result, onDismiss }: { readonly result: ImportResult; readonly onDismiss: () => void }) {
  const tally = (status: string) => result.files.filter((f) => f.status === status).length;
  const skipped = tally('skipped');
  return (
    <section
      className="card import-results succeeded"
      data-testid="import-results"
      aria-labelledby="import-ok"
    >
      <header className="card-header">
        <div>
          <h2 id="import-ok">Imported “{result.snapshot.name}”</h2>
          <p className="card-subtitle">
            {plural(tally('imported'), 'file')} imported
            {skipped > 0 ? `, ${plural(skipped, 'file')} skipped` : ''} ·{' '}
            {plural(result.snapshot.counts.workloads, 'workload')}
          </p>
        </div>
        <DismissButton onDismiss={onDismiss} />
      </header>
      <FileOutcomeTable files={result.files} caption="What became of each file" />
    </section>
  );
}

function Failed({ error, onDismiss }: { readonly error: ApiError; readonly onDismiss: () => void }) {
  const files = error.files ?? [];
  return (
    <section
      className="card import-results failed"
      data-testid="import-error"
      role="alert"
      aria-labelledby="import-failed"
    >
      <header className="card-header">
        <div>
          <h2 id="import-failed">Import failed</h2>
          <p className="error-message" data-testid="import-error-message">
            {error.message}
          </p>
        </div>
        <DismissButton onDismiss={onDismiss} />
      </header>
      {(error.file || error.place) && (
        <dl className="error-where" data-testid="import-error-where">
          {error.file && (
            <div>
              <dt>File</dt>
              <dd className="mono">{error.file}</dd>
            </div>
          )}
          {error.place && (
            <div>
              <dt>Place</dt>
              <dd className="mono">{error.place}</dd>
            </div>
          )}
        </dl>
      )}
      <p className="unchanged">Nothing was imported; the workspace is unchanged.</p>
      {files.length > 0 && <FileOutcomeTable files={files} caption="What became of each file" refused />}
    </section>
  );
}
