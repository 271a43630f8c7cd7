import type { Estate, RuleDirection } from '../domain/estate';
import {
  type Cidr,
  formatIp,
  type IpAddress,
  type IpFamily,
  parseInternetAddress,
  parseIp,
} from '../domain/ip';
import { PodFlows } from '../kubernetes/podFlows';
import { aclLayers } from './aclCrossings';
import { type FlowEnd, resolveEndpoints } from './endpoints';
import { EndpointError, FlowError } from './errors';
import { type AddressOwner, EstateIndex } from './estateIndex';
import { checkToInternet } from './flowsToInternet';
import { referenceReach } from './groupReferences';
import { checkFromInternet, checkFromInternetTo } from './internetFlows';
import { checkRange, rangeCuts } from './internetRanges';
import { parseFlowPort, parseFlowProtocol } from './protocol';
import { checkToPublicAddress } from './publicAddressFlows';
import { routeFlow, routeOut } from './routing';
import { securityGroupLayer } from './securityGroupLayer';
import { type FlowQuery, type FlowVerdict, flowVerdict } from './verdict';

export type {
  DecidingRule,
  FlowQuery,
  FlowVerdict,
  LayerVerdict,
  ResolvedEndpoint,
  Verdict,
} from './verdict';

/**
 * Can A reach B with protocol P on port N, and which rules decide it. Builds the index once; each
 * check then looks only at the objects on the flow's path.
 */
export class ReachabilityEngine {
  readonly index: EstateIndex;
  private readonly pods: PodFlows | null;
  /** For CIDR endpoints, computed when the first is checked. */
  private cuts: Cidr[] | null = null;
  private readonly rangeCuts = (): readonly Cidr[] => {
    this.cuts ??= rangeCuts(this.estate);
    return this.cuts;
  };

  constructor(private readonly estate: Estate) {
    this.index = new EstateIndex(estate);
    this.pods = estate.kubernetes ? new PodFlows(estate.kubernetes) : null;
  }

  /**
   * A flow with a pod at either end is NetworkPolicy's to decide. An internet address outside the
   * snapshot at one end is a client or a server on the internet.
   */
  check(flow: FlowQuery): FlowVerdict {
    const ranged = checkRange(flow, this.rangeCuts, this.index, (one) => this.check(one));
    if (ranged !== null) return ranged;
    const protocol = parseFlowProtocol(flow.protocol);
    const port = parseFlowPort(protocol, flow.port);
    const podVerdict = this.pods?.check(flow.source, flow.destination, { protocol, port });
    if (podVerdict) return podVerdict;
    const client = this.internetAddress(flow.source);
    const server = this.internetAddress(flow.destination);
    if (client && server) {
      const sender = this.index.publicOwnerOf(client);
      if (sender !== undefined) {
        // The private address names the sender only where no ENI of another VPC holds it too.
        const privateAddress = parseIp(sender.text);
        const unique = privateAddress !== null && this.index.holders(privateAddress).length === 1;
        throw new EndpointError(
          `${flow.source} is the public address of ${sender.workload.id}, which connects from its private address ${sender.text} (the internet gateway translates it): name ${unique ? sender.text : sender.workload.id} as the source`,
        );
      }
      const owner = this.index.publicOwnerOf(server);
      if (owner === undefined) {
        throw new EndpointError(
          `${flow.source} and ${flow.destination} are both internet addresses: one end must be in the snapshot`,
        );
      }
      // The internet gateway translates the public address to the private one it is associated with.
      requireFamily(protocol, client.family);
      const verdict = checkFromInternetTo(
        this.index,
        flow.source,
        client,
        owner,
        flow.destination,
        protocol,
        port,
      );
      return { ...verdict, destination: { ...verdict.destination, address: formatIp(server) } };
    }
    if (client) {
      requireFamily(protocol, client.family);
      return checkFromInternet(this.index, flow.source, client, flow.destination, protocol, port);
    }
    if (server) {
      requireFamily(protocol, server.family);
      const owner = this.index.publicOwnerOf(server);
      return owner === undefined
        ? checkToInternet(this.index, flow.source, flow.destination, server, protocol, port).verdict
        : checkToPublicAddress(this.index, flow.source, flow.destination, server, owner, protocol, port);
    }
    const [source, destination] = this.endpoints(flow);
    requireFamily(protocol, source.address.family);
    const index = this.index;
    const owner = this.overTheInternet(source, destination);
    if (owner !== null) {
      const text = destination.resolved.address;
      const verdict = checkToPublicAddress(
        index,
        flow.source,
        text,
        destination.address,
        owner,
        protocol,
        port,
      );
      return { ...verdict, destination: { ...verdict.destination, input: destination.resolved.input } };
    }
    const routed = routeFlow(index, source, destination);
    const [outbound, inbound, reply] = aclLayers(index, source, destination, routed, protocol, port);
    const across = (direction: RuleDirection) =>
      referenceReach(index, source.vpcId, destination.vpcId, routed.request, direction);
    const explanation = [
      routed.layer,
      securityGroupLayer(
        index,
        source,
        'egress',
        { ...destination, references: across('egress') },
        protocol,
        port,
      ),
      outbound,
      inbound,
      securityGroupLayer(
        index,
        destination,
        'ingress',
        { ...source, references: across('ingress') },
        protocol,
        port,
      ),
      reply,
    ];
    return flowVerdict(source.resolved, destination.resolved, protocol, port, explanation);
  }

  /**
   * Both ends in the snapshot. A node's address that no ENI holds gets its own words: the cluster
   * export names the node, but between nodes only the cloud network's layers decide.
   */
  private endpoints(flow: FlowQuery): [FlowEnd, FlowEnd] {
    try {
      return resolveEndpoints(this.index, flow.source, flow.destination);
    } catch (error) {
      const pods = this.pods;
      if (!(error instanceof EndpointError) || pods === null) throw error;
      const nodes = [flow.source, flow.destination].flatMap((written) => {
        const node = pods.nodeNamed(written);
        return node === null ? [] : [`${written.trim()} is the address of ${node}`];
      });
      if (nodes.length === 0) throw error;
      throw new EndpointError(
        `${error.message}: ${nodes.join(' and ')}, and with no pod at either end the security groups, network ACLs and routes decide; import the AWS export of the nodes' VPC`,
      );
    }
  }

  /**
   * Whether a workload's connection to an internet address gets out to the internet, as to any server
   * there: what `check` asks of an address no workload of the snapshot holds, asked of any. Internet
   * addresses that stand for a whole stretch of the internet are asked this, whoever holds the one tried.
   */
  checkOut(flow: FlowQuery): FlowVerdict {
    const protocol = parseFlowProtocol(flow.protocol);
    const port = parseFlowPort(protocol, flow.port);
    const server = this.internetAddress(flow.destination);
    if (server === null) throw new EndpointError(`${flow.destination} is not an address on the internet`);
    requireFamily(protocol, server.family);
    return checkToInternet(this.index, flow.source, flow.destination, server, protocol, port).verdict;
  }

  /**
   * IPv6 addresses are global: a workload whose subnet sends another VPC's IPv6 address to an internet
   * or egress-only gateway reaches it over the internet, as it would a public IPv4 address. The owner,
   * then; null for a flow that stays on private ways.
   */
  private overTheInternet(source: FlowEnd, destination: FlowEnd): AddressOwner | null {
    const { address } = destination;
    // A range marked private never crosses the internet: the private ways decide.
    if (source.vpcId === destination.vpcId || !this.index.isGlobalIpv6(address)) return null;
    const way = routeOut(this.index, source, address, destination.resolved.address);
    if (way.kind === 'none' || way.route.route.state !== 'active') return null;
    const { targetKind } = way.route.route;
    if (targetKind !== 'internet-gateway' && targetKind !== 'egress-only-internet-gateway') return null;
    const workload = this.index.workload(destination.resolved.workloadId);
    return workload === undefined ? null : { workload, text: destination.resolved.address };
  }

  /**
   * `check`, or null when the query names nothing the snapshot can place or no valid flow: for callers
   * that check what data they were given, where such a query is no verdict rather than an error.
   */
  checkIfPlaced(flow: FlowQuery): FlowVerdict | null {
    try {
      return this.check(flow);
    } catch (error) {
      if (error instanceof EndpointError || error instanceof FlowError) return null;
      throw error;
    }
  }

  /** An address on the internet that no ENI of the snapshot has; null for anything else. */
  private internetAddress(written: string): IpAddress | null {
    const address = parseInternetAddress(written.trim());
    return address && this.index.holders(address).length === 0 ? address : null;
  }
}

function requireFamily(protocol: string, family: IpFamily): void {
  if ((protocol === 'icmp' && family === 6) || (protocol === 'icmpv6' && family === 4)) {
    throw new FlowError(
      `${protocol} does not travel between IPv${family} addresses; use ${protocol === 'icmp' ? 'icmpv6' : 'icmp'}`,
    );
  }
}
