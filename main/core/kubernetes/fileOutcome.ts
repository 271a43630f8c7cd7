import type { FileOutcome } from '../domain/importReport';

const readKinds = 'Namespace, Pod, Service, Deployment, StatefulSet, DaemonSet, ReplicaSet, NetworkPolicy';

/**
 * A Kubernetes file's outcome once read, saying which objects it passed over (`ConfigMap ×3`). A
 * file that gave no object is skipped, as JSON that is no export is: an import of only such files
 * is refused instead of making an empty snapshot.
 */
export function kubernetesOutcome(
  outcome: FileOutcome,
  records: number,
  passedOver: ReadonlyMap<string, number> | undefined,
): FileOutcome {
  const kinds = [...(passedOver ?? [])].map(([kind, count]) => (count === 1 ? kind : `${kind} ×${count}`));
  const passed = kinds.length ? `passed over: ${kinds.join(', ')}` : null;
  if (records > 0) return { ...outcome, records, reason: passed };
  return {
    ...outcome,
    status: 'skipped',
    kind: null,
    records: 0,
    reason: [`Kubernetes objects, but none of a kind Faultline reads (${readKinds})`, passed]
      .filter((part) => part !== null)
      .join('; '),
  };
}
