import { decodeText } from '../catalog/text';
import { type YamlDocument, yamlDocuments } from '../catalog/yamlDocuments';
import { BadInputError } from '../domain/errors';
import { JsonCursor } from '../input/jsonCursor';
import { pathKeys } from '../input/jsonPath';
import type { KubernetesDraft } from './draft';
import { isKubeObject, readObject } from './objects';

/**
 * Reads multi-document YAML manifests (kubectl -o yaml, Helm's rendered output, hand-written files).
 * Places are `doc 3 $.spec.ingress[0]` with the line, and the Helm template the document came from
 * when a `# Source:` comment names it, so a refusal points at the chart file to fix.
 */
export function readManifestFile(file: string, data: Uint8Array, draft: KubernetesDraft): number {
  let records = 0;
  for (const document of yamlDocuments(file, decodeText(file, data))) {
    // Helm renders empty documents for templates whose conditions are off.
    if (document.value === null || document.value === undefined) continue;
    const root = JsonCursor.root(file, document.value, `doc ${document.number} $`);
    try {
      if (!isKubeObject(document.value)) root.fail('a Kubernetes object with apiVersion and kind');
      records += readObject(root, draft);
    } catch (error) {
      if (!(error instanceof BadInputError) || error.place === null) throw error;
      const line = lineNear(document, pathKeys(error.place.slice(error.place.indexOf('$'))));
      const template = /^\s*Source:\s*(\S+)/.exec(document.comment ?? '')?.[1];
      const where = [line === null ? null : `line ${line}`, template ? `Helm template ${template}` : null]
        .filter((part) => part !== null)
        .join(', ');
      const place = where === '' ? error.place : `${error.place} (${where})`;
      const message = error.message.replace(`${file} ${error.place}`, `${file} ${place}`);
      throw new BadInputError(message, file, place);
    }
  }
  return records;
}

/** The line of the node at `keys`, or of its nearest ancestor when it is missing (a required field left out). */
function lineNear(document: YamlDocument, keys: (string | number)[]): number | null {
  for (let depth = keys.length; depth >= 0; depth--) {
    const line = document.lineAt(keys.slice(0, depth));
    if (line !== null) return line;
  }
  return null;
}
