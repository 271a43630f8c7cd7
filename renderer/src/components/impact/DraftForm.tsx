import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { draftProblem, type EntryDraft, hasPortRange, isIcmpProtocol, sameDraft } from './lineFields';
import { useScrolledIntoView } from './useScrolledIntoView';

const protocols = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['icmp', 'ICMP'],
  ['icmpv6', 'ICMPv6'],
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

/**
 * Protocol, ports (or ICMP type and code) and peer of a rule or entry being added or changed. The
 * numbers are checked here; the API validates the rest. Submitting it unchanged changes nothing.
 */
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
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const form = useScrolledIntoView<HTMLFormElement>();
  const hasPorts = hasPortRange(draft.protocol);
  const icmp = isIcmpProtocol(draft.protocol);
  const edit = (patch: Partial<EntryDraft>) => {
    setDraft({ ...draft, ...patch });
    setProblem(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = draftProblem(draft);
    if (found) setProblem(found);
    else if (onCancel && sameDraft(draft, initial)) onCancel();
    else onSubmit(draft);
  };
  const knownProtocol = protocols.some(([value]) => value === draft.protocol);
  const numberField = (
    label: string,
    field: 'fromPort' | 'toPort' | 'icmpType' | 'icmpCode',
    placeholder = '',
  ) => (
    <label className="draft-field draft-port">
      <span>{label}</span>
      <input
        className="text-input"
        inputMode="numeric"
        value={draft[field]}
        placeholder={placeholder}
        aria-invalid={problem?.startsWith(label) === true}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => edit({ [field]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      ref={form}
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
      {icmp ? (
        <>
          {numberField('ICMP type', 'icmpType', 'all')}
          {numberField('ICMP code', 'icmpCode', 'all')}
        </>
      ) : (
        <>
          {/* Other protocols have no ports: the fields stay, empty, so the form does not jump. */}
          {hasPorts ? numberField('From port', 'fromPort') : <DisabledPort label="From port" />}
          {hasPorts ? numberField('To port', 'toPort', draft.fromPort) : <DisabledPort label="To port" />}
        </>
      )}
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
      {problem && (
        <p id={`${id}-problem`} className="impact-error-text draft-problem" role="alert">
          {problem}
        </p>
      )}
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

function DisabledPort({ label }: { label: string }) {
  return (
    <label className="draft-field draft-port">
      <span>{label}</span>
      <input className="text-input" disabled value="" />
    </label>
  );
}
