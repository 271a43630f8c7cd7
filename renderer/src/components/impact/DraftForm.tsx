import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { EntryDraft } from './lineFields';

const protocols = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['icmp', 'ICMP'],
  ['-1', 'All traffic'],
] as const;

interface DraftFormProps {
  readonly initial: EntryDraft;
  /** ACL entries allow or deny; group rules only allow. */
  readonly withAction: boolean;
  readonly peerLabel: string;
  readonly submitLabel: string;
  readonly onSubmit: (draft: EntryDraft) => void;
  readonly onCancel?: () => void;
  /** Fields only adding needs: direction, rule number. */
  readonly children?: ReactNode;
}

/** Protocol, ports and peer of a rule or entry being added or changed; the API validates the rest. */
export function DraftForm({
  initial,
  withAction,
  peerLabel,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: DraftFormProps) {
  const [draft, setDraft] = useState(initial);
  const id = useId();
  const hasPorts = draft.protocol === 'tcp' || draft.protocol === 'udp';
  const edit = (patch: Partial<EntryDraft>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft);
  };
  const knownProtocol = protocols.some(([value]) => value === draft.protocol);
  return (
    <form
      className="draft-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {children}
      {withAction && (
        <label className="draft-field">
          <span>Action</span>
          <select
            className="text-input"
            value={draft.action}
            onChange={(e) => edit({ action: e.target.value === 'deny' ? 'deny' : 'allow' })}
          >
            <option value="allow">allow</option>
            <option value="deny">deny</option>
          </select>
        </label>
      )}
      <label className="draft-field">
        <span>Protocol</span>
        <select
          className="text-input"
          value={draft.protocol}
          onChange={(e) => edit({ protocol: e.target.value })}
        >
          {protocols.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          {!knownProtocol && <option value={draft.protocol}>{draft.protocol}</option>}
        </select>
      </label>
      <label className="draft-field draft-port">
        <span>From port</span>
        <input
          className="text-input"
          inputMode="numeric"
          disabled={!hasPorts}
          value={hasPorts ? draft.fromPort : ''}
          onChange={(e) => edit({ fromPort: e.target.value })}
        />
      </label>
      <label className="draft-field draft-port">
        <span>To port</span>
        <input
          className="text-input"
          inputMode="numeric"
          disabled={!hasPorts}
          value={hasPorts ? draft.toPort : ''}
          placeholder={hasPorts ? draft.fromPort : ''}
          onChange={(e) => edit({ toPort: e.target.value })}
        />
      </label>
      <label className="draft-field draft-peer">
        <span id={`${id}-peer`}>{peerLabel}</span>
        <input
          className="text-input"
          aria-labelledby={`${id}-peer`}
          required
          value={draft.peer}
          placeholder={withAction ? '10.0.0.0/16' : 'sg-…, 10.0.0.0/16 or pl-…'}
          onChange={(e) => edit({ peer: e.target.value.trim() })}
        />
      </label>
      <div className="draft-actions">
        <button type="submit" className="btn btn-small primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
