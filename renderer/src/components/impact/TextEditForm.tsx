import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import type { TextRead } from './textRead';
import { useScrolledIntoView } from './useScrolledIntoView';

interface TextEditFormProps<T> {
  readonly label: string;
  readonly initial: string;
  /** Turns the text into the edit's value, or says what is wrong with it before the API is asked. */
  readonly read: (text: string) => TextRead<T>;
  readonly submitLabel: string;
  /** One line (a CIDR) instead of a block of text. */
  readonly singleLine?: boolean;
  readonly onSubmit: (value: T) => void;
  readonly onCancel: () => void;
}

/**
 * A text the user edits whole (a policy manifest, a pod's labels, a CIDR), read on submit; the API
 * validates the rest.
 */
export function TextEditForm<T>({
  label,
  initial,
  read,
  submitLabel,
  singleLine = false,
  onSubmit,
  onCancel,
}: TextEditFormProps<T>) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const form = useScrolledIntoView<HTMLFormElement>();
  const field = {
    id: `${id}-text`,
    spellCheck: false,
    value: text,
    'aria-invalid': problem !== null,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(e.target.value);
      setProblem(null);
    },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = read(text);
    if (result.ok) onSubmit(result.value);
    else setProblem(result.message);
  };
  return (
    <form
      ref={form}
      className="draft-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label className={singleLine ? 'draft-field' : 'draft-field draft-text'} htmlFor={field.id}>
        <span>{label}</span>
        {singleLine ? (
          <input
            className="text-input"
            // biome-ignore lint/a11y/noAutofocus: the user just asked to add; the field is all the form asks for.
            autoFocus
            {...field}
          />
        ) : (
          <textarea className="text-input" rows={rowsFor(initial)} {...field} />
        )}
      </label>
      {problem && (
        <p id={`${id}-problem`} className="impact-error-text draft-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="draft-actions">
        <button type="submit" className="btn btn-small primary">
          {submitLabel}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Tall enough for the text and a line to add, within the inspector's height. */
const rowsFor = (text: string) => Math.min(18, Math.max(4, text.split('\n').length + 1));
