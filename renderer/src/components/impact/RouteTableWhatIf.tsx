import type { Topology } from '../../../../preload/contract';
import { vpcRouteTarget } from '../../state/impactEdits';
import { useImpactState } from '../../state/useImpactState';
import { AddLineWhatIf, PendingAdditions } from './AddLineWhatIf';
import { LineWhatIf } from './LineWhatIf';
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
  const adding = edits.items.flatMap((item) =>
    item.edit.op === 'add-route' && item.edit.routeTableId === table.id
      ? [{ id: item.id, line: `${item.edit.destination} → ${item.edit.target}` }]
      : [],
  );
  return (
    <div className="link-list" data-testid="route-table">
      <h4>
        Route table <code>{table.id}</code>
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
