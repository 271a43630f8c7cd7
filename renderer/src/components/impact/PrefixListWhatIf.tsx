import type { Topology } from '../../../../preload/contract';
import { prefixListEntryTarget } from '../../state/impactEdits';
import { useImpactState } from '../../state/useImpactState';
import { AddLineWhatIf, PendingAdditions } from './AddLineWhatIf';
import { LineWhatIf } from './LineWhatIf';
import type { TextRead } from './textRead';

type PrefixList = Topology['prefixLists'][number];

/** Whether the text looks like a CIDR; the API checks the address and the list's family. */
function readCidr(text: string): TextRead<string> {
  const cidr = text.trim();
  return /^[0-9a-f:.]+\/\d{1,3}$/i.test(cidr)
    ? { ok: true, value: cidr }
    : { ok: false, message: 'Write a CIDR such as 10.0.0.0/16 or 2001:db8::/32.' };
}

/**
 * A prefix list a group's rules name, with its entries: each can be removed and a CIDR added
 * (what-if), as `aws ec2 modify-managed-prefix-list` would. AWS's own lists and lists whose entries
 * were not exported are shown, not edited.
 */
export function PrefixListWhatIf({ list }: { list: PrefixList }) {
  const { edits } = useImpactState();
  const label = list.name ?? list.id;
  const adding = edits.items.flatMap((item) =>
    item.edit.op === 'add-prefix-list-entry' && item.edit.prefixListId === list.id
      ? [{ id: item.id, line: item.edit.cidr }]
      : [],
  );
  return (
    <div className="link-list" data-testid="prefix-list">
      <h4>
        Prefix list {label} {list.name && <code>{list.id}</code>}
      </h4>
      {list.entries === null ? (
        <p className="muted">
          Its entries are not in this snapshot, so rules naming it are undecidable. Export them with{' '}
          <code>aws ec2 get-managed-prefix-list-entries --prefix-list-id {list.id}</code> and import the file
          as <code>{list.id}.json</code>.
        </p>
      ) : (
        <ul className="rule-list">
          {list.entries.map((cidr) => (
            <li key={cidr}>
              <code>{cidr}</code>
              {!list.managedByAws && (
                <LineWhatIf
                  target={prefixListEntryTarget(list.id, cidr)}
                  text={`${cidr} from ${label}`}
                  removal={{ op: 'remove-prefix-list-entry', prefixListId: list.id, cidr }}
                />
              )}
            </li>
          ))}
          <PendingAdditions lines={adding} to={label} />
        </ul>
      )}
      {list.managedByAws ? (
        <p className="muted">Managed by AWS, which alone changes its entries.</p>
      ) : (
        list.entries !== null && (
          <AddLineWhatIf
            label={`Add a CIDR to ${label} (what-if)`}
            field="CIDR"
            read={readCidr}
            submitLabel="Add CIDR"
            edit={(cidr) => ({ op: 'add-prefix-list-entry', prefixListId: list.id, cidr })}
          />
        )
      )}
    </div>
  );
}
