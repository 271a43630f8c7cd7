import { useRef } from 'react';
import { pickedFromFileList } from '../files/collectFiles';
import { isImporting } from '../state/appStore';
import { useAppState, useAppStore } from '../state/useAppState';
import { FileIcon, FolderIcon } from './Icons';
import { ImportProgressBar } from './ImportProgressBar';

// React has no typing for the non-standard attribute that makes a file input pick folders.
const folderPicker: Record<string, string> = { webkitdirectory: '' };

export function ImportPanel() {
  const state = useAppState();
  const store = useAppStore();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = isImporting(state);

  const onPicked = (input: HTMLInputElement) => {
    if (input.files && input.files.length > 0) void store.importPicked(pickedFromFileList(input.files));
    // Clear the input so choosing the same files again fires another change.
    input.value = '';
  };

  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <h2 id="import-heading" className="visually-hidden">
        Import
      </h2>
      <div className="import-buttons">
        <button
          type="button"
          className="btn primary"
          disabled={busy}
          onClick={() => filesInput.current?.click()}
        >
          <FileIcon />
          Import files…
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => folderInput.current?.click()}>
          <FolderIcon />
          Import folder…
        </button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        accept=".json,.zip"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-files-input"
        onChange={(event) => onPicked(event.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        {...folderPicker}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-folder-input"
        onChange={(event) => onPicked(event.currentTarget)}
      />
      {busy ? (
        <ImportProgressBar state={state.import} />
      ) : (
        <p className="import-hint">
          JSON exports, zip archives or folders — or drop them anywhere on the window.
        </p>
      )}
    </section>
  );
}
