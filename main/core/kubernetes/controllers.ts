import type { Controller, ControllerKind, Pod } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';
import { readMetadata } from './metadata';
import { readTemplatePod } from './pods';
import { readSelector } from './selector';

export const controllerKinds: readonly ControllerKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
];

/**
 * A controller and the pod its template describes, kept for when the import lists none of its pods;
 * null when it runs none (`spec.replicas: 0`, as the old ReplicaSets a Deployment keeps).
 */
export function readController(
  object: JsonCursor,
  kind: ControllerKind,
): { controller: Controller; template: Pod | null } {
  const metadata = readMetadata(object);
  const owner = object
    .at('metadata')
    .list('ownerReferences')
    .find((reference) => reference.optBool('controller') === true);
  return {
    controller: {
      ...metadata,
      kind,
      // apps/v1 requires the selector; the API server refuses a controller without one.
      selector: readSelector(object.at('spec').at('selector')),
      ownedBy: owner ? `${owner.str('kind')}/${owner.str('name')}` : null,
      source: object.source,
      raw: object.value,
    },
    template: object.at('spec').at('replicas').value === 0 ? null : readTemplatePod(object, kind, metadata),
  };
}
