import { looksLikeCatalog } from '../catalog/index';
import { parseJsonFile } from '../input/jsonText';
import { headText } from '../input/textEncoding';
import { isKubeObject } from './objects';

export const kubectlJsonKind = 'kubernetes-json';
export const manifestsKind = 'kubernetes-manifests';
export type KubernetesFileKind = typeof kubectlJsonKind | typeof manifestsKind;

const sniffChars = 64 * 1024;

/**
 * What kind of Kubernetes file this is, from its content. JSON must be one object or List with
 * `apiVersion` and `kind` (kubectl get -o json); YAML must have a top-level `apiVersion:` line and a
 * `kind:` or `items:` one, and not be a Backstage catalog, which shares that shape. kubectl prints a
 * List's keys sorted (`apiVersion`, `items`, `kind: List` last), so a large one shows no `kind:` in
 * the head; its `items:` follows `apiVersion:` at once.
 */
export function classifyKubernetesFile(file: { name: string; data: Uint8Array }): KubernetesFileKind | null {
  const head = headText(file.data.subarray(0, sniffChars));
  if (/^\uFEFF?\s*[[{]/.test(head)) {
    if (!/"apiVersion"\s*:/.test(head)) return null;
    try {
      return isKubeObject(parseJsonFile(file.name, file.data)) ? kubectlJsonKind : null;
    } catch {
      return null;
    }
  }
  const isManifest = /^apiVersion:\s*\S/m.test(head) && /^(kind:\s*\S|items:)/m.test(head);
  return isManifest && !looksLikeCatalog(head) ? manifestsKind : null;
}
