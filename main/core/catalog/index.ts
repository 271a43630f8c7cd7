/**
 * Declared application sources: Backstage catalog files and plain dependencies files, read into the
 * services, dependencies and provided APIs the joiner matches to workloads. See docs/catalog.md.
 */
export { readCatalogFiles } from './catalogReader';
export type {
  CatalogContents,
  CatalogOwner,
  DependenciesFileContents,
  InputFile,
  UnresolvedApi,
} from './contents';
export { looksLikeDependenciesFile, readDependenciesFile } from './dependenciesFile';
export { looksLikeCatalog } from './entity';
