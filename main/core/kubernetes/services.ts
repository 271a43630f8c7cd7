import type { KubeService, ServicePort, ServiceType } from '../domain/kubernetes';
import { readIp } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { readChoice, readMetadata, readStringMap } from './metadata';
import { readPortNumber, readPortRef, readProtocol } from './protocol';

export function readService(object: JsonCursor): KubeService {
  const spec = object.at('spec');
  const selector = spec.at('selector');
  // `None` marks a headless service: it has no address of its own. The API also accepts "" (the
  // server then allocates one), which charts render from an unset value: no address yet, as if missing.
  const address = (field: JsonCursor) =>
    field.value === 'None' || field.value === '' ? null : readIp(field);
  const clusterIps = spec.list('clusterIPs').flatMap((ip) => address(ip) ?? []);
  const clusterIp = spec.at('clusterIP').optional(address);
  return {
    ...readMetadata(object),
    type: readChoice(spec.at('type'), serviceTypes, 'ClusterIP'),
    externalTrafficPolicy: readChoice(spec.at('externalTrafficPolicy'), trafficPolicies, 'Cluster'),
    selector: selector.isMissing ? null : readStringMap(selector),
    ports: spec.list('ports').map(readServicePort),
    clusterIps: clusterIps.length > 0 ? clusterIps : clusterIp ? [clusterIp] : [],
    source: object.source,
    raw: object.value,
  };
}

const serviceTypes: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const trafficPolicies = ['Cluster', 'Local'] as const;

function readServicePort(cursor: JsonCursor): ServicePort {
  return {
    name: cursor.optStr('name'),
    port: readPortNumber(cursor.at('port')),
    protocol: readProtocol(cursor.at('protocol')),
    targetPort: cursor.at('targetPort').optional(readPortRef),
  };
}
