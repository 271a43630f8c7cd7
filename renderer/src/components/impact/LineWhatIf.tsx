import { useEffect, useRef, useState } from 'react';
import type { ChangeEdit } from '../../state/impactEdits';
import { pendingOn } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { DraftForm } from './DraftForm';
import type { EntryDraft } from './lineFields';

interface LineWhatIfProps {
  /** The rule or entry as the pending list names it (impactEdits' targets). */
  readonly target: string;
  /** Its text, for the buttons' accessible names. */
  readonly text: string;
  readonly initial: EntryDraft;
  readonly withAction: boolean;
  readonly peerLabel: string;
  readonly removal: ChangeEdit;
  readonly change: (draft: EntryDraft) => ChangeEdit;
}

/** Remove and Edit next to one rule or ACL entry in the inspector; once edited, what is pending and Undo. */
export function LineWhatIf({
  target,
  text,
  initial,
  withAction,
  peerLabel,
  removal,
  change,
}: LineWhatIfProps) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const [editing, setEditing] = useState(false);
  const pending = pendingOn(edits, target);
  // The button just pressed is replaced by Undo: keyboard users land on Undo, not on the page.
  const acted = useRef(false);
  const undo = useRef<HTMLButtonElement>(null);
  const edit = (made: ChangeEdit) => {
    acted.current = true;
    store.addEdit(made);
  };
  useEffect(() => {
    if (pending && acted.current) undo.current?.focus();
    acted.current = false;
  }, [pending]);
  if (pending) {
    return (
      <span className="line-whatif">
        <span className={`pending-badge pending-${pending.edit.op.split('-')[0]}`}>
          {pending.edit.op === 'remove-rule' || pending.edit.op === 'remove-acl-entry'
            ? 'removed'
            : 'changed'}
        </span>
        <button
          ref={undo}
          type="button"
          className="btn btn-small"
          aria-label={`Undo the what-if edit of ${text}`}
          onClick={() => store.removeEdit(pending.id)}
        >
          Undo
        </button>
      </span>
    );
  }
  return (
    <>
      <span className="line-whatif">
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Edit ${text} (what-if)`}
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          Edit
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Remove ${text} (what-if)`}
          onClick={() => edit(removal)}
        >
          Remove
        </button>
      </span>
      {editing && (
        <DraftForm
          initial={initial}
          withAction={withAction}
          peerLabel={peerLabel}
          submitLabel="Apply what-if"
          onCancel={() => setEditing(false)}
          onSubmit={(draft) => {
            edit(change(draft));
            setEditing(false);
          }}
        />
      )}
    </>
  );
}
