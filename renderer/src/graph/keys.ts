/**
 * Every object either view can show has one key, and the node that draws it has that key as its id.
 * Selection, highlight and finding focus are sets of keys, so the two views never need to agree on
 * anything but this file.
 */
import type { FindingsOverview } from '../../../preload/contract';

type FindingObject = FindingsOverview['findings'][number]['objects'][number];

export type NodeKind = 'app' | 'service' | 'workload' | 'vpc' | 'subnet' | 'segment' | 'acl' | 'tgw' | 'pcx';

const prefixes: Record<NodeKind, string> = {
  app: 'app:',
  service: 'svc:',
  workload: 'wl:',
  vpc: 'vpc:',
  subnet: 'subnet:',
  segment: 'sg:',
  acl: 'acl:',
  tgw: 'tgw:',
  pcx: 'pcx:',
};

export const keyOf = (kind: NodeKind, id: string): string => `${prefixes[kind]}${id}`;

export function parseKey(key: string): { kind: NodeKind; id: string } | null {
  for (const [kind, prefix] of Object.entries(prefixes) as [NodeKind, string][]) {
    if (key.startsWith(prefix)) return { kind, id: key.slice(prefix.length) };
  }
  return null;
}

const findingObjectKinds: Record<FindingObject['type'], NodeKind> = {
  app: 'app',
  service: 'service',
  workload: 'workload',
  'security-group': 'segment',
  'network-acl': 'acl',
  subnet: 'subnet',
  // Kubernetes namespaces and policies are segments, with ids of their own (namespace/…, networkpolicy/…).
  namespace: 'segment',
  'network-policy': 'segment',
  'transit-gateway': 'tgw',
};

export const keyOfFindingObject = (object: FindingObject): string =>
  keyOf(findingObjectKinds[object.type], object.id);
