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

/** A Service's pods share one template, so its first backend by name stands for all of them. */
export function firstBackendOf(service: KubeService, pods: readonly Pod[]): Pod | undefined {
  return backendsOf(service, pods).sort((a, b) => a.name.localeCompare(b.name))[0];
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
