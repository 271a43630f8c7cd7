import { internetRepresentatives } from '../../analysis/internetFlows';
import type { FlowVerdict } from '../../analysis/verdict';
import { type Cidr, formatIp, parseCidr } from '../../domain/ip';
import type { KubernetesEstate, KubeService } from '../../domain/kubernetes';
import { flowProtocolOf } from '../../kubernetes/protocol';
import { backendsOf, servingPod, targetPortOn } from '../../kubernetes/serviceBackends';
import type { FindingContext } from '../context';
import { webPorts } from '../exposure';
import { appOwners, ownerList, serviceObjects, workloadObject } from '../reachPeers';
import type { Finding } from '../types';

const everywhere = parseCidr('0.0.0.0/0') as Cidr;

/**
 * A Service of type LoadBalancer or NodePort takes connections from outside the cluster; its pods are
 * exposed on a port when their NetworkPolicies admit an internet client there. Each port is checked
 * through the engine from one internet address per stretch that the policies' ipBlocks cut, as the
 * AWS exposure is, and the verdict is quoted as evidence. Traffic policy Cluster (the default) makes
 * pods see a node's address rather than the client's: the explanation says so, since which ipBlock
 * then applies depends on the nodes' addresses, which the export does not hold.
 */
export function serviceExposures(ctx: FindingContext): Finding[] {
  const cluster = ctx.estate.kubernetes;
  if (!cluster) return [];
  return cluster.services
    .filter((service) => service.type === 'LoadBalancer' || service.type === 'NodePort')
    .flatMap((service) => exposure(ctx, cluster, service));
}

function exposure(ctx: FindingContext, cluster: KubernetesEstate, service: KubeService): Finding[] {
  const backend = servingPod(backendsOf(service, cluster.pods));
  if (!backend) return [];
  const pod = `${backend.namespace}/${backend.name}`;
  const target = `${service.namespace}/${service.name}`;
  const clients = internetRepresentatives(everywhere, ipBlockCidrs(cluster, service.namespace)).map(formatIp);
  const open = service.ports.flatMap((port) => {
    const podPort = targetPortOn(port, backend);
    if (podPort === null) return [];
    for (const client of clients) {
      const flow = check(ctx, client, pod, flowProtocolOf(port.protocol), podPort);
      if (flow?.allowed === true) return [{ port: port.port, flow }];
    }
    return [];
  });
  if (open.length === 0) return [];
  const flows = open.map((one) => one.flow);
  const serviceName = ctx.serviceOf.get(pod)?.name;
  const ports = open.map((one) => one.port);
  const web = ports.every((port) => webPorts.has(port));
  const kind = service.type === 'LoadBalancer' ? 'load balancer' : 'port on every node';
  const clientAddress =
    service.externalTrafficPolicy === 'Local'
      ? "The traffic policy is Local, so the pods see the client's own address."
      : "The traffic policy is Cluster, so a node forwarding the connection may replace the client's address with its own; the policies were checked against the client's address.";
  return [
    {
      id: `exposure:service/${target}`,
      kind: 'exposure',
      severity: web && service.type === 'LoadBalancer' ? 'low' : 'high',
      title: `service ${target} (${service.type}) takes connections from the internet on ${ports.join(', ')}`,
      explanation:
        `Service ${target} is of type ${service.type}: a ${kind} takes connections from outside the cluster and ` +
        `forwards them to its pods, and no NetworkPolicy of theirs stops a client on the internet on ` +
        `${flows.map((flow) => `${flow.protocol}/${flow.port}`).join(', ')} of its pods (checked on ${pod}). ${clientAddress}`,
      objects: [workloadObject(ctx, pod), ...serviceObjects(ctx, serviceName ? [serviceName] : [])],
      owners: ownerList(serviceName ? appOwners(ctx, serviceName) : []),
      evidence: {
        rules: flows.flatMap((flow) => flow.explanation.flatMap((l) => l.rules)),
        dependencies: [],
        flows,
        figures: { ports: ports.length },
      },
      suggestion: web
        ? null
        : `make ${target} a ClusterIP service, or admit only the addresses that need it with an ingress NetworkPolicy ipBlock`,
    },
  ];
}

/** Every ipBlock CIDR of the namespace's policies (and their excepts): where a verdict can change. */
function ipBlockCidrs(cluster: KubernetesEstate, namespace: string): Cidr[] {
  return cluster.networkPolicies
    .filter((policy) => policy.namespace === namespace)
    .flatMap((policy) => policy.ingress.flatMap((rule) => rule.peers ?? []))
    .flatMap((peer) => (peer.kind === 'ipBlock' ? [peer.cidr, ...peer.except] : []))
    .flatMap((text) => parseCidr(text) ?? []);
}

function check(
  ctx: FindingContext,
  client: string,
  destination: string,
  protocol: string,
  port: number,
): FlowVerdict | null {
  // A service whose port targets a name its pod lacks, or that selects no pod, exposes nothing.
  return ctx.engine.checkIfPlaced({ source: client, destination, protocol, port });
}
