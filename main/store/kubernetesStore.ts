import type Database from 'better-sqlite3';
import { type KubernetesEstate, kubernetesKeys, type Pod } from '../core/domain/kubernetes';
import { JsonCursor } from '../core/input/jsonCursor';
import { type PodPlacement, readPodPlacement } from '../core/kubernetes/pods';

const kinds = {
  namespace: 'namespaces',
  pod: 'pods',
  service: 'services',
  controller: 'controllers',
  'network-policy': 'networkPolicies',
} as const satisfies Record<string, (typeof kubernetesKeys)[number]>;

type Kind = keyof typeof kinds;

/** A pod template, or a stored pod whose object cannot say, is on no known node. */
const unplaced: PodPlacement = { nodeName: null, hostIps: [], phase: null, ready: null };

/**
 * A pod imported before 2026-12-08 was stored without its node and readiness; the object it was read
 * from is stored beside it, so they are read from that now, as a fresh import would.
 */
function placedFromRaw(pod: Omit<Pod, keyof PodPlacement>): PodPlacement {
  if (pod.templateOf !== null) return unplaced;
  try {
    return readPodPlacement(JsonCursor.root(pod.source.file, pod.raw, pod.source.path));
  } catch {
    return unplaced;
  }
}

/**
 * The Kubernetes objects of each snapshot, written inside the snapshot's own import transaction. No
 * uniqueness constraint on names: two pods standing for two same-named controllers' templates share one.
 */
export class KubernetesStore {
  constructor(private readonly db: Database.Database) {}

  insert(snapshotId: number, estate: KubernetesEstate): void {
    const insert = this.db.prepare(
      'INSERT INTO kubernetes_object (snapshot_id, kind, ordinal, namespace, name, data, raw) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [kind, key] of Object.entries(kinds) as [Kind, (typeof kubernetesKeys)[number]][]) {
      for (const [ordinal, object] of estate[key].entries()) {
        const { raw, ...data } = object;
        const namespace = 'namespace' in object ? object.namespace : '';
        insert.run(
          snapshotId,
          kind,
          ordinal,
          namespace,
          object.name,
          JSON.stringify(data),
          JSON.stringify(raw),
        );
      }
    }
  }

  /** The snapshot's Kubernetes objects in import order, or undefined when it has none. */
  load(snapshotId: number): KubernetesEstate | undefined {
    const rows = this.db
      .prepare('SELECT kind, data, raw FROM kubernetes_object WHERE snapshot_id = ? ORDER BY kind, ordinal')
      .all(snapshotId) as { kind: Kind; data: string; raw: string }[];
    if (rows.length === 0) return undefined;
    const estate = Object.fromEntries(kubernetesKeys.map((key) => [key, [] as unknown[]])) as {
      [K in (typeof kubernetesKeys)[number]]: unknown[];
    };
    for (const row of rows) {
      const object = { ...JSON.parse(row.data), raw: JSON.parse(row.raw) };
      const placed = row.kind !== 'pod' || 'nodeName' in object;
      estate[kinds[row.kind]].push(placed ? object : { ...object, ...placedFromRaw(object) });
    }
    return estate as unknown as KubernetesEstate;
  }
}
