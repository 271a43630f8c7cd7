import type { DeclaredDependency } from '../domain/applications';
import type { SourceRef } from '../domain/estate';
import { nameKey } from '../domain/spellings';
import { type AnnotationSite, readDependencyEndpoints, refuseUnusedEndpoint } from './annotations';
import { type Endpoint, unknownEndpoint } from './endpoint';

/**
 * One component's dependencies annotation, and which of its entries a dependency used. An entry no
 * dependency uses is most likely a misspelt name, so it is refused once every file is read.
 */
export class CallerEndpoints {
  /** By the called name's key: `Orders-DB=tcp/5432` is the endpoint of a dependency on orders-db. */
  private readonly endpoints = new Map<string, Endpoint>();
  /** Entries no dependency used yet, by key, as written. */
  private readonly unused = new Map<string, string>();
  /** Set when an API the caller consumes has no known provider: an entry may name that provider. */
  private incomplete = false;

  constructor(
    private readonly site: AnnotationSite,
    readonly caller: string,
  ) {
    for (const [target, endpoint] of readDependencyEndpoints(site)) {
      this.endpoints.set(nameKey(target), endpoint);
      this.unused.set(nameKey(target), target);
    }
  }

  /** A dependency from this caller to `to`, on the annotated endpoint, else `fallback`. */
  dependencyTo(to: string, source: SourceRef, fallback: Endpoint = unknownEndpoint): DeclaredDependency {
    this.unused.delete(nameKey(to));
    const { protocol, port } = this.endpoints.get(nameKey(to)) ?? fallback;
    return { from: this.caller, to, protocol, port, origin: 'catalog', source };
  }

  markIncomplete(): void {
    this.incomplete = true;
  }

  refuseUnused(): void {
    const [first] = this.unused.values();
    if (first !== undefined && !this.incomplete) throw refuseUnusedEndpoint(this.site, first, this.caller);
  }
}
