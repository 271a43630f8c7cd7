import type { Ref } from 'react';
import { useImpactStore } from '../../state/useImpactState';

const badges = { add: 'added', remove: 'removed', change: 'changed' } as const;

/** What a pending what-if edit does to an object, and the Undo that takes the edit back out. */
export function PendingEdit({
  kind,
  editId,
  label,
  ref,
}: {
  readonly kind: keyof typeof badges;
  readonly editId: number;
  /** The Undo button's accessible name, naming the object. */
  readonly label: string;
  readonly ref?: Ref<HTMLButtonElement>;
}) {
  const store = useImpactStore();
  return (
    <>
      <span className={`pending-badge pending-${kind}`}>{badges[kind]}</span>
      <button
        ref={ref}
        type="button"
        className="btn btn-small"
        aria-label={label}
        onClick={() => store.removeEdit(editId)}
      >
        Undo
      </button>
    </>
  );
}
