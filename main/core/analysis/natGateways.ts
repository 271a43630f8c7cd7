import type { IpProtocol } from '../domain/estate';
import { publicAccessBlock, wayUnderBlock } from './blockPublicAccess';
import { type FlowEnd, resolveEndpoint } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { routeReference } from './explain';
import { describeTraffic } from './protocol';
import { routeOut } from './routing';
import type { LayerVerdict } from './verdict';
import { repliesIn, stoppedAt, type ToServer, type WayOut } from './wayOut';

/** "A NAT gateway supports the following protocols: TCP, UDP, and ICMP" (NAT gateway basics). */
const natProtocols: ReadonlySet<IpProtocol> = new Set(['tcp', 'udp', 'icmp']);

/**
 * A public NAT gateway sends the connection on from its own address; its subnet's table must route
 * the server to an internet gateway. A private NAT gateway (no public address) never reaches the
 * internet.
 */
export function throughNatGateway(index: EstateIndex, natId: string, so: ToServer, client: FlowEnd): WayOut {
  const { protocol, server, serverText, via, rules } = so;
  const layer = 'route';
  if (!natProtocols.has(protocol)) {
    const reason = `${via}, a NAT gateway, which carries TCP, UDP and ICMP only, not ${describeTraffic(protocol, null)}`;
    return stoppedAt({ layer, verdict: 'deny', reason, rules });
  }
  const eni = index.natGatewayInterface(natId);
  if (eni === undefined || eni.privateIps.length === 0) {
    const reason = `${via}, a NAT gateway whose interface ("Interface for NAT Gateway ${natId}" in describe-network-interfaces) is not in the export, so its own way to the internet cannot be checked`;
    return stoppedAt({ layer, verdict: 'unknown', reason, rules });
  }
  const nat = resolveEndpoint(index, eni.id, 4);
  const gateway = `${via}, a NAT gateway in ${nat.subnetId}`;
  if (!eni.publicIp) {
    const reason = `${gateway}, a private NAT gateway (its interface ${eni.id} has no public address): it reaches other networks, never the internet`;
    return stoppedAt({ layer, verdict: 'deny', reason, rules }, nat);
  }
  const onward = routeOut(index, nat, server, serverText);
  if (onward.kind === 'none') {
    const reason = `${gateway}; ${onward.reason}`;
    const route: LayerVerdict = {
      layer,
      verdict: onward.verdict,
      reason,
      rules: [...rules, ...onward.rules],
    };
    return stoppedAt(route, nat);
  }
  const hop = onward.route.route;
  const both = [...rules, routeReference(onward.table, onward.route)];
  const onwardVia = `${onward.name} routes it by ${hop.destination} via ${hop.targetId}`;
  if (hop.state === 'active' && hop.targetKind === 'internet-gateway') {
    const reason = `${gateway}, whose ${onwardVia}, an internet gateway; the server sees the NAT gateway's address ${eni.publicIp}`;
    const way: WayOut = {
      route: { layer, verdict: 'allow', reason, rules: both },
      nat,
      seenFrom: eni.publicIp,
      transit: null,
    };
    return wayUnderBlock(
      repliesIn(index, nat, hop.targetId, way),
      publicAccessBlock(index, nat, 'out-only', client),
    );
  }
  const known =
    hop.state !== 'active' ||
    ['local', 'nat-gateway', 'egress-only-internet-gateway', 'vpc-peering'].includes(hop.targetKind);
  const reason = known
    ? `${gateway}, but ${onwardVia}: not an active internet gateway`
    : `${gateway}, whose ${onwardVia}: where that forwards it is not in the export`;
  return stoppedAt({ layer, verdict: known ? 'deny' : 'unknown', reason, rules: both }, nat);
}
