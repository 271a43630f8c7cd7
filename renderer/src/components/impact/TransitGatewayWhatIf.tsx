import type { Topology } from '../../../../preload/contract';
import type { ChangeEdit } from '../../state/impactEdits';
import {
  associationTarget,
  pendingOn,
  propagationTarget,
  referencingTarget,
  transitGatewayRouteTarget,
} from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { AddLineWhatIf, PendingAdditions } from './AddLineWhatIf';
import { LineWhatIf } from './LineWhatIf';
import { PendingEdit } from './PendingEdit';
import type { TextRead } from './textRead';

type Gateway = Topology['transitGateways'][number];
type RouteTable = Topology['transitGatewayRouteTables'][number];
type Setting = Pick<Gateway, 'securityGroupReferencing' | 'exported'>;

/**
 * The transit gateways a VPC is attached to, with security group referencing on each and on the
 * VPC's attachment: rules naming another VPC's group match across it only where both are on
 * (docs/semantics/aws.md). A what-if turns either on or off, as `aws ec2 modify-transit-gateway` would.
 */
export function TransitGatewayWhatIf({
  gateways,
  tables,
  vpcId,
}: {
  gateways: readonly Gateway[];
  tables: readonly RouteTable[];
  vpcId: string;
}) {
  const attached = gateways.filter((gateway) => gateway.attachments.some((a) => a.vpcId === vpcId));
  if (attached.length === 0) return null;
  return (
    <div className="link-list" data-testid="transit-gateways">
      <h4>Transit gateways</h4>
      <ul className="rule-list">
        {attached.flatMap((gateway) => [
          <li key={gateway.id}>
            <Referencing gatewayId={gateway.id} setting={gateway} name={gateway.id} />
          </li>,
          ...gateway.attachments
            .filter((attachment) => attachment.vpcId === vpcId)
            .map((attachment) => {
              const table = tables.find((one) => one.id === attachment.routeTableId);
              return (
                <li key={attachment.id}>
                  <Referencing
                    gatewayId={gateway.id}
                    attachmentId={attachment.id}
                    setting={attachment}
                    name={`${attachment.id}, this VPC's attachment`}
                  />
                  <TableLinks
                    attachmentId={attachment.id}
                    associated={attachment.routeTableId}
                    tables={tables.filter((table) => table.transitGatewayIds.includes(gateway.id))}
                  />
                  {table && <RoutesWhatIf table={table} routes="which routes what this VPC sends in" />}
                </li>
              );
            }),
        ])}
      </ul>
    </div>
  );
}

/**
 * A transit gateway on its own: its security group referencing, and the routes of each table its
 * attachments are associated with, each with the what-ifs a VPC's inspector offers.
 */
export function GatewayWhatIf({ gateway, tables }: { gateway: Gateway; tables: readonly RouteTable[] }) {
  const associated = tables.flatMap((table) => {
    const attachments = gateway.attachments.filter((a) => a.routeTableId === table.id).map((a) => a.id);
    return attachments.length > 0 ? [{ table, attachments }] : [];
  });
  return (
    <div className="link-list" data-testid="transit-gateway">
      <p>
        <Referencing gatewayId={gateway.id} setting={gateway} name={gateway.id} />
      </p>
      {associated.map(({ table, attachments }) => (
        <RoutesWhatIf
          key={table.id}
          table={table}
          routes={`which routes what ${attachments.join(', ')} send in`}
        />
      ))}
    </div>
  );
}

function Referencing({
  gatewayId,
  attachmentId,
  setting,
  name,
}: {
  gatewayId: string;
  attachmentId?: string;
  setting: Setting;
  name: string;
}) {
  const id = attachmentId ?? gatewayId;
  const state = !setting.exported
    ? `not in the export (${attachmentId ? 'describe-transit-gateway-vpc-attachments' : 'describe-transit-gateways'})`
    : setting.securityGroupReferencing === null
      ? 'not printed by the export'
      : setting.securityGroupReferencing
        ? 'enabled'
        : 'disabled';
  // What a migration from peerings asks: turn it on where it is not known to be.
  const enabled = setting.securityGroupReferencing !== true;
  const verb = enabled ? 'Enable' : 'Disable';
  return (
    <>
      <code>{name}</code>: security group referencing {state}
      {setting.exported && (
        <EditButton
          target={referencingTarget(id)}
          label={`${verb} security group referencing on ${id}`}
          button={verb}
          text={id}
          edit={{
            op: 'set-security-group-referencing',
            transitGatewayId: gatewayId,
            ...(attachmentId === undefined ? {} : { attachmentId }),
            enabled,
          }}
        />
      )}
    </>
  );
}

/** A what-if button, or the pending edit of its object with Undo. */
function EditButton({
  target,
  label,
  button,
  text,
  edit,
}: {
  target: string;
  label: string;
  button: string;
  text: string;
  edit: ChangeEdit;
}) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const pending = pendingOn(edits, target);
  return (
    <span className="line-whatif">
      {pending ? (
        <PendingEdit kind="change" editId={pending.id} label={`Undo the what-if edit of ${text}`} />
      ) : (
        <button
          type="button"
          className="btn btn-small"
          aria-label={`${label} (what-if)`}
          onClick={() => store.addEdit(edit)}
        >
          {button}
        </button>
      )}
    </span>
  );
}

/**
 * The table the attachment is associated with (which routes what it brings in) and the tables it
 * propagates its VPC's ranges to, each of which a what-if changes, as associating, disassociating
 * and enabling propagation would. Only the transit gateway's tables whose routes the export holds
 * are offered.
 */
function TableLinks({
  attachmentId,
  associated,
  tables,
}: {
  attachmentId: string;
  associated: string | null;
  tables: readonly RouteTable[];
}) {
  const propagates = (table: RouteTable) =>
    table.routes.some((route) => route.type === 'propagated' && route.attachmentIds.includes(attachmentId));
  const { edits } = useImpactState();
  const pending = pendingOn(edits, associationTarget(attachmentId));
  const others = tables.map((table) => table.id).filter((id) => id !== associated);
  return (
    <ul className="rule-list" data-testid="transit-gateway-links">
      <li>
        Associated with <code>{associated ?? 'no route table'}</code>
        {/* One edit at a time sets the association: while one is pending, its Undo alone shows. */}
        {(pending ? [null] : [...(associated === null ? [] : [null]), ...others]).map((routeTableId) => (
          <EditButton
            key={routeTableId ?? 'none'}
            target={associationTarget(attachmentId)}
            label={
              routeTableId === null
                ? `Disassociate ${attachmentId}`
                : `Associate ${attachmentId} with ${routeTableId}`
            }
            button={routeTableId === null ? 'Disassociate' : `Associate with ${routeTableId}`}
            text={`the association of ${attachmentId}`}
            edit={{ op: 'set-transit-gateway-association', attachmentId, routeTableId }}
          />
        ))}
      </li>
      {tables.map((table) => {
        const on = propagates(table);
        return (
          <li key={table.id}>
            {on ? 'Propagates to' : 'Does not propagate to'} <code>{table.id}</code>
            <EditButton
              target={propagationTarget(attachmentId, table.id)}
              label={`${on ? 'Stop propagating' : 'Propagate'} ${attachmentId} to ${table.id}`}
              button={on ? 'Stop propagating' : 'Propagate'}
              text={`the propagation of ${attachmentId} to ${table.id}`}
              edit={{
                op: 'set-transit-gateway-propagation',
                attachmentId,
                routeTableId: table.id,
                enabled: !on,
              }}
            />
          </li>
        );
      })}
    </ul>
  );
}

interface RouteDraft {
  readonly destination: string;
  readonly attachmentId: string | null;
}

/** `10.1.1.0/24 blackhole` or `10.40.0.0/16 tgw-attach-…` (an arrow between them is fine); the API checks the rest. */
function readRoute(text: string): TextRead<RouteDraft> {
  const match = /^\s*([0-9a-f:.]+\/\d{1,3})\s*(?:→|->)?\s*(blackhole|tgw-attach-[0-9a-z]+)\s*$/i.exec(text);
  if (!match)
    return {
      ok: false,
      message: 'Write a CIDR and where it goes: 10.1.1.0/24 blackhole, or 10.40.0.0/16 tgw-attach-….',
    };
  const [, destination = '', target = ''] = match;
  return {
    ok: true,
    value: { destination, attachmentId: target.toLowerCase() === 'blackhole' ? null : target },
  };
}

/**
 * The routes of the table that routes what this VPC sends into the transit gateway, in the order
 * searched: a static one can be removed and one added (what-if), as `aws ec2
 * create-transit-gateway-route` and `delete-transit-gateway-route` would. Propagated routes are shown,
 * not edited: propagation puts them there.
 */
function RoutesWhatIf({ table, routes }: { table: RouteTable; routes: string }) {
  const { edits } = useImpactState();
  const adding = edits.items.flatMap((item) =>
    item.edit.op === 'add-transit-gateway-route' && item.edit.routeTableId === table.id
      ? [
          {
            id: item.id,
            line: `${item.edit.destination} → ${item.edit.blackhole ? 'blackhole' : item.edit.attachmentId}`,
          },
        ]
      : [],
  );
  return (
    <div className="link-list" data-testid="transit-gateway-routes">
      <h4>
        Routes of <code>{table.id}</code>, {routes}
        {!table.complete && ' (the search stopped early: more routes than these)'}
      </h4>
      <ul className="rule-list">
        {table.routes.map((route) => (
          <li key={`${route.type} ${route.destination}`}>
            <code>
              {route.destination} → {route.state === 'active' ? route.attachmentIds.join(', ') : route.state}
            </code>{' '}
            <span className="muted">{route.type}</span>
            {route.type === 'static' && (
              <LineWhatIf
                target={transitGatewayRouteTarget(table.id, route.destination)}
                text={`the static route ${route.destination} of ${table.id}`}
                removal={{
                  op: 'remove-transit-gateway-route',
                  routeTableId: table.id,
                  destination: route.destination,
                }}
              />
            )}
          </li>
        ))}
        <PendingAdditions lines={adding} to={table.id} />
      </ul>
      <AddLineWhatIf
        label={`Add a static route to ${table.id} (what-if)`}
        field="Route"
        read={readRoute}
        submitLabel="Add route"
        edit={({ destination, attachmentId }) => ({
          op: 'add-transit-gateway-route',
          routeTableId: table.id,
          destination,
          ...(attachmentId === null ? { blackhole: true as const } : { attachmentId }),
        })}
      />
    </div>
  );
}
