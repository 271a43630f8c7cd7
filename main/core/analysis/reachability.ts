import type { Estate } from '../domain/estate';
import { PodFlows } from '../kubernetes/podFlows';
import { resolveEndpoints } from './endpoints';
import { FlowError } from './errors';
import { EstateIndex } from './estateIndex';
import { checkFromInternet, isInternetAddress } from './internetFlows';
import { parseIp } from './ip';
import { networkAclLayer, networkAclReplyLayer } from './networkAclLayer';
import { parseFlowPort, parseFlowProtocol } from './protocol';
import { routeLayer } from './routing';
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

  constructor(estate: Estate) {
    this.index = new EstateIndex(estate);
    this.pods = estate.kubernetes ? new PodFlows(estate.kubernetes) : null;
  }

  /**
   * A flow with a pod at either end is NetworkPolicy's to decide. A source that is an internet address
   * outside the snapshot is checked as a client on the internet.
   */
  check(flow: FlowQuery): FlowVerdict {
    const protocol = parseFlowProtocol(flow.protocol);
    const port = parseFlowPort(protocol, flow.port);
    const podVerdict = this.pods?.check(flow.source, flow.destination, { protocol, port });
    if (podVerdict) return podVerdict;
    const client = parseIp(flow.source.trim());
    if (client && isInternetAddress(client) && !this.index.ownerOf(client)) {
      return checkFromInternet(this.index, flow.source, flow.destination, protocol, port);
    }
    const [source, destination] = resolveEndpoints(this.index, flow.source, flow.destination);
    const family = source.address.family;
    if ((protocol === 'icmp' && family === 6) || (protocol === 'icmpv6' && family === 4)) {
      throw new FlowError(
        `${protocol} does not travel between IPv${family} addresses; use ${protocol === 'icmp' ? 'icmpv6' : 'icmp'}`,
      );
    }
    const index = this.index;
    const explanation = [
      routeLayer(index, source, destination),
      securityGroupLayer(index, source, 'egress', destination, protocol, port),
      networkAclLayer(index, source, destination, true, protocol, port),
      networkAclLayer(index, source, destination, false, protocol, port),
      securityGroupLayer(index, destination, 'ingress', source, protocol, port),
      networkAclReplyLayer(index, source, destination, protocol),
    ];
    return flowVerdict(source.resolved, destination.resolved, protocol, port, explanation);
  }
}
