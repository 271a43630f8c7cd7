import type { ChangeEdit } from '../../state/impactEdits';
import { useImpactStore } from '../../state/useImpactState';
import { PendingEdit } from './PendingEdit';
import { AddDisclosure } from './SegmentWhatIf';
import { TextEditForm } from './TextEditForm';
import type { TextRead } from './textRead';

/** Lines pending what-ifs add to a list (a CIDR, a route), each with Undo; `to` names the list. */
export function PendingAdditions({
  lines,
  to,
}: {
  lines: readonly { id: number; line: string }[];
  to: string;
}) {
  return lines.map(({ id, line }) => (
    <li key={`adding ${line}`}>
      <code>{line}</code>
      <span className="line-whatif">
        <PendingEdit kind="add" editId={id} label={`Undo adding ${line} to ${to}`} />
      </span>
    </li>
  ));
}

/** A disclosure with a one-line field whose text, once read, becomes the edit that adds a line. */
export function AddLineWhatIf<T>({
  label,
  field,
  read,
  submitLabel,
  edit,
}: {
  label: string;
  field: string;
  read: (text: string) => TextRead<T>;
  submitLabel: string;
  edit: (value: T) => ChangeEdit;
}) {
  const store = useImpactStore();
  return (
    <AddDisclosure label={label}>
      {(close) => (
        <TextEditForm
          label={field}
          initial=""
          singleLine
          read={read}
          submitLabel={submitLabel}
          onCancel={close}
          onSubmit={(value) => {
            store.addEdit(edit(value));
            close();
          }}
        />
      )}
    </AddDisclosure>
  );
}
