import type { IpProtocol } from '../domain/estate';
import { type IpAddress, parseIp } from '../domain/ip';
import type { AddressOwner, EstateIndex } from './estateIndex';
import { checkToInternet } from './flowsToInternet';
import { checkFromInternetTo } from './internetFlows';
import { combinedLayer, type FlowVerdict, flowVerdict, type LayerVerdict } from './verdict';

/**
 * A workload opening a connection to the public address of a workload of the snapshot (its public or
 * Elastic IP). The connection leaves as it would for any server on the internet, and the internet
 * gateway brings it back in to the owner from the address it left with (the client's own public
 * address, or its NAT gateway's): so the owner's groups and ACL see a public client, never the
 * client's private address or groups. See docs/semantics/aws.md, "Flows to a public address of the
 * snapshot".
 */
export function checkToPublicAddress(
  index: EstateIndex,
  source: string,
  destination: string,
  address: IpAddress,
  owner: AddressOwner,
  protocol: IpProtocol,
  port: number | null,
): FlowVerdict {
  const out = checkToInternet(index, source, destination, address, protocol, port);
  const { workload } = owner;
  const arrival = {
    ...out.verdict.destination,
    workloadId: workload.id,
    subnetId: workload.subnetId,
    vpcId: workload.vpcId,
  };
  const seenFrom = out.seenFrom === null ? null : parseIp(out.seenFrom);
  if (out.seenFrom === null || seenFrom === null) {
    const way = out.verdict.explanation.find((layer) => layer.layer === 'route')?.verdict;
    const explanation = out.verdict.explanation.map((layer) =>
      layer.layer === 'sg-ingress' ? notArrived(way, workload.id, arrival.address) : layer,
    );
    return flowVerdict(out.verdict.source, arrival, protocol, port, explanation);
  }
  // At the private address the public one translates to: the one its groups and ACL see.
  const back = checkFromInternetTo(index, out.seenFrom, seenFrom, owner, owner.text, protocol, port);
  const inward = `coming back in to ${workload.id} from ${out.seenFrom}`;
  const explanation = out.verdict.explanation.map((layer, at) =>
    combinedLayer(layer.layer, [
      [`on the way out to ${destination.trim()}`, layer],
      [inward, back.explanation[at] as LayerVerdict],
    ]),
  );
  return flowVerdict(out.verdict.source, arrival, protocol, port, explanation);
}

/**
 * Nothing arrives to be checked when the way out does not reach the internet; while the way out is
 * unknown, so is whether the owner's groups are asked, and the flow's verdict stays no more certain.
 */
function notArrived(way: LayerVerdict['verdict'] | undefined, owner: string, at: string): LayerVerdict {
  const verdict = way === 'deny' ? 'not-applicable' : 'unknown';
  const when =
    way === 'deny'
      ? 'the connection does not get out to the internet'
      : 'whether the connection gets out to the internet is not known';
  const reason = `${when}, from where it would come back in to ${owner} at ${at}`;
  return { layer: 'sg-ingress', verdict, reason, rules: [] };
}
