import type { DeclaredDependency } from '../domain/applications';
import type { SourceRef } from '../domain/estate';
import { type AnnotationSite, readDependencyEndpoints, refuseUnusedEndpoint } from './annotations';
import { type Endpoint, unknownEndpoint } from './endpoint';

/**
 * One component's dependencies annotation, and which of its entries a dependency used. An entry no
 * dependency uses is most likely a misspelt name, so it is refused once every file is read.
 */
export class CallerEndpoints {
  private readonly endpoints: Map<string, Endpoint>;
  private readonly unused: Set<string>;
  /** Set when an API the caller consumes has no known provider: an entry may name that provider. */
  private incomplete = false;

  constructor(
    private readonly site: AnnotationSite,
    readonly caller: string,
  ) {
    this.endpoints = readDependencyEndpoints(site);
    this.unused = new Set(this.endpoints.keys());
  }

  /** A dependency from this caller to `to`, on the annotated endpoint, else `fallback`. */
  dependencyTo(to: string, source: SourceRef, fallback: Endpoint = unknownEndpoint): DeclaredDependency {
    this.unused.delete(to);
    const { protocol, port } = this.endpoints.get(to) ?? fallback;
    return { from: this.caller, to, protocol, port, origin: 'catalog', source };
  }

  markIncomplete(): void {
    this.incomplete = true;
  }

  refuseUnused(): void {
    const [first] = this.unused;
    if (first !== undefined && !this.incomplete) throw refuseUnusedEndpoint(this.site, first, this.caller);
  }
}
