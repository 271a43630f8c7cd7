import type { DeclaredDependency } from '../domain/applications';
import { nameKey } from '../domain/spellings';
import type { CatalogBuilder } from './catalogBuilder';
import { unknownEndpoint } from './endpoint';

/**
 * `spec.dependencyOf` entries as the dependencies they are the reverse of: the named entity depends
 * on the one that says so. Runs after all files are read, because the dependent (whose
 * `faultline.dev/dependencies` annotation gives the endpoint) is often declared in another file.
 */
export function resolveDependencyOf(catalog: CatalogBuilder): DeclaredDependency[] {
  const callers = new Map(catalog.callers.map((caller) => [nameKey(caller.caller), caller]));
  return catalog.dependents.map(({ from, to, source }) => {
    const caller = callers.get(nameKey(from));
    if (caller !== undefined) return caller.dependencyTo(to, source);
    return { from, to, ...unknownEndpoint, origin: 'catalog', source };
  });
}
