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
  const [sources, destinations] = [candidates(index, source), candidates(index, destination)];
  const from = decide(sources, destinations);
  const to = decide(destinations, sources);
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
  return flowEnd(decide(candidates(index, written), null), family);
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

/**
 * The ENI `check` takes an address for when the other end is in `vpcId`: for callers that need to
 * know it before checking. Undefined when no ENI or several hold it and the VPC does not tell which.
 */
export function holderBeside(index: EstateIndex, address: IpAddress, vpcId: string): Workload | undefined {
  return holderIn(index.holders(address), vpcId)?.workload;
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

/** What an end may be: an id names one ENI, an address one ENI in each VPC that holds it. */
function candidates(index: EstateIndex, written: string): readonly Located[] {
  const input = written.trim();
  if (input.startsWith('eni-')) {
    const workload = index.workload(input);
    if (workload !== undefined) return [{ input, workload, pinned: null }];
  } else if (input.startsWith('i-')) {
    const workload = index.primaryWorkloadOf(input);
    if (workload !== undefined) return [{ input, workload, pinned: null }];
    const attached = index.instanceInterfaces(input);
    // A partial export (describe-network-interfaces filtered by subnet) can hold an instance's
    // secondary ENIs without its primary one, which alone stands for the instance.
    if (attached.length > 0) {
      throw new EndpointError(
        `the primary ENI of ${input} (device index 0 on network card 0) is not in this snapshot, only ${attached.map(attachment).join(', ')}: import the instance's primary ENI, or name one of these ENIs`,
      );
    }
  } else {
    const address = parseIp(input);
    const holders = address === null ? [] : index.holders(address);
    if (address !== null && holders.length > 0) {
      return holders.map(({ workload, text }) => ({ input, workload, pinned: { address, text } }));
    }
  }
  throw new EndpointError(`no ENI, instance or private IP "${written}" in this snapshot`);
}

/**
 * The one ENI an end is, given what the other end may be (null: on the internet). An address
 * ENIs of several VPCs hold (VPCs of different accounts reuse ranges) is the one in the VPC of the
 * other end, when that end is one ENI: the local route keeps traffic to the VPC's own range inside
 * it. Anything else would be a guess, and is refused (docs/semantics/aws.md, "The flow").
 */
function decide(ends: readonly Located[], other: readonly Located[] | null): Located {
  const [near] = other?.length === 1 ? other : [];
  const chosen = holderIn(ends, near?.workload.vpcId);
  if (chosen !== undefined) return chosen;
  const there = ends.filter((end) => end.workload.vpcId === near?.workload.vpcId);
  const why =
    other === null
      ? 'the other end, on the internet, does not tell which'
      : near === undefined
        ? `the other end, ${other[0]?.input}, is an address several ENIs hold too`
        : `${there.length === 0 ? 'none of them is' : 'several of them are'} in ${near.workload.vpcId}, the VPC of the other end, ${named(near)}`;
  const holders = ends.map((end) => `${end.workload.id} in ${end.workload.vpcId}`).join(', ');
  throw new EndpointError(
    `${ends[0]?.input} is ambiguous: ${holders} hold it, and ${why}; name the ENI id instead of the address`,
  );
}

/** The only holder, else the only one in the VPC. */
function holderIn<T extends { readonly workload: Workload }>(
  holders: readonly T[],
  vpcId: string | undefined,
): T | undefined {
  const there = holders.length === 1 ? holders : holders.filter((held) => held.workload.vpcId === vpcId);
  return there.length === 1 ? there[0] : undefined;
}

const named = ({ input, workload }: Located) => (input === workload.id ? input : `${input} (${workload.id})`);

const attachment = ({ id, deviceIndex, networkCardIndex }: Workload) =>
  deviceIndex === null
    ? id
    : `${id} (device index ${deviceIndex}${networkCardIndex ? ` on network card ${networkCardIndex}` : ''})`;

function flowEnd(end: Located, family: IpFamily): FlowEnd {
  const { workload } = end;
  const text = end.pinned?.text ?? (family === 4 ? workload.privateIps[0] : workload.ipv6Addresses[0]);
  const address = text === undefined ? null : parseIp(text);
  if (text === undefined || address === null) {
    throw new EndpointError(`${named(end)} has no IPv${family} address, which the other end needs`);
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
