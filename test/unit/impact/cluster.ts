import { readFileSync } from 'node:fs';
import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { DeclaredDependency } from '../../../main/core/domain/applications';
import type { KubernetesEstate } from '../../../main/core/domain/kubernetes';
import type { ProposedChange } from '../../../main/core/impact/change';
import { changeImpact, type SnapshotSide } from '../../../main/core/impact/requests';
import type { ImpactReport } from '../../../main/core/impact/types';
import { clusterOnly, textFile } from '../kubernetes/files';

const declared = (from: string, to: string, port: number): DeclaredDependency => ({
  from,
  to,
  protocol: 'tcp',
  port,
  origin: 'dependencies-file',
  source: { file: 'dependencies.csv', path: `${from} → ${to}` },
});

/**
 * The fixture cluster's declared dependencies (as test/fixtures/impact/kubernetes/dependencies.csv
 * writes them): storefront (2 pods) → order-api tcp/8080, order-api → orders-db tcp/5432 (all in
 * `shop`), order-api → payments tcp/8443 (in `billing`).
 */
export const clusterDependencies = [
  declared('storefront', 'order-api', 8080),
  declared('order-api', 'orders-db', 5432),
  declared('order-api', 'payments', 8443),
];

/** A snapshot holding only the given cluster. */

/** A snapshot holding only the given cluster, with the dependencies above. */
export function clusterSide(cluster: KubernetesEstate, snapshotId = 1): SnapshotSide {
  const estate = clusterOnly(cluster);
  const applications = buildApplicationModel(
    estate,
    { services: [], dependencies: clusterDependencies, providedApis: [], unresolvedApis: [], flows: [] },
    defaultTagKeys,
  );
  return { snapshotId, name: `cluster ${snapshotId}`, estate, applications };
}

/** The impact of a change on a snapshot holding only the given cluster, with the dependencies above. */
export function clusterImpact(cluster: KubernetesEstate, change: ProposedChange): ImpactReport {
  return changeImpact(clusterSide(cluster), change, defaultTagKeys);
}

export const impactFixtures = new URL('../../fixtures/impact/kubernetes/', import.meta.url);

/** A manifest of test/fixtures/impact/kubernetes/, classified as the import classifies it. */
export const impactFixture = (name: string) => textFile(name, readFileSync(new URL(name, impactFixtures)));
