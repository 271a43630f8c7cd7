import { CatalogBuilder } from './catalogBuilder';
import { resolveConsumedApis } from './consumedApis';
import type { CatalogContents, InputFile } from './contents';
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
  return {
    services: catalog.services,
    dependencies: [...catalog.dependencies, ...consumed.dependencies],
    providedApis: catalog.providedApis,
    owners: catalog.owners,
    unresolved: consumed.unresolved,
  };
}
