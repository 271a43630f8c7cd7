import { useEffect, useRef } from 'react';
import type { SnapshotSummary } from '../../../preload/contract';
import { formatCount, formatDateTime, listedCounts } from '../format';
import type { AppStore } from '../state/appStore';
import { PencilIcon, TrashIcon } from './Icons';

interface Props {
  readonly snapshot: SnapshotSummary;
  readonly selected: boolean;
  /** The name being typed, when this snapshot is being renamed. */
  readonly renameDraft: string | null;
  readonly confirmingDelete: boolean;
  readonly store: AppStore;
}

export function SnapshotItem({ snapshot, selected, renameDraft, confirmingDelete, store }: Props) {
  // When a rename ends (saved or cancelled), give keyboard focus back to the snapshot, not to the page.
  const selectButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  useEffect(() => {
    if (wasRenaming.current && renameDraft === null) selectButton.current?.focus();
    wasRenaming.current = renameDraft !== null;
  }, [renameDraft]);
  return (
    <li className={selected ? 'snapshot selected' : 'snapshot'} data-testid="snapshot-item">
      {renameDraft === null ? (
        <button
          ref={selectButton}
          type="button"
          className="snapshot-select"
          aria-current={selected ? 'true' : undefined}
          onClick={() => store.select(snapshot.id)}
        >
          <span className="snapshot-name" data-testid="snapshot-name">
            {snapshot.name}
          </span>
          <time className="snapshot-time" dateTime={snapshot.importedAt}>
            {formatDateTime(snapshot.importedAt)}
          </time>
          <span className="snapshot-counts">
            {listedCounts(snapshot).map(({ value, label }) => (
              <span key={label}>
                <strong data-testid={`snapshot-${label.toLowerCase().replace(' ', '-')}`}>
                  {formatCount(value)}
                </strong>{' '}
                {label}
              </span>
            ))}
          </span>
        </button>
      ) : (
        <form
          className="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            void store.commitRename();
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${snapshot.id}`}>
            New name for {snapshot.name}
          </label>
          <input
            id={`rename-${snapshot.id}`}
            className="text-input"
            value={renameDraft}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to rename; the field is where they type.
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => store.editRename(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') store.cancelRename();
            }}
          />
          <div className="rename-actions">
            <button type="submit" className="btn btn-small primary">
              Save
            </button>
            <button type="button" className="btn btn-small" onClick={() => store.cancelRename()}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {renameDraft === null && !confirmingDelete && (
        <div className="snapshot-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Rename ${snapshot.name}`}
            title="Rename"
            onClick={() => store.startRename(snapshot.id)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Delete ${snapshot.name}`}
            title="Delete"
            onClick={() => store.askDelete(snapshot.id)}
          >
            <TrashIcon />
          </button>
        </div>
      )}
      {confirmingDelete && (
        <div
          className="confirm-delete"
          role="alertdialog"
          aria-labelledby={`confirm-${snapshot.id}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') store.cancelDelete();
          }}
        >
          <p id={`confirm-${snapshot.id}`}>
            Delete <strong>{snapshot.name}</strong>? Its imported data is removed from this workspace; the
            source files are not touched.
          </p>
          <div className="confirm-actions">
            <button type="button" className="btn btn-small danger" onClick={() => void store.confirmDelete()}>
              Delete
            </button>
            <button
              type="button"
              className="btn btn-small"
              // biome-ignore lint/a11y/noAutofocus: the safe choice takes focus in a confirmation.
              autoFocus
              onClick={() => store.cancelDelete()}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
