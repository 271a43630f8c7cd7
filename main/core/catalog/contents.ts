import type { DeclaredDependency, DeclaredService, ProvidedApi, UnresolvedApi } from '../domain/applications';
import type { SourceRef } from '../domain/estate';

/** A Backstage Group or User: someone a service's `spec.owner` can name. */
export interface CatalogOwner {
  /** The entity's name, as `spec.owner` refs name it once kind and namespace are stripped. */
  readonly ref: string;
  readonly kind: 'group' | 'user';
  readonly displayName: string | null;
  readonly email: string | null;
  readonly source: SourceRef;
}

export type { UnresolvedApi };

export interface CatalogContents {
  readonly services: DeclaredService[];
  readonly dependencies: DeclaredDependency[];
  readonly providedApis: ProvidedApi[];
  readonly owners: CatalogOwner[];
  readonly unresolved: UnresolvedApi[];
}

export interface DependenciesFileContents {
  readonly services: DeclaredService[];
  readonly dependencies: DeclaredDependency[];
}

export interface InputFile {
  readonly name: string;
  readonly data: Uint8Array;
}
