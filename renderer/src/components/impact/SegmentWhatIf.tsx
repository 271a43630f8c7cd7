import { type ReactNode, useState } from 'react';
import { entryTarget, ruleTarget } from '../../state/impactEdits';
import { useImpactStore } from '../../state/useImpactState';
import { DraftForm } from './DraftForm';
import { LineWhatIf } from './LineWhatIf';
import {
  type EntryDraft,
  emptyRuleDraft,
  entryDraftOf,
  entryFields,
  ruleDraftOf,
  ruleFields,
} from './lineFields';

interface Line {
  readonly key: string;
  readonly text: string;
}

const newDraft: EntryDraft = { ...emptyRuleDraft, action: 'allow' };

/** Remove or change one security group rule (what-if). */
export function RuleWhatIf({ rule }: { rule: Line }) {
  return (
    <LineWhatIf
      target={ruleTarget(rule.key)}
      text={rule.text}
      removal={{ op: 'remove-rule', rule: rule.key }}
      form={(apply, cancel) => (
        <DraftForm
          initial={{ ...ruleDraftOf(rule.text), action: 'allow' }}
          withAction={false}
          peerLabel="Peer"
          submitLabel="Apply what-if"
          onCancel={cancel}
          onSubmit={(draft) => apply({ op: 'change-rule', rule: rule.key, set: ruleFields(draft) })}
        />
      )}
    />
  );
}

const catchAll = 32767;

/** `acl-1/ingress/100` → the entry's reference. */
function entryRef(key: string) {
  const [aclId = '', direction, number] = key.split('/');
  return { aclId, egress: direction === 'egress', ruleNumber: Number(number) };
}

/** Remove or change one network ACL entry (what-if). */
export function EntryWhatIf({ entry }: { entry: Line }) {
  const ref = entryRef(entry.key);
  // AWS's catch-all `*` entry cannot be edited.
  if (ref.ruleNumber === catchAll) return null;
  return (
    <LineWhatIf
      target={entryTarget(entry.key)}
      text={entry.text}
      removal={{ op: 'remove-acl-entry', entry: ref }}
      form={(apply, cancel) => (
        <DraftForm
          initial={entryDraftOf(entry.text)}
          withAction
          peerLabel="CIDR"
          submitLabel="Apply what-if"
          onCancel={cancel}
          onSubmit={(draft) => apply({ op: 'change-acl-entry', entry: ref, set: entryFields(draft) })}
        />
      )}
    />
  );
}

/** A disclosure holding the form that adds a rule, an entry or a policy. */
export function AddDisclosure({
  label,
  children,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="add-whatif">
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && children(() => setOpen(false))}
    </div>
  );
}

export function AddRuleWhatIf({ groupId }: { groupId: string }) {
  const store = useImpactStore();
  const [direction, setDirection] = useState<'ingress' | 'egress'>('ingress');
  return (
    <AddDisclosure label="Add a rule (what-if)">
      {(close) => (
        <DraftForm
          initial={newDraft}
          withAction={false}
          peerLabel="Peer"
          submitLabel="Add rule"
          onCancel={close}
          onSubmit={(draft) => {
            store.addEdit({ op: 'add-rule', rule: { groupId, direction, ...ruleFields(draft) } });
            close();
          }}
        >
          <DirectionField value={direction} onChange={setDirection} />
        </DraftForm>
      )}
    </AddDisclosure>
  );
}

export function AddEntryWhatIf({ aclId }: { aclId: string }) {
  const store = useImpactStore();
  const [direction, setDirection] = useState<'ingress' | 'egress'>('ingress');
  const [ruleNumber, setRuleNumber] = useState('');
  return (
    <AddDisclosure label="Add an entry (what-if)">
      {(close) => (
        <DraftForm
          initial={newDraft}
          withAction
          peerLabel="CIDR"
          submitLabel="Add entry"
          onCancel={close}
          onSubmit={(draft) => {
            const entry = { aclId, egress: direction === 'egress', ruleNumber: Number(ruleNumber) };
            store.addEdit({ op: 'add-acl-entry', entry: { ...entry, ...entryFields(draft) } });
            close();
          }}
        >
          <DirectionField value={direction} onChange={setDirection} />
          <label className="draft-field draft-port">
            <span>Rule #</span>
            <input
              className="text-input"
              inputMode="numeric"
              required
              value={ruleNumber}
              onChange={(e) => setRuleNumber(e.target.value)}
            />
          </label>
        </DraftForm>
      )}
    </AddDisclosure>
  );
}

function DirectionField({
  value,
  onChange,
}: {
  value: 'ingress' | 'egress';
  onChange: (direction: 'ingress' | 'egress') => void;
}) {
  return (
    <label className="draft-field">
      <span>Direction</span>
      <select
        className="text-input"
        value={value}
        onChange={(e) => onChange(e.target.value === 'egress' ? 'egress' : 'ingress')}
      >
        <option value="ingress">inbound</option>
        <option value="egress">outbound</option>
      </select>
    </label>
  );
}
