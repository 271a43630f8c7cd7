import type { DeclaredDependency, DeclaredService, ProvidedApi } from '../domain/applications';
import type { SourceRef } from '../domain/estate';
import { nameKey, Spellings } from '../domain/spellings';
import { type AnnotationSite, readAddresses, readApiEndpoint, readWorkloadSelector } from './annotations';
import { CallerEndpoints } from './callerEndpoints';
import type { CatalogOwner } from './contents';
import { Declarations } from './declarations';
import type { Endpoint } from './endpoint';
import type { Entity, ServiceEntity } from './entity';
import { parseEntityRef } from './entityRef';
import { docPlace } from './yamlDocuments';

/** A `consumesApis` entry, resolved to the API's providers once every file is read. */
export interface Consumption {
  readonly api: string;
  readonly caller: CallerEndpoints;
  readonly source: SourceRef;
}

/** A `dependencyOf` entry: `from` (the named entity) depends on `to` (the one saying so). */
export interface Dependent {
  readonly from: string;
  readonly to: string;
  readonly source: SourceRef;
}

type Place = (path: readonly (string | number)[]) => SourceRef;

/** Collects what the entities of every catalog file declare, in file and document order. */
export class CatalogBuilder {
  readonly services: DeclaredService[] = [];
  readonly dependencies: DeclaredDependency[] = [];
  readonly providedApis: ProvidedApi[] = [];
  readonly owners: CatalogOwner[] = [];
  /** By the API name's key. */
  readonly apiEndpoints = new Map<string, Endpoint>();
  readonly consumptions: Consumption[] = [];
  readonly dependents: Dependent[] = [];
  readonly callers: CallerEndpoints[] = [];
  /** How the entities themselves spell their names: references to them are shown that way. */
  readonly spellings = { service: new Spellings(), app: new Spellings(), owner: new Spellings() };
  // Components and Resources share one name space: both become services the joiner matches by name.
  private readonly serviceNames = new Declarations('service');
  private readonly ownerNames = new Declarations('owner');
  private readonly apiNames = new Declarations('API');

  add(file: string, document: number, entity: Entity): void {
    const site: AnnotationSite = { file, document, annotations: entity.metadata.annotations };
    const place: Place = (path) => ({ file, path: docPlace(document, path) });
    const name = entity.metadata.name;
    switch (entity.kind) {
      case 'Component':
      case 'Resource':
        this.addService(entity, site, place);
        break;
      case 'Group':
      case 'User': {
        const source = place(['metadata', 'name']);
        this.ownerNames.claim(`${entity.kind.toLowerCase()}:${name}`, source);
        this.spellings.owner.of(name);
        const { displayName = null, email = null } = entity.spec.profile;
        this.owners.push({
          ref: name,
          kind: entity.kind === 'Group' ? 'group' : 'user',
          displayName,
          email,
          source,
        });
        break;
      }
      case 'API': {
        this.apiNames.claim(name, place(['metadata', 'name']));
        const endpoint = readApiEndpoint(site);
        if (endpoint !== null) this.apiEndpoints.set(nameKey(name), endpoint);
        break;
      }
      // A System is named by its components' spec.system (spelled as the System spells itself);
      // Domains and Locations say nothing about topology, and Location targets are not followed:
      // every catalog file is given to the import.
      case 'System':
        this.spellings.app.of(name);
        break;
    }
  }

  private addService(entity: ServiceEntity, site: AnnotationSite, place: Place): void {
    const { name } = entity.metadata;
    const { spec } = entity;
    const source = place(['metadata', 'name']);
    this.serviceNames.claim(name, source);
    this.spellings.service.of(name);
    const addresses = readAddresses(site);
    this.services.push({
      name,
      app: spec.system === undefined ? null : parseEntityRef(spec.system).name,
      owner: spec.owner === undefined ? null : parseEntityRef(spec.owner).name,
      workloadSelector: readWorkloadSelector(site),
      ...(addresses ? { addresses } : {}),
      origin: 'catalog',
      source,
    });
    const caller = new CallerEndpoints(site, name);
    this.callers.push(caller);
    spec.dependsOn.forEach((ref, index) => {
      this.dependencies.push(
        caller.dependencyTo(parseEntityRef(ref).name, place(['spec', 'dependsOn', index])),
      );
    });
    spec.dependencyOf.forEach((ref, index) => {
      const from = parseEntityRef(ref).name;
      this.dependents.push({ from, to: name, source: place(['spec', 'dependencyOf', index]) });
    });
    spec.providesApis.forEach((ref, index) => {
      const api = parseEntityRef(ref).name;
      this.providedApis.push({ api, service: name, source: place(['spec', 'providesApis', index]) });
    });
    spec.consumesApis.forEach((ref, index) => {
      const api = parseEntityRef(ref).name;
      this.consumptions.push({ api, caller, source: place(['spec', 'consumesApis', index]) });
    });
  }
}
