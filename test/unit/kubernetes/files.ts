import { readdirSync, readFileSync } from 'node:fs';
import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import type { KubernetesEstate } from '../../../main/core/domain/kubernetes';
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

/** An estate with no AWS objects, only this cluster. */
export function clusterOnly(kubernetes: KubernetesEstate): Estate {
  return {
    vpcs: [],
    subnets: [],
    securityGroups: [],
    securityGroupRules: [],
    networkAcls: [],
    networkAclEntries: [],
    workloads: [],
    instances: [],
    prefixLists: [],
    routeTables: [],
    peeringConnections: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
    kubernetes,
  };
}

/** The fixture cluster (a kubectl List) with the given manifests. */
export function clusterWith(...files: KubernetesFile[]) {
  return readKubernetesFiles([fixture('cluster.json'), ...files]).estate;
}

/** The application model the labels alone give, with the default keys: no catalog, no dependencies. */
export function labelModel(estate: Estate): ApplicationModel {
  return buildApplicationModel(
    estate,
    { services: [], dependencies: [], providedApis: [], unresolvedApis: [], flows: [] },
    defaultTagKeys,
  );
}
