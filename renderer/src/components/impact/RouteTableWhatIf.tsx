import { type FormEvent, useState } from 'react';
import type { Topology } from '../../../../preload/contract';
import { pendingOn, routeTableAssociationTarget, vpcRouteTarget } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { AddLineWhatIf, PendingAdditions } from './AddLineWhatIf';
import { LineWhatIf } from './LineWhatIf';
import { PendingEdit } from './PendingEdit';
import { TextEditForm } from './TextEditForm';
import type { TextRead } from './textRead';

type RouteTable = Topology['routeTables'][number];

const targetPattern = /^[a-z]+-[0-9a-z]+$/i;
const targetHint = 'the id of where it goes: tgw-…, pcx-…, igw-…, nat-…, vpce-… or eni-…';

function readTarget(text: string): TextRead<string> {
  const target = text.trim();
  return targetPattern.test(target)
    ? { ok: true, value: target }
    : { ok: false, message: `Write ${targetHint}.` };
}

/** `10.40.0.0/16 tgw-…` (an arrow between them is fine); the API checks the rest. */
function readRoute(text: string): TextRead<{ destination: string; target: string }> {
  const match = /^\s*([0-9a-f:.]+\/\d{1,3}|pl-[0-9a-z]+)\s*(?:→|->)?\s*([a-z]+-[0-9a-z]+)\s*$/i.exec(text);
  if (!match) return { ok: false, message: `Write a CIDR and ${targetHint}: 10.40.0.0/16 tgw-….` };
  const [, destination = '', target = ''] = match;
  return { ok: true, value: { destination, target } };
}

/**
 * The route table that routes a subnet, with its routes: each but the local one can be sent
 * elsewhere or removed, and one added (what-if), as `aws ec2 replace-route`, `delete-route` and
 * `create-route` would.
 */
export function RouteTableWhatIf({ table }: { table: RouteTable }) {
  const { edits } = useImpactState();
  // Where a pending replace-route sends the route: the line shows it beside the route it replaces.
  const sentTo = (destination: string) => {
    const pending = pendingOn(edits, vpcRouteTarget(table.id, destination))?.edit;
    return pending?.op === 'replace-route' ? pending.target : null;
  };
  const adding = edits.items.flatMap((item) =>
    item.edit.op === 'add-route' && item.edit.routeTableId === table.id
      ? [{ id: item.id, line: `${item.edit.destination} → ${item.edit.target}` }]
      : [],
  );
  return (
    <div className="link-list" data-testid="route-table">
      <h4>
        Route table {table.name} <code>{table.id}</code>
        {table.isMain && ' (the main table: routes every subnet associated with no other)'}
      </h4>
      <ul className="rule-list">
        {table.routes.map((route) => {
          const text = `the route ${route.destination} of ${table.id}`;
          return (
            <li key={route.destination}>
              <code>
                {route.destination} → {route.target}
              </code>
              {route.state !== 'active' && <span className="muted"> {route.state}</span>}
              {sentTo(route.destination) && <span className="muted"> now → {sentTo(route.destination)}</span>}
              {route.target !== 'local' && (
                <LineWhatIf
                  target={vpcRouteTarget(table.id, route.destination)}
                  text={text}
                  editLabel="Send elsewhere"
                  removal={{ op: 'remove-route', routeTableId: table.id, destination: route.destination }}
                  form={(apply, cancel) => (
                    <TextEditForm
                      label={`Send ${route.destination} to`}
                      initial=""
                      singleLine
                      read={readTarget}
                      submitLabel="Send"
                      onCancel={cancel}
                      onSubmit={(target) =>
                        apply({
                          op: 'replace-route',
                          routeTableId: table.id,
                          destination: route.destination,
                          target,
                        })
                      }
                    />
                  )}
                />
              )}
            </li>
          );
        })}
        <PendingAdditions lines={adding} to={table.id} />
      </ul>
      <AddLineWhatIf
        label={`Add a route to ${table.id} (what-if)`}
        field="Route"
        read={readRoute}
        submitLabel="Add route"
        edit={({ destination, target }) => ({ op: 'add-route', routeTableId: table.id, destination, target })}
      />
    </div>
  );
}

/**
 * Which table routes a subnet: another of its VPC's (what-if), or none, leaving it to the main one,
 * as `aws ec2 replace-route-table-association` and `disassociate-route-table` would.
 */
export function SubnetRouteTableWhatIf({
  subnetId,
  tables,
  associated,
}: {
  subnetId: string;
  /** The tables of the subnet's VPC. */
  tables: readonly RouteTable[];
  /** The table it is explicitly associated with; null when its VPC's main table routes it. */
  associated: string | null;
}) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const [choice, setChoice] = useState('');
  const pending = pendingOn(edits, routeTableAssociationTarget(subnetId));
  const main = 'main';
  const options = [
    ...(associated === null ? [] : [{ value: main, text: "its VPC's main table (no association)" }]),
    ...tables
      .filter((t) => t.id !== associated)
      .map((t) => ({ value: t.id, text: `${t.id}${t.isMain ? ' (main)' : ''}` })),
  ];
  const associate = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    store.addEdit({
      op: 'set-route-table-association',
      subnetId,
      routeTableId: choice === main ? null : choice,
    });
    setChoice('');
  };
  return (
    <form className="draft-form" onSubmit={associate}>
      <label className="draft-field draft-peer">
        <span>Route this subnet by</span>
        <select className="text-input" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a route table…</option>
          {options.map(({ value, text }) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <div className="draft-actions">
        <button type="submit" className="btn btn-small primary" disabled={!choice}>
          Associate (what-if)
        </button>
        {pending && (
          <PendingEdit
            kind="change"
            editId={pending.id}
            label={`Undo the what-if edit of the route table of ${subnetId}`}
          />
        )}
      </div>
    </form>
  );
}
