import type { Workload } from '../domain/estate';
import { type IpAddress, type IpFamily, parseIp } from '../domain/ip';
import { EndpointError } from './errors';
import type { EstateIndex } from './estateIndex';
import type { ResolvedEndpoint } from './verdict';

/**
 * One end of a flow as the layers see it: an address, where it sits and the groups it carries.
 * Kept apart from the Workload so that an address outside the snapshot (an internet client or server)
 * is an end like any other: it carries no groups, and the layers need no case of their own for it.
 */
export interface FlowEnd {
  readonly resolved: ResolvedEndpoint;
  readonly address: IpAddress;
  readonly subnetId: string;
  readonly vpcId: string;
  /** Complete for exported ENIs: describe-network-interfaces lists every group of every ENI. */
  readonly groupIds: ReadonlySet<string>;
  /** An internet client: no subnet, no network ACL, no security group of its own. */
  readonly outside: boolean;
}

interface Located {
  readonly input: string;
  readonly workload: Workload;
  /** Set when the query named an address: the flow then uses exactly that address. */
  readonly pinned: { readonly address: IpAddress; readonly text: string } | null;
}

/**
 * Both ends at once because they must share an address family: an address given for one end decides
 * it, otherwise IPv4 (the ENIs' primary private addresses), or IPv6 when an end has no IPv4 at all.
 */
export function resolveEndpoints(
  index: EstateIndex,
  source: string,
  destination: string,
): [FlowEnd, FlowEnd] {
  const from = locate(index, source);
  const to = locate(index, destination);
  if (from.workload.id === to.workload.id) {
    const { id } = from.workload;
    const ends =
      from.input === to.input
        ? `${id} is both the source and the destination`
        : `${from.input} and ${to.input} are both ${id}`;
    // The operating system delivers traffic to its own addresses itself; the ENI never sees it.
    throw new EndpointError(
      `${ends}: traffic to a workload's own address never leaves it, so no route, security group or network ACL applies`,
    );
  }
  const fromFamily = from.pinned?.address.family;
  const toFamily = to.pinned?.address.family;
  if (fromFamily !== undefined && toFamily !== undefined && fromFamily !== toFamily) {
    throw new EndpointError(
      `source ${source} is IPv${fromFamily} and destination ${destination} is IPv${toFamily}: a flow has one address family`,
    );
  }
  const hasIpv4 = (end: Located) => end.workload.privateIps.length > 0;
  const family = fromFamily ?? toFamily ?? (hasIpv4(from) && hasIpv4(to) ? 4 : 6);
  return [flowEnd(from, family), flowEnd(to, family)];
}

/** One end named on its own, in a family the caller chose (the other end is outside the snapshot). */
export function resolveEndpoint(index: EstateIndex, written: string, family: IpFamily): FlowEnd {
  return flowEnd(locate(index, written), family);
}

/**
 * A workload at one of its own addresses, the query having written `input`: for an address found by
 * its owner (a public address's private one), never looked up again by text, which VPCs that reuse
 * their ranges share.
 */
export function endpointAt(workload: Workload, text: string, input: string): FlowEnd {
  const address = parseIp(text);
  if (address === null) throw new EndpointError(`${workload.id} holds "${text}", which is no address`);
  return flowEnd({ input, workload, pinned: { address, text } }, address.family);
}

/** An end on the internet: its address, and no subnet, network ACL or security group of ours. */
export function internetEnd(written: string, address: IpAddress): FlowEnd {
  return {
    resolved: { input: written, workloadId: '', address: written.trim(), subnetId: '', vpcId: '' },
    address,
    subnetId: '',
    vpcId: '',
    groupIds: new Set(),
    outside: true,
  };
}

function locate(index: EstateIndex, written: string): Located {
  const input = written.trim();
  if (input.startsWith('eni-')) {
    const workload = index.workload(input);
    if (workload !== undefined) return { input, workload, pinned: null };
  } else if (input.startsWith('i-')) {
    const workload = index.primaryWorkloadOf(input);
    if (workload !== undefined) return { input, workload, pinned: null };
  } else {
    const address = parseIp(input);
    const owner = address && index.ownerOf(address);
    if (address !== null && owner)
      return { input, workload: owner.workload, pinned: { address, text: owner.text } };
  }
  throw new EndpointError(`no ENI, instance or private IP "${written}" in this snapshot`);
}

function flowEnd(end: Located, family: IpFamily): FlowEnd {
  const { workload } = end;
  const text = end.pinned?.text ?? (family === 4 ? workload.privateIps[0] : workload.ipv6Addresses[0]);
  const address = text === undefined ? null : parseIp(text);
  if (text === undefined || address === null) {
    throw new EndpointError(
      `${end.input === workload.id ? workload.id : `${end.input} (${workload.id})`} has no IPv${family} address, which the other end needs`,
    );
  }
  return {
    resolved: {
      input: end.input,
      workloadId: workload.id,
      address: text,
      subnetId: workload.subnetId,
      vpcId: workload.vpcId,
    },
    address,
    subnetId: workload.subnetId,
    vpcId: workload.vpcId,
    groupIds: new Set(workload.groupIds),
    outside: false,
  };
}
