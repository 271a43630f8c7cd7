import type { ContainerPort, ControllerKind, Pod } from '../domain/kubernetes';
import { readIp } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { type Metadata, readMetadata, readStringMap } from './metadata';
import { readPortName, readPortNumber, readProtocol } from './protocol';

export function readPod(object: JsonCursor): Pod {
  const status = object.at('status');
  const podIps = status.isMissing ? [] : status.list('podIPs').map((entry) => readIp(entry.at('ip')));
  const podIp = status.isMissing ? null : status.at('podIP').optional(readIp);
  return {
    ...podFromSpec(readMetadata(object), object.at('spec'), object),
    ips: podIps.length > 0 ? podIps : podIp ? [podIp] : [],
    ...readPodPlacement(object),
    templateOf: null,
  };
}

export type PodPlacement = Pick<Pod, 'nodeName' | 'hostIps' | 'phase' | 'ready'>;

/** Where a pod runs and whether it can take traffic: its node, the node's addresses, phase and readiness. */
export function readPodPlacement(object: JsonCursor): PodPlacement {
  const status = object.at('status');
  const hostIps = status.isMissing ? [] : status.list('hostIPs').map((entry) => readIp(entry.at('ip')));
  const hostIp = status.isMissing ? null : status.at('hostIP').optional(readIp);
  return {
    nodeName: object.at('spec').optStr('nodeName'),
    hostIps: hostIps.length > 0 ? hostIps : hostIp ? [hostIp] : [],
    phase: status.isMissing ? null : status.optStr('phase'),
    ready: status.isMissing ? null : readReady(status),
  };
}

/** The Ready condition: the one EndpointSlices turn into an endpoint's `ready` and `serving`. */
function readReady(status: JsonCursor): boolean | null {
  const condition = status.list('conditions').find((c) => c.optStr('type') === 'Ready');
  const written = condition?.optStr('status');
  return written === 'True' ? true : written === 'False' ? false : null;
}

/**
 * The pod a controller's template stands for, named after the controller: a manifest has no pods,
 * and a verdict about "the pods of deployment web" is a verdict about its template.
 */
export function readTemplatePod(controller: JsonCursor, kind: ControllerKind, metadata: Metadata): Pod {
  const template = controller.at('spec').at('template');
  const templateMetadata = template.at('metadata');
  const labels = templateMetadata.isMissing ? {} : readStringMap(templateMetadata.at('labels'));
  return {
    ...podFromSpec({ ...metadata, labels }, template.at('spec'), controller),
    ips: [],
    nodeName: null,
    hostIps: [],
    phase: null,
    ready: null,
    templateOf: { kind, name: metadata.name },
  };
}

function podFromSpec(
  metadata: Metadata,
  spec: JsonCursor,
  raw: JsonCursor,
): Omit<Pod, 'ips' | 'nodeName' | 'hostIps' | 'phase' | 'ready' | 'templateOf'> {
  return {
    ...metadata,
    ports: [...spec.list('containers'), ...spec.list('initContainers').filter(isSidecar)].flatMap(
      (container) => container.list('ports').map(readContainerPort),
    ),
    hostNetwork: spec.optBool('hostNetwork') ?? false,
    source: raw.source,
    raw: raw.value,
  };
}

/**
 * An init container with `restartPolicy: Always` is a sidecar: it runs beside the pod's containers,
 * and its named ports are the pod's for NetworkPolicies and Services as theirs are (Kubernetes
 * 1.29+; the endpoint controller looks them up since kubernetes/kubernetes#127976).
 */
function isSidecar(container: JsonCursor): boolean {
  return container.optStr('restartPolicy') === 'Always';
}

function readContainerPort(cursor: JsonCursor): ContainerPort {
  return {
    name: cursor.at('name').optional(readContainerPortName),
    port: readPortNumber(cursor.at('containerPort')),
    protocol: readProtocol(cursor.at('protocol')),
  };
}

/** The API server checks a container port's name only when it is not empty (ValidatePorts). */
function readContainerPortName(cursor: JsonCursor): string | null {
  return cursor.value === '' ? null : readPortName(cursor);
}
