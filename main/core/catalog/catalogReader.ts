import { CatalogBuilder } from './catalogBuilder';
import { resolveConsumedApis } from './consumedApis';
import type { CatalogContents, InputFile } from './contents';
import { resolveDependencyOf } from './dependencyOf';
import { readEntity } from './entity';
import { decodeText } from './text';
import { yamlDocuments } from './yamlDocuments';

/**
 * Reads Backstage catalog files together: an API consumed in one file is resolved against the
 * components of every file. Any malformed file refuses the whole set, naming the file and place.
 */
export function readCatalogFiles(files: readonly InputFile[]): CatalogContents {
  const catalog = new CatalogBuilder();
  for (const { name, data } of files) {
    for (const document of yamlDocuments(name, decodeText(name, data))) {
      const entity = readEntity(name, document);
      if (entity !== null) catalog.add(name, document.number, entity);
    }
  }
  const consumed = resolveConsumedApis(catalog);
  const reversed = resolveDependencyOf(catalog);
  // Only now is every use of the callers' annotations known.
  for (const caller of catalog.callers) caller.refuseUnused();
  const { service, app, owner } = catalog.spellings;
  return {
    // References are shown as the entity they name spells itself, or as first written.
    services: catalog.services.map((s) => ({
      ...s,
      app: s.app === null ? null : app.of(s.app),
      owner: s.owner === null ? null : owner.of(s.owner),
    })),
    dependencies: [...catalog.dependencies, ...reversed, ...consumed.dependencies].map((d) => ({
      ...d,
      from: service.of(d.from),
      to: service.of(d.to),
    })),
    providedApis: catalog.providedApis,
    owners: catalog.owners,
    unresolved: consumed.unresolved,
  };
}
