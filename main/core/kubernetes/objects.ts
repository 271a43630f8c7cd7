import { namespaceNameLabel } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';
import { controllerKinds, readController } from './controllers';
import type { KubernetesDraft } from './draft';
import { readMetadata, readStringMap } from './metadata';
import { networkPolicyApiVersion, readNetworkPolicy } from './networkPolicies';
import { readPod } from './pods';
import { readService } from './services';

const apiVersionOf: ReadonlyMap<string, string> = new Map([
  ['Namespace', 'v1'],
  ['Pod', 'v1'],
  ['Service', 'v1'],
  ['NetworkPolicy', networkPolicyApiVersion],
  ...controllerKinds.map((kind): [string, string] => [kind, 'apps/v1']),
]);

/** True for a Kubernetes object of any kind: `apiVersion` and `kind` strings at the top. */
export function isKubeObject(value: unknown): value is { apiVersion: string; kind: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return typeof apiVersion === 'string' && typeof kind === 'string';
}

/**
 * Reads one object (or the items of a List) into the draft and returns how many objects it took.
 * Kinds Faultline does not model (ConfigMaps, Secrets, Ingresses...) and same-named kinds of other
 * API groups (a Knative Service) are passed over; their content is never stored.
 */
export function readObject(object: JsonCursor, draft: KubernetesDraft): number {
  const kind = object.str('kind');
  const apiVersion = object.str('apiVersion');
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(object.at('items').value))) {
    return object.list('items').reduce((sum, item) => sum + readObject(item, draft), 0);
  }
  const expected = apiVersionOf.get(kind);
  if (expected !== apiVersion) {
    // An older policy version read as v1 could allow what the cluster denies: refuse it outright.
    if (kind === 'NetworkPolicy') object.at('apiVersion').fail(networkPolicyApiVersion);
    draft.passOver(object.source, expected === undefined ? kind : `${kind} (${apiVersion})`);
    return 0;
  }
  const { name, namespace } = readMetadata(object);
  const namespaced = kind === 'Namespace' ? null : namespace;
  draft.register(kind, namespaced, name, object.source);
  switch (kind) {
    case 'Namespace': {
      const labels = readStringMap(object.at('metadata').at('labels'));
      draft.namespaces.push({
        name,
        // Set by the API server since 1.21; a manifest usually leaves it out.
        labels: { ...labels, [namespaceNameLabel]: name },
        declared: true,
        source: object.source,
        raw: object.value,
      });
      break;
    }
    case 'Pod': {
      const pod = readPod(object);
      // A pod that ran to completion (a finished Job) takes no traffic, and its IP may be reused.
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
        draft.passOver(object.source, 'Pod (finished)');
        return 0;
      }
      if (isHelmHook(object)) {
        draft.passOver(object.source, 'Pod (Helm hook)');
        return 0;
      }
      draft.pods.push(pod);
      break;
    }
    case 'Service':
      draft.services.push(readService(object));
      break;
    case 'NetworkPolicy':
      draft.networkPolicies.push(readNetworkPolicy(object));
      break;
    default: {
      const { controller, template } = readController(object, kind as (typeof controllerKinds)[number]);
      draft.controllers.push(controller);
      draft.templates.push(template);
    }
  }
  return 1;
}

/**
 * A Helm hook (`helm create` scaffolds a `helm test` pod) runs only for its event and to completion,
 * and Helm does not manage it as part of the release (https://helm.sh/docs/topics/charts_hooks/): it
 * is no workload, and one that carries the chart's selector labels would hide its controllers' pods.
 */
function isHelmHook(object: JsonCursor): boolean {
  const annotations = object.at('metadata').at('annotations');
  return !annotations.isMissing && !annotations.at('helm.sh/hook').isMissing;
}
