import type {
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTarget,
} from '../domain/estate';
import type { IpAddress } from '../domain/ip';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedTransitGatewayRoute } from './estateIndex';
import { listInEnglish, routeReference } from './explain';
import { longestMatch, rankedMatch } from './routeMatch';
import type { DecidingRule, LayerOutcome } from './verdict';

/** A subnet where a transit gateway has an interface of a VPC attachment. */
export interface AttachmentSubnet {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly attachmentId: string;
}

/**
 * Where a leg's traffic enters the transit gateway (the attachment subnet in the sender's zone) and
 * the subnets it may leave through into the other VPC; null when the route does not say.
 */
export interface TransitGatewayPath {
  readonly exit: AttachmentSubnet;
  readonly entries: readonly AttachmentSubnet[];
}

export interface TransitGatewayLeg {
  readonly verdict: LayerOutcome;
  /** What the transit gateway does with the traffic, as the end of a sentence. */
  readonly why: string;
  readonly rules: readonly DecidingRule[];
  readonly path: TransitGatewayPath | null;
}

function leg(
  verdict: LayerOutcome,
  why: string,
  rules: readonly DecidingRule[] = [],
  path: TransitGatewayPath | null = null,
): TransitGatewayLeg {
  return { verdict, why, rules, path };
}

/** `modifying` attachments keep carrying traffic while their options change. */
const carries = (attachment: TransitGatewayAttachment) =>
  attachment.state === 'available' || attachment.state === 'modifying';

const tgwHint = (command: string) => ` (run aws ec2 ${command} and import its output)`;

/**
 * Where traffic sent into a transit gateway is headed: an address, the VPC whose attachment the route
 * must lead to (null: any one VPC's, as centralized egress leads to its egress VPC), and what the
 * route table of the subnet it enters that VPC through must do with it.
 */
export interface TransitGatewayDestination {
  readonly address: IpAddress;
  readonly text: string;
  readonly vpcId: string | null;
  readonly deliver: (entry: AttachmentSubnet) => Delivery;
}

/**
 * Follows traffic a subnet's route table sends to a transit gateway toward another workload: in
 * through the source VPC's attachment, in the sender's Availability Zone; routed by the route table
 * that attachment is associated with, by longest prefix; out through the destination VPC's
 * attachment; delivered by the route table of the subnet it enters in. Each step that the export
 * does not show is `unknown`; each that drops the traffic is `deny`. docs/semantics/aws.md, "Transit
 * gateways", has the sources.
 */
export function crossTransitGateway(
  index: EstateIndex,
  from: FlowEnd,
  to: FlowEnd,
  transitGatewayId: string,
): TransitGatewayLeg {
  return intoTransitGateway(index, from, transitGatewayId, {
    address: to.address,
    text: to.resolved.address,
    vpcId: to.vpcId,
    deliver: (entry) => deliverLocally(index, entry, to.address),
  });
}

/** As crossTransitGateway, toward any destination: in, routed, out, and handed to `to.deliver`. */
export function intoTransitGateway(
  index: EstateIndex,
  from: FlowEnd,
  transitGatewayId: string,
  to: TransitGatewayDestination,
): TransitGatewayLeg {
  const address = to.text;
  const unknown = (why: string) => leg('unknown', why);
  const deny = (why: string) => leg('deny', why);
  if (!index.knowsTransitGateway(transitGatewayId)) {
    return unknown(
      `the attachments of ${transitGatewayId} are not in the export${tgwHint('describe-transit-gateway-attachments')}, so where it sends ${address} cannot be told`,
    );
  }
  const own = pick(index.vpcAttachments(from.vpcId, transitGatewayId));
  if (own === undefined) {
    return unknown(`no attachment of ${from.vpcId} to ${transitGatewayId} is in the export`);
  }
  if (!carries(own)) return deny(`${own.id}, the attachment of ${from.vpcId} to it, is ${own.state}`);
  if (own.vpc === undefined) {
    return unknown(
      `which subnets ${own.id} has is not in the export${tgwHint('describe-transit-gateway-vpc-attachments')}, and traffic reaches a transit gateway only in an Availability Zone where its attachment has one`,
    );
  }
  const zone = zoneOf(index, from.subnetId);
  if (zone === null) {
    return unknown(
      `the Availability Zone of ${from.subnetId} is not in the export, and traffic reaches a transit gateway only in a zone where its attachment ${own.id} has a subnet`,
    );
  }
  const { inZone, unplaced } = attachmentSubnets(index, own, zone);
  const [exit] = inZone;
  if (exit !== undefined) return follow(index, to, own, exit, zone);
  if (unplaced.length > 0) {
    return unknown(
      `${own.id} has no subnet in ${zone} that the export places there, and the zone of ${listInEnglish(unplaced)} is not in the export`,
    );
  }
  return deny(
    `${own.id}, the attachment of ${from.vpcId}, has no subnet in ${zone}, where ${from.subnetId} is, and resources in an Availability Zone without one cannot reach the transit gateway`,
  );
}

/** An attachment's subnets in one zone, and those whose zone the export does not give. */
function attachmentSubnets(
  index: EstateIndex,
  attachment: TransitGatewayAttachment,
  zone: string,
): { inZone: AttachmentSubnet[]; unplaced: string[] } {
  const inZone: AttachmentSubnet[] = [];
  const unplaced: string[] = [];
  for (const subnetId of attachment.vpc?.subnetIds ?? []) {
    const found = zoneOf(index, subnetId);
    if (found === null) unplaced.push(subnetId);
    else if (found === zone) inZone.push(placed(attachment, subnetId));
  }
  return { inZone, unplaced };
}

function follow(
  index: EstateIndex,
  to: TransitGatewayDestination,
  own: TransitGatewayAttachment,
  exit: AttachmentSubnet,
  zone: string,
): TransitGatewayLeg {
  const address = to.text;
  const into = `enters ${own.transitGatewayId} through ${own.id} in ${exit.subnetId}`;
  const result = (verdict: LayerOutcome, why: string, rules: readonly DecidingRule[] = []) =>
    leg(verdict, `it ${into}; ${why}`, rules);
  if (own.routeTableId === undefined) {
    return result(
      'unknown',
      `the route table ${own.id} is associated with is not in the export${tgwHint('describe-transit-gateway-attachments')}`,
    );
  }
  if (own.routeTableId === null) {
    return result(
      'deny',
      `${own.id} is associated with no route table of ${own.transitGatewayId}, and the associated table is what routes an attachment's traffic`,
    );
  }
  const found = index.transitGatewayRouteTable(own.routeTableId);
  if (found === undefined) {
    return result(
      'unknown',
      `the routes of ${own.routeTableId}, the table ${own.id} is associated with, are not in the export (aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id ${own.routeTableId} prints them; import its output saved as ${own.routeTableId}.json)`,
    );
  }
  const { table, routes } = found;
  const { best, doubtful } = bestTransitGatewayRoute(index, routes, to.address);
  const cite = (route: IndexedTransitGatewayRoute) => transitGatewayRouteReference(table.id, route.route);
  const unsure = doubtful.filter((route) => targetsOf(route) !== (best && targetsOf(best)));
  if (unsure.length > 0) {
    return result(
      'unknown',
      `${table.id} has routes to ${listInEnglish(unsure.map((route) => route.route.destination))}, whose entries are not in the export: one may be the most specific route for ${address}`,
      [...(best ? [best] : []), ...unsure].map(cite),
    );
  }
  if (!table.complete) {
    return result(
      'unknown',
      `the search of ${table.id}'s routes stopped before the end (AdditionalRoutesAvailable), so a route it did not print may be the most specific one for ${address}`,
      best ? [cite(best)] : [],
    );
  }
  if (best === undefined) return result('deny', `${table.id} has no route to ${address}`);
  const { route } = best;
  const by = `${table.id} routes ${address} by ${route.destination} (${route.type})`;
  if (route.state === 'blackhole')
    return result('deny', `${by} to a blackhole, so it is dropped`, [cite(best)]);
  const [first] = route.targets;
  const vpcId = to.vpcId ?? (first?.resourceType === 'vpc' ? first.resourceId : null);
  if (first === undefined || vpcId === null || !route.targets.every((target) => isVpcOf(target, vpcId))) {
    const where = listInEnglish(
      route.targets.map((target) => `${target.resourceType} ${target.resourceId} (${target.attachmentId})`),
    );
    const wanted = to.vpcId === null ? 'one VPC' : to.vpcId;
    return result(
      'unknown',
      `${by} to ${where || 'no attachment'}, not to ${wanted}: where it goes from there is not followed`,
      [cite(best)],
    );
  }
  return enter(index, to, vpcId, index.transitGatewayAttachment(first.attachmentId), zone, {
    into,
    by: `${by} to ${first.attachmentId}`,
    rules: [cite(best)],
    exit,
  });
}

/** The destination VPC's attachment, the subnets traffic may enter through, and their routes on to the address. */
function enter(
  index: EstateIndex,
  to: TransitGatewayDestination,
  vpcId: string,
  attachment: TransitGatewayAttachment | undefined,
  zone: string,
  so: { into: string; by: string; rules: readonly DecidingRule[]; exit: AttachmentSubnet },
): TransitGatewayLeg {
  const said = `it ${so.into}; ${so.by}`;
  const result = (verdict: LayerOutcome, why: string, rules: readonly DecidingRule[] = []) =>
    leg(verdict, `${said}; ${why}`, [...so.rules, ...rules]);
  if (attachment === undefined || attachment.vpc === undefined) {
    return result(
      'unknown',
      `which subnets the attachment of ${vpcId} has is not in the export${tgwHint('describe-transit-gateway-vpc-attachments')}, so where the traffic enters ${vpcId} cannot be told`,
    );
  }
  if (!carries(attachment)) return result('deny', `${attachment.id} is ${attachment.state}`);
  const all = attachment.vpc.subnetIds.map((subnetId) => placed(attachment, subnetId));
  // Without appliance mode the transit gateway keeps traffic in the zone it came from, when the
  // destination's attachment has a subnet there; otherwise, or with it, any of its subnets may take it.
  const sameZone = all.filter((subnet) => zoneOf(index, subnet.subnetId) === zone);
  const entries = !attachment.vpc.applianceMode && sameZone.length > 0 ? sameZone : all;
  if (entries.length === 0) return result('deny', `${attachment.id} has no subnet to enter ${vpcId} through`);
  const onward = entries.map((entry) => to.deliver(entry));
  const verdicts = new Set(onward.map((one) => one.verdict));
  const verdict: LayerOutcome = verdicts.size === 1 ? (onward[0] as Delivery).verdict : 'unknown';
  const rules = onward.flatMap((one) => one.rules);
  const reasons = listInEnglish(onward.map((one) => one.why));
  const entered = `it enters ${vpcId} through ${listInEnglish(entries.map((entry) => entry.subnetId))}${entries.length > 1 ? ' (any of them may take it)' : ''}: ${reasons}`;
  const path = verdict === 'deny' ? null : { exit: so.exit, entries };
  return leg(verdict, `${said}; ${entered}`, [...so.rules, ...rules], path);
}

/** What the route table of the subnet traffic enters a VPC through does with it. */
export interface Delivery {
  readonly verdict: LayerOutcome;
  readonly why: string;
  readonly rules: readonly DecidingRule[];
}

/** How the route table of the subnet traffic enters through sends it on to an address of its VPC. */
function deliverLocally(index: EstateIndex, entry: AttachmentSubnet, address: IpAddress): Delivery {
  const lookup = index.routeTableOf(entry.subnetId, entry.vpcId);
  if (lookup.kind === 'not-exported') {
    return { verdict: 'allow', why: `the local route every route table of ${entry.vpcId} has`, rules: [] };
  }
  if (lookup.kind === 'missing-main') {
    return {
      verdict: 'unknown',
      why: `the route table of ${entry.subnetId} (its VPC's main table) is not in the export`,
      rules: [],
    };
  }
  const { table, routes } = lookup;
  const { best, doubtful } = longestMatch(index, routes, address);
  if (doubtful.some((route) => route.route.targetId !== best?.route.targetId)) {
    return {
      verdict: 'unknown',
      why: `${table.id} of ${entry.subnetId} has routes to prefix lists whose entries are not in the export`,
      rules: doubtful.map((route) => routeReference(table, route)),
    };
  }
  if (best === undefined)
    return { verdict: 'deny', why: `${table.id} of ${entry.subnetId} has no route to it`, rules: [] };
  const rules = [routeReference(table, best)];
  if (best.route.state !== 'active') {
    return {
      verdict: 'deny',
      why: `${table.id} of ${entry.subnetId} sends it to a ${best.route.state} route`,
      rules,
    };
  }
  if (best.route.targetKind === 'local') {
    return {
      verdict: 'allow',
      why: `${table.id} of ${entry.subnetId} delivers it by the local route`,
      rules,
    };
  }
  return {
    verdict: 'unknown',
    why: `${table.id} of ${entry.subnetId} sends it on through ${best.route.targetId}, whose forwarding is not in the export`,
    rules,
  };
}

/**
 * Longest prefix first; at equal length the route evaluation order of the transit gateway guide:
 * static routes, then prefix-list references, then routes propagated from VPCs, Direct Connect
 * gateways, Connect attachments, VPNs and peerings, in that order. Routes in other states than active
 * and blackhole route nothing. A prefix list whose entries are not exported makes its route doubtful.
 */
export function bestTransitGatewayRoute(
  index: EstateIndex,
  routes: readonly IndexedTransitGatewayRoute[],
  address: IpAddress,
): { best: IndexedTransitGatewayRoute | undefined; doubtful: IndexedTransitGatewayRoute[] } {
  const routing = routes.filter(({ route }) => route.state === 'active' || route.state === 'blackhole');
  return rankedMatch(
    index,
    routing,
    address,
    ({ route, destination }, length) => length * 8 + priority(route, 'prefixListId' in destination),
  );
}

const propagatedOrder = ['peering', 'vpn', 'connect', 'direct-connect-gateway', 'vpc'];

function priority(route: TransitGatewayRoute, prefixList: boolean): number {
  if (route.type === 'static') return prefixList ? 6 : 7;
  return propagatedOrder.indexOf(route.targets[0]?.resourceType ?? '') + 1;
}

function transitGatewayRouteReference(tableId: string, route: TransitGatewayRoute): DecidingRule {
  return {
    kind: 'route',
    routeTableId: tableId,
    destination: route.destination,
    target: route.targets.map((target) => target.attachmentId).join(', ') || route.state,
    source: route.source,
  };
}

const targetsOf = ({ route }: IndexedTransitGatewayRoute) =>
  route.targets.map((target) => target.attachmentId).join() || route.state;

const isVpcOf = (target: TransitGatewayRouteTarget, vpcId: string) =>
  target.resourceType === 'vpc' && target.resourceId === vpcId;

/** One attachment per VPC and transit gateway; a carrying one first, should the export hold an old one too. */
function pick(attachments: readonly TransitGatewayAttachment[]): TransitGatewayAttachment | undefined {
  return attachments.find(carries) ?? attachments[0];
}

function zoneOf(index: EstateIndex, subnetId: string): string | null {
  return index.subnetZone(subnetId);
}

function placed(attachment: TransitGatewayAttachment, subnetId: string): AttachmentSubnet {
  return { subnetId, vpcId: attachment.resourceId, attachmentId: attachment.id };
}
