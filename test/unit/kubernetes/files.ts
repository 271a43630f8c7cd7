import { readdirSync, readFileSync } from 'node:fs';
import {
  classifyKubernetesFile,
  type KubernetesFile,
  readKubernetesFiles,
} from '../../../main/core/kubernetes';

const fixtures = new URL('../../fixtures/kubernetes/', import.meta.url);

/** A fixture file, classified by content as the import does. */
export function fixture(name: string): KubernetesFile {
  return textFile(name, readFileSync(new URL(name, fixtures)));
}

export function textFile(name: string, content: string | Uint8Array): KubernetesFile {
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const kind = classifyKubernetesFile({ name, data });
  if (kind === null) throw new Error(`${name} is not recognised as a Kubernetes file`);
  return { name, data, kind };
}

export function recipeNames(): string[] {
  return readdirSync(new URL('recipes/', fixtures)).sort();
}

/** The fixture cluster (a kubectl List) with the given manifests. */
export function clusterWith(...files: KubernetesFile[]) {
  return readKubernetesFiles([fixture('cluster.json'), ...files]).estate;
}
