import { EndpointError, FlowError } from '../analysis/errors';
import { SCTP } from '../analysis/protocol';
import { type FlowVerdict, flowVerdict, type LayerVerdict, type ResolvedEndpoint } from '../analysis/verdict';
import { type IpAddress, type IpFamily, parseIp } from '../domain/ip';
import {
  type Controller,
  type ControllerKind,
  type KubernetesEstate,
  type KubeService,
  type Pod,
  podWorkloadId,
  type ServicePort,
} from '../domain/kubernetes';
import { type FlowPeer, NetworkPolicies, podPeer, type Traffic } from './networkPolicy';
import { flowProtocolOf } from './protocol';
import { selectorMatches } from './selector';
import { backendsOf, idlePods, servingPod, targetPortOn } from './serviceBackends';

/** What `subnetId` and `vpcId` of a pod's ResolvedEndpoint hold: its namespace, and this. */
export const clusterScope = 'kubernetes';

type End = FlowPeer & {
  readonly input: string;
  /** Set when the query named a Service: the flow's port is then a port of the Service. */
  readonly service?: KubeService;
  /** True when the query gave this end's address: the other end then uses one of the same family. */
  readonly pinned: boolean;
};

/**
 * Flows with a pod at one end or both, decided by NetworkPolicy alone: the source pod's egress and
 * the destination pod's ingress. Whatever lies between (nodes, security groups, the cloud network)
 * is not part of this verdict; docs/semantics/kubernetes.md says what is out of scope.
 */
export class PodFlows {
  private readonly policies: NetworkPolicies;

  constructor(private readonly estate: KubernetesEstate) {
    this.policies = new NetworkPolicies(estate);
  }

  /** `node node-a` (or `a node`) when the written address is a node's, else null. */
  nodeNamed(written: string): string | null {
    if (parseIp(written.trim()) === null) return null;
    const end = this.podEnd(written, null);
    if (end?.kind !== 'node') return null;
    return end.node === null ? 'a node' : `node ${end.node}`;
  }

  /** The verdict, or null when neither end names a pod (the flow is for the cloud network's layers). */
  check(source: string, destination: string, asked: Traffic): FlowVerdict | null {
    const from = this.podEnd(source, null);
    const to = this.podEnd(destination, asked);
    // Between two nodes, or a node and an address, no pod is involved: the cloud network decides.
    if (from?.kind !== 'pod' && to?.kind !== 'pod') return null;
    if (asked.protocol === SCTP && asked.port === null)
      throw new FlowError(
        'an sctp flow to or from a pod needs a destination port: NetworkPolicies and Services filter SCTP by port',
      );
    const ends = [from ?? addressEnd(source, to), to ?? addressEnd(destination, from)];
    const family = ends.find((end) => end.pinned)?.address?.family;
    const [src, dst] = ends.map((end) => (family === undefined ? end : inFamily(end, family))) as [End, End];
    const traffic = dst.service && dst.kind === 'pod' ? throughService(dst.service, dst.pod, asked) : asked;
    if (src.kind === 'pod' && dst.kind === 'pod' && src.pod === dst.pod) {
      throw new FlowError(
        `${source} and ${destination} are the same pod: traffic within a pod is out of scope`,
      );
    }
    const explanation: LayerVerdict[] = [
      src.kind === 'pod'
        ? this.policies.decide(src.pod, 'egress', dst, traffic)
        : outside('k8s-egress', `the source ${notPod(src)}, so no NetworkPolicy restricts its egress`),
      dst.kind === 'pod'
        ? this.policies.decide(dst.pod, 'ingress', src, traffic)
        : outside('k8s-ingress', `the destination ${notPod(dst)}, so no NetworkPolicy restricts its ingress`),
    ];
    return flowVerdict(resolved(src), resolved(dst), traffic.protocol, traffic.port, explanation);
  }

  /**
   * `namespace/name` (a pod, a controller or a Service), the same with kubectl's kind in front
   * (`service/shop/web`), a pod IP, or a Service's cluster IP. `asked` is the traffic when this is
   * the destination, whose port may be a Service port.
   */
  private podEnd(written: string, asked: Traffic | null): End | null {
    const input = written.trim();
    const parts = input.split('/');
    if (parts.length === 1) {
      const address = parseIp(input);
      if (address === null) return null;
      const pod = this.estate.pods.find(
        (p) => !p.hostNetwork && p.ips.some((ip) => sameAddress(ip, address)),
      );
      if (pod) return { kind: 'pod', pod, address, input, pinned: true };
      // A host-network pod's IP is its node's: the address names the node, whichever pod sent from it.
      const onNode = this.estate.pods.find((p) =>
        [...p.hostIps, ...(p.hostNetwork ? p.ips : [])].some((ip) => sameAddress(ip, address)),
      );
      if (onNode) return { kind: 'node', node: onNode.nodeName, address, text: input, input, pinned: true };
      // kube-proxy translates a cluster IP to a pod before policies see the packet.
      const service = this.estate.services.find((s) => s.clusterIps.some((ip) => sameAddress(ip, address)));
      return service ? this.serviceEnd(service, input) : null;
    }
    if (parts.length > 3) {
      throw new EndpointError(`"${input}" is no endpoint: write namespace/name or kind/namespace/name`);
    }
    const [writtenKind, namespace, name] = (parts.length === 3 ? parts : [null, ...parts]) as [
      string | null,
      string,
      string,
    ];
    // kubectl prints `deployment.apps/web` and takes `deployments.v1.apps`: the group does not matter here.
    const kind =
      writtenKind === null ? null : endpointKinds.get(writtenKind.toLowerCase().split('.')[0] ?? '');
    if (kind === undefined) {
      throw new EndpointError(
        `"${input}": ${writtenKind} is no kind an endpoint names (${[...endpointKinds.keys()].join(', ')})`,
      );
    }
    const named = (object: { namespace: string; name: string }) =>
      object.namespace === namespace && object.name === name;
    const pod = kind === null || kind === 'Pod' ? this.estate.pods.find(named) : undefined;
    const controller =
      kind === 'Pod' || kind === 'Service'
        ? undefined
        : this.estate.controllers.find((c) => named(c) && (kind === null || c.kind === kind));
    const service = kind === null || kind === 'Service' ? this.estate.services.find(named) : undefined;
    const pods = controller && controllerPods(this.estate, controller);
    const workload = pod ?? (pods && servingPod(pods));
    if (workload === undefined) {
      if (service !== undefined) return this.serviceEnd(service, input);
      if (controller !== undefined && pods !== undefined && pods.length > 0) {
        throw new EndpointError(
          `${controller.kind} ${namespace}/${name} (${input}) has no pod in this snapshot that can take traffic: ${idlePods(pods)}`,
        );
      }
      if (controller !== undefined) {
        throw new EndpointError(
          `${controller.kind} ${namespace}/${name} (${input}) has no pod in this snapshot: it is scaled to zero${controller.ownedBy === null ? '' : `, or its owner ${controller.ownedBy} stands for its pods`}`,
        );
      }
      const what = kind ?? 'pod, Deployment, StatefulSet, DaemonSet, ReplicaSet or Service';
      throw new EndpointError(`no ${what} "${input}" in this snapshot`);
    }
    const end: End = { ...podPeer(workload), input, pinned: false };
    if (service === undefined) return end;
    return this.eitherEnd(end, workload, pod ? 'Pod' : (controller as Controller).kind, service, asked);
  }

  /**
   * A name both a workload and a Service bear (a Deployment and its Service usually share one): the
   * destination port tells which is meant. A port only the Service has is a Service port; one only
   * the pods have, or neither, is a pod port; one both have means the same either way when the
   * Service forwards it to itself, and is refused as ambiguous otherwise.
   */
  private eitherEnd(
    end: End,
    workload: Pod,
    kind: 'Pod' | ControllerKind,
    service: KubeService,
    asked: Traffic | null,
  ): End {
    const servicePort = asked === null ? undefined : servicePortOf(service, asked);
    if (asked === null || servicePort === undefined) return end;
    const throughIt = this.serviceEnd(service, end.input);
    const target = throughIt.kind === 'pod' ? targetPortOn(servicePort, throughIt.pod) : null;
    const onPods = workload.ports.some(
      (p) => p.port === asked.port && flowProtocolOf(p.protocol) === asked.protocol,
    );
    if (!onPods || target === asked.port) return throughIt;
    const where = `${service.namespace}/${service.name}`;
    throw new EndpointError(
      `${end.input} names both ${kind} ${where} and Service ${where}, and ${protocolName(asked)}/${asked.port} is a port of both (the Service forwards it to ${target ?? servicePort.targetPort}): write service/${where} for the Service port or ${kind.toLowerCase()}/${where} for the pod port`,
    );
  }

  private serviceEnd(service: KubeService, input: string): End {
    const backends = backendsOf(service, this.estate.pods);
    const backend = servingPod(backends);
    if (backend === undefined) {
      const where = `service ${service.namespace}/${service.name} (${input})`;
      throw new EndpointError(
        backends.length === 0
          ? `${where} selects no pod in this snapshot`
          : `${where} selects no pod in this snapshot that can take traffic: ${idlePods(backends)}`,
      );
    }
    return { ...podPeer(backend), input, service, pinned: false };
  }
}

/**
 * kubectl's names for the kinds an endpoint may name, singular, plural and short ("Resource types are
 * case-insensitive and you can specify the singular, plural, or abbreviated forms", kubectl reference).
 */
const endpointKinds: ReadonlyMap<string, 'Pod' | 'Service' | ControllerKind> = new Map([
  ['pod', 'Pod'],
  ['pods', 'Pod'],
  ['po', 'Pod'],
  ['service', 'Service'],
  ['services', 'Service'],
  ['svc', 'Service'],
  ['deployment', 'Deployment'],
  ['deployments', 'Deployment'],
  ['deploy', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['statefulsets', 'StatefulSet'],
  ['sts', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['daemonsets', 'DaemonSet'],
  ['ds', 'DaemonSet'],
  ['replicaset', 'ReplicaSet'],
  ['replicasets', 'ReplicaSet'],
  ['rs', 'ReplicaSet'],
]);

/** A controller's pods: those standing for its template, or the listed pods its selector matches. */
export function controllerPods(estate: KubernetesEstate, controller: Controller): Pod[] {
  return estate.pods.filter(
    (pod) =>
      pod.namespace === controller.namespace &&
      ((pod.templateOf?.kind === controller.kind && pod.templateOf.name === controller.name) ||
        (pod.templateOf === null && selectorMatches(controller.selector, pod.labels))),
  );
}

/** Traffic to a Service port reaches the pod on the port it forwards to: that is the port policies see. */
function throughService(service: KubeService, pod: Pod, traffic: Traffic): Traffic {
  const servicePort = servicePortOf(service, traffic);
  const where = `service ${service.namespace}/${service.name}`;
  if (servicePort === undefined)
    throw new FlowError(`${where} has no ${protocolName(traffic)} port ${traffic.port}`);
  const port = targetPortOn(servicePort, pod);
  if (port === null) {
    throw new FlowError(
      `${where} port ${servicePort.port} targets ${servicePort.targetPort}, which pod ${pod.namespace}/${pod.name} does not name`,
    );
  }
  return { protocol: traffic.protocol, port };
}

function servicePortOf(service: KubeService, traffic: Traffic): ServicePort | undefined {
  return service.ports.find(
    (p) => p.port === traffic.port && flowProtocolOf(p.protocol) === traffic.protocol,
  );
}

function protocolName(traffic: Traffic): string {
  return traffic.protocol === SCTP ? 'sctp' : String(traffic.protocol);
}

/** A pod named by name uses its first IP of the family the other end's given address has. */
function inFamily(end: End, family: IpFamily): End {
  if (end.pinned || end.kind !== 'pod') return end;
  const address = end.pod.ips.map((ip) => parseIp(ip)).find((ip) => ip?.family === family) ?? null;
  return { ...end, address };
}

/** An end that is no pod must be an address: a flow from a pod to a cluster-external IP, or back. */
function addressEnd(written: string, other: End | null): End {
  const input = written.trim();
  const address = parseIp(input);
  if (address === null) {
    throw new EndpointError(
      `"${written}" is no pod and no IP address; ${other?.input} is a pod, so give the other end as a pod or an address`,
    );
  }
  return { kind: 'address', address, text: input, input, pinned: true };
}

function notPod(end: End): string {
  return end.kind === 'node'
    ? `${end.input} is the address of ${end.node === null ? 'a node' : `node ${end.node}`}, not a pod`
    : `${end.input} is not a pod`;
}

function outside(layer: LayerVerdict['layer'], reason: string): LayerVerdict {
  return { layer, verdict: 'not-applicable', reason, rules: [] };
}

function resolved(end: End): ResolvedEndpoint {
  if (end.kind !== 'pod') {
    return { input: end.input, workloadId: end.text, address: end.text, subnetId: '', vpcId: '' };
  }
  const { pod } = end;
  return {
    input: end.input,
    workloadId: podWorkloadId(pod),
    // A pod standing for a controller's template has no address yet.
    address:
      end.address === null ? '' : (pod.ips.find((ip) => sameAddress(ip, end.address as IpAddress)) ?? ''),
    subnetId: pod.namespace,
    vpcId: clusterScope,
  };
}

function sameAddress(text: string, address: IpAddress): boolean {
  const parsed = parseIp(text);
  return parsed !== null && parsed.family === address.family && parsed.value === address.value;
}
