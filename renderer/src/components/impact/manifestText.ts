/**
 * NetworkPolicy manifests as the what-if editor shows and reads them: YAML, as Kubernetes users write
 * them; JSON is YAML too, so either may be pasted. Only the shape is checked here (one mapping): the
 * API reads the policy with the Kubernetes importer's reader and names the place of what it refuses.
 */
import { parseDocument, stringify } from 'yaml';
import type { TextRead } from './textRead';

type Manifest = Readonly<Record<string, unknown>>;

/** As in main/core/catalog: an alias expanded more often than this is a "billion laughs" bomb. */
const maxAliasCount = 100;

export function manifestText(manifest: Manifest): string {
  return stringify(manifest);
}

export function readManifest(text: string): TextRead<Manifest> {
  // Duplicate keys are errors so the policy evaluated is the one the user sees; strict refuses what
  // YAML 1.2 only tolerates. More than one document is an error of parseDocument itself.
  const document = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: true });
  const [error] = document.errors;
  if (error) return { ok: false, message: `Not valid YAML or JSON: ${error.message}` };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (failure) {
    return { ok: false, message: `Cannot be read: ${(failure as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      message: 'A NetworkPolicy manifest is a mapping (apiVersion, kind, metadata, spec).',
    };
  }
  return { ok: true, value: value as Manifest };
}

/**
 * Where adding a policy starts: deny every ingress to the namespace's pods, the usual first policy.
 * The name avoids the namespace's policies: adding one that exists is refused.
 */
export function denyIngressTemplate(namespace: string, taken: readonly string[]): string {
  let name = 'default-deny-ingress';
  for (let n = 2; taken.includes(name); n++) name = `default-deny-ingress-${n}`;
  return policyText(namespace, name, { podSelector: {}, policyTypes: ['Ingress'] });
}

export function policyText(namespace: string, name: string, spec: Readonly<Record<string, unknown>>): string {
  return manifestText({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  });
}
