import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ChangeEdit } from '../../state/impactEdits';
import { pendingOn } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { PendingEdit } from './PendingEdit';

interface LineWhatIfProps {
  /** The object as the pending list names it (impactEdits' targets). */
  readonly target: string;
  /** Its text, for the buttons' accessible names. */
  readonly text: string;
  /** The button that opens the form: Edit for a rule, Replace for a whole policy. */
  readonly editLabel?: string;
  /** Absent when the object cannot be removed (a pod's labels). */
  readonly removal?: ChangeEdit;
  /** The edit form; `apply` adds the edit and closes it. Absent when the object can only go (a CIDR of a prefix list). */
  readonly form?: (apply: (edit: ChangeEdit) => void, cancel: () => void) => ReactNode;
}

/**
 * Remove and Edit next to one object in the inspector (a rule, an ACL entry, a policy, a pod's
 * labels); once edited, what is pending and Undo.
 */
export function LineWhatIf({ target, text, editLabel = 'Edit', removal, form }: LineWhatIfProps) {
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
        <PendingEdit
          ref={undo}
          kind={pending.edit.op.startsWith('remove-') ? 'remove' : 'change'}
          editId={pending.id}
          label={`Undo the what-if edit of ${text}`}
        />
      </span>
    );
  }
  return (
    <>
      <span className="line-whatif">
        {form && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`${editLabel} ${text} (what-if)`}
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {editLabel}
          </button>
        )}
        {removal && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Remove ${text} (what-if)`}
            onClick={() => edit(removal)}
          >
            Remove
          </button>
        )}
      </span>
      {editing &&
        form?.(
          (made) => {
            edit(made);
            setEditing(false);
          },
          () => setEditing(false),
        )}
    </>
  );
}
