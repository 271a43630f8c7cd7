import type { DeclaredDependency } from '../domain/applications';
import { nameKey } from '../domain/spellings';
import type { CatalogBuilder } from './catalogBuilder';
import type { UnresolvedApi } from './contents';

/**
 * Turns each `consumesApis` entry into a dependency on every component that provides the API; runs
 * after all files are read because the provider is often declared in another team's file.
 */
export function resolveConsumedApis(catalog: CatalogBuilder): {
  dependencies: DeclaredDependency[];
  unresolved: UnresolvedApi[];
} {
  const providers = new Map<string, string[]>();
  for (const { api, service } of catalog.providedApis)
    providers.set(nameKey(api), [...(providers.get(nameKey(api)) ?? []), service]);
  const dependencies: DeclaredDependency[] = [];
  const unresolved: UnresolvedApi[] = [];
  for (const { api, caller, source } of catalog.consumptions) {
    const provided = providers.get(nameKey(api));
    if (provided === undefined) {
      unresolved.push({ api, consumer: caller.caller, source });
      caller.markIncomplete();
      continue;
    }
    for (const service of provided) {
      dependencies.push(caller.dependencyTo(service, source, catalog.apiEndpoints.get(nameKey(api))));
    }
  }
  return { dependencies, unresolved };
}
