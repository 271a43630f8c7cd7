import type { PolicyManifest } from '../impact/change';

/**
 * A NetworkPolicy as its author would edit it: what kubectl adds when it lists an object (uid,
 * resourceVersion, managedFields, status, the last-applied annotation) is left out, so the what-if
 * editor starts from what `kubectl apply` would take. Plain JSON values only: the topology is stored
 * as JSON and crosses the IPC boundary.
 */
/** Metadata an author writes; every other field is the API server's. */
const authoredMetadata = ['name', 'namespace', 'labels', 'annotations'] as const;

const serverAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export function editablePolicyManifest(raw: unknown): PolicyManifest | null {
  if (!isRecord(raw)) return null;
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const kept: Record<string, unknown> = {};
  for (const key of authoredMetadata) {
    const value = key === 'annotations' ? authoredAnnotations(metadata.annotations) : metadata[key];
    if (value !== undefined && !isEmptyRecord(value)) kept[key] = value;
  }
  return jsonCopy({ apiVersion: raw.apiVersion, kind: raw.kind, metadata: kept, spec: raw.spec ?? {} });
}

function authoredAnnotations(annotations: unknown): unknown {
  if (!isRecord(annotations)) return annotations;
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => !serverAnnotations.has(key)));
}

/** YAML manifests may hold values JSON has no form for (dates, NaN): they become what JSON makes of them. */
function jsonCopy(value: Record<string, unknown>): PolicyManifest {
  return JSON.parse(JSON.stringify(value)) as PolicyManifest;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmptyRecord = (value: unknown) => isRecord(value) && Object.keys(value).length === 0;
