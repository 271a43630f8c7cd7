import type { KubeService, Pod, ServicePort } from '../domain/kubernetes';
import { selectorMatches } from './selector';

/**
 * The pods a Service sends to: those of its namespace its selector matches. A Service whose selector
 * is empty or missing has endpoints managed by hand, which an export does not show: none here.
 */
export function backendsOf(service: KubeService, pods: readonly Pod[]): Pod[] {
  const selector = service.selector;
  if (selector === null || Object.keys(selector).length === 0) return [];
  const matching = { matchLabels: selector, matchExpressions: [] };
  return pods.filter((pod) => pod.namespace === service.namespace && selectorMatches(matching, pod.labels));
}

/**
 * The pod that stands for pods sharing one template (a Service's or a controller's): one that can
 * take traffic, Ready first where the export says, then by name. A Pending pod or one without an IP
 * is no endpoint: EndpointSlices, "the source of truth for kube-proxy", list a pod's IP, and its
 * `serving` condition "maps to the Pod's Ready condition"
 * (https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/). A pod standing for a
 * template has no IP yet and stands for pods to come. Undefined when none can take traffic.
 */
export function servingPod(pods: readonly Pod[]): Pod | undefined {
  const rank = (pod: Pod) => (pod.ready === true ? 0 : pod.ready === false ? 2 : 1);
  return pods
    .filter((pod) => idleReason(pod) === null)
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
}

/** `shop/web-1 is Pending, shop/web-2 has no IP`: why none of these pods takes traffic. */
export function idlePods(pods: readonly Pod[]): string {
  return pods.map((pod) => `${pod.namespace}/${pod.name} ${idleReason(pod)}`).join(', ');
}

function idleReason(pod: Pod): string | null {
  if (pod.templateOf !== null) return null;
  if (pod.phase === 'Pending') return 'is Pending';
  return pod.ips.length === 0 ? 'has no IP' : null;
}

/**
 * The pod port a Service port forwards to: targetPort as a number, a named port looked up among the
 * pod's container ports of the same protocol, or the Service port itself when targetPort is unset.
 * Null when the pod has no port of that name: the Service sends that pod nothing on this port.
 */
export function targetPortOn(servicePort: ServicePort, pod: Pod): number | null {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  return pod.ports.find((p) => p.name === target && p.protocol === servicePort.protocol)?.port ?? null;
}
