import type { Estate, Route, RouteTable } from '../domain/estate';
import { cidrKey, parseCidr } from '../domain/ip';
import { routeTargetKind } from '../domain/routeTargetKind';
import type { ChangeEdit } from './change';
import { findSubnet } from './findSubnet';
import { FieldError } from './ruleFields';

type RouteEdit = Extract<ChangeEdit, { op: 'add-route' | 'replace-route' | 'remove-route' }>;

/**
 * The route tables after one edit of a VPC route, refused where AWS would refuse it: a second route
 * to one destination (`RouteAlreadyExists`: replace it instead), a route that is not there, the
 * local route, and a peering the table's VPC is no side of. docs/change-format.md has the rules.
 */
export function editVpcRoute(estate: Estate, tables: readonly RouteTable[], edit: RouteEdit): RouteTable[] {
  const table = tables.find((one) => one.id === edit.routeTableId);
  if (table === undefined)
    throw new FieldError(
      'routeTableId',
      `no route table ${edit.routeTableId} in this snapshot: import its describe-route-tables output`,
    );
  const same = sameDestination(edit.destination);
  // CreateRoute, ReplaceRoute and DeleteRoute act on static routes; a propagated one stays beside them.
  const existing = table.routes.find((route) => !route.propagated && same(route.destination));
  const line = (route: Route) => `${route.destination} → ${route.targetId}`;
  if (existing?.targetKind === 'local')
    throw new FieldError(
      'destination',
      `${existing.destination} is ${table.vpcId}'s local route, which AWS keeps: it cannot be ${edit.op === 'add-route' ? 'added again' : edit.op === 'remove-route' ? 'removed' : 'sent elsewhere here'}`,
    );
  let routes: Route[];
  if (edit.op === 'remove-route') {
    if (existing === undefined)
      throw new FieldError('destination', `${edit.routeTableId} has no route to ${edit.destination}`);
    routes = table.routes.filter((route) => route !== existing);
  } else {
    if (edit.op === 'add-route' && existing !== undefined)
      throw new FieldError(
        'destination',
        `${edit.routeTableId} already has the route ${line(existing)}: use replace-route to send it elsewhere`,
      );
    if (edit.op === 'replace-route' && existing === undefined)
      throw new FieldError(
        'destination',
        `${edit.routeTableId} has no route to ${edit.destination} to replace: use add-route`,
      );
    const route: Route = {
      destination: existing?.destination ?? edit.destination,
      targetKind: checkTarget(estate, table, edit.target),
      targetId: edit.target,
      state: 'active',
    };
    if (existing !== undefined && existing.targetId === route.targetId && existing.state === 'active')
      throw new FieldError(
        'target',
        `${edit.routeTableId} already sends ${existing.destination} to ${edit.target}`,
      );
    routes = existing
      ? table.routes.map((one) => (one === existing ? route : one))
      : [...table.routes, route];
  }
  return tables.map((one) => (one === table ? { ...table, routes } : one));
}

/** A CIDR matches the same network however it is written (10.5.0.0/16, 10.5.0.1/16); a prefix list its id. */
function sameDestination(destination: string): (other: string) => boolean {
  if (/^pl-[0-9a-z]+$/.test(destination)) return (other) => other === destination;
  const cidr = parseCidr(destination);
  if (cidr === null)
    throw new FieldError('destination', `${destination} is neither a CIDR nor a prefix list id`);
  const key = cidrKey(cidr);
  return (other) => {
    const parsed = parseCidr(other);
    return parsed !== null && cidrKey(parsed) === key;
  };
}

/**
 * The kind of the target, checked where the snapshot can say: a peering must be one of the table's
 * VPC, a transit gateway one the exports know. Gateways and interfaces the exports do not list are
 * taken as named.
 */
function checkTarget(estate: Estate, table: RouteTable, target: string): Route['targetKind'] {
  const kind = routeTargetKind(target);
  if (kind === 'local') throw new FieldError('target', 'only AWS adds a local route');
  if (kind === 'vpc-peering') {
    const peering = estate.peeringConnections.find((one) => one.id === target);
    if (peering === undefined)
      throw new FieldError('target', `no peering connection ${target} in this snapshot`);
    if (peering.requesterVpcId !== table.vpcId && peering.accepterVpcId !== table.vpcId)
      throw new FieldError(
        'target',
        `${target} joins ${peering.requesterVpcId} and ${peering.accepterVpcId}, not ${table.vpcId}, the VPC of ${table.id}`,
      );
  }
  if (
    kind === 'transit-gateway' &&
    !estate.transitGateways.some((one) => one.id === target) &&
    !estate.transitGatewayAttachments.some((one) => one.transitGatewayId === target)
  )
    throw new FieldError('target', `no transit gateway ${target} in this snapshot`);
  return kind;
}

/**
 * The route tables after a subnet is associated with another table, or with none (its VPC's main
 * table then routes it). The table must be of the subnet's VPC, as AWS requires.
 */
export function setRouteTableAssociation(
  estate: Estate,
  tables: readonly RouteTable[],
  edit: Extract<ChangeEdit, { op: 'set-route-table-association' }>,
): RouteTable[] {
  const subnet = findSubnet(estate, edit.subnetId, 'subnetId');
  const current = tables.find((table) => table.subnetIds.includes(subnet.id));
  const next = edit.routeTableId === null ? undefined : tables.find((one) => one.id === edit.routeTableId);
  if (edit.routeTableId !== null && next === undefined)
    throw new FieldError(
      'routeTableId',
      `no route table ${edit.routeTableId} in this snapshot: import its describe-route-tables output`,
    );
  if (next !== undefined && next.vpcId !== subnet.vpcId)
    throw new FieldError(
      'routeTableId',
      `${next.id} is a table of ${next.vpcId}; ${subnet.id} is in ${subnet.vpcId}`,
    );
  if (current === next)
    throw new FieldError(
      'routeTableId',
      next === undefined
        ? `${subnet.id} is associated with no route table already (its VPC's main table routes it)`
        : `${subnet.id} is already associated with ${next.id}`,
    );
  return tables.map((table) =>
    table === current
      ? { ...table, subnetIds: table.subnetIds.filter((id) => id !== subnet.id) }
      : table === next
        ? { ...table, subnetIds: [...table.subnetIds, subnet.id] }
        : table,
  );
}
