import { BadInputError } from '../domain/errors';
import { isInternetAddress, parseIp } from '../domain/ip';
import { isHostileKey } from '../input/hostileKeys';
import { tooLongProblem } from '../input/longestText';
import { type Endpoint, readEndpointText } from './endpoint';
import { docPlace } from './yamlDocuments';

/** Tag key=value pairs a workload must all carry to run this component. */
export const workloadSelectorAnnotation = 'faultline.dev/workload-selector';
/** On a consuming component: `payment-gateway=tcp/8443, orders-db=tcp/5432`, keyed by the called name. */
export const dependenciesAnnotation = 'faultline.dev/dependencies';
/** On an API entity: `tcp/8443`, how its consumers call it unless they say otherwise. */
export const portAnnotation = 'faultline.dev/port';
/** On a service outside the estate: `192.0.2.10, 2001:db8::10`, the internet addresses it is reached at. */
export const addressAnnotation = 'faultline.dev/address';

/** Where an annotation sits, so a bad one is refused with its place. */
export interface AnnotationSite {
  readonly file: string;
  readonly document: number;
  readonly annotations: Readonly<Record<string, string>>;
}

function refuse(site: AnnotationSite, annotation: string, problem: string): BadInputError {
  const place = docPlace(site.document, ['metadata', 'annotations', annotation]);
  return new BadInputError(`${site.file} ${place}: ${problem}`, site.file, place);
}

/** An annotation Faultline reads, or undefined when the entity has none; held to the readers' length limit. */
function annotationText(site: AnnotationSite, annotation: string): string | undefined {
  const text = site.annotations[annotation];
  const tooLong = text === undefined ? null : tooLongProblem(text);
  if (tooLong !== null) throw refuse(site, annotation, tooLong);
  return text;
}

/** `a=1, b=2` as pairs; both sides trimmed, every pair needs a non-empty key and value. */
function readPairs(site: AnnotationSite, annotation: string): [string, string][] | null {
  const text = annotationText(site, annotation);
  if (text === undefined) return null;
  return text.split(',').map((item) => {
    const [key = '', value = '', extra] = item.split('=').map((part) => part.trim());
    if (key === '' || value === '' || extra !== undefined) {
      throw refuse(site, annotation, `${JSON.stringify(item.trim())} is not written as key=value`);
    }
    if (isHostileKey(key)) throw refuse(site, annotation, `the key ${key} is not allowed in an import`);
    return [key, value];
  });
}

/** Pairs with distinct keys: a key given twice is a mistake one of which would be silently lost. */
function readPairMap(site: AnnotationSite, annotation: string): Map<string, string> | null {
  const pairs = readPairs(site, annotation);
  if (pairs === null) return null;
  const map = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (map.has(key)) throw refuse(site, annotation, `${key} is given twice`);
    map.set(key, value);
  }
  return map;
}

export function readWorkloadSelector(site: AnnotationSite): Readonly<Record<string, string>> | null {
  const pairs = readPairMap(site, workloadSelectorAnnotation);
  return pairs === null ? null : Object.fromEntries(pairs);
}

/** The endpoints a component says it calls its dependencies on, by the called name. */
export function readDependencyEndpoints(site: AnnotationSite): Map<string, Endpoint> {
  const endpoints = new Map<string, Endpoint>();
  for (const [target, text] of readPairMap(site, dependenciesAnnotation) ?? []) {
    endpoints.set(target, endpointOrRefuse(site, dependenciesAnnotation, text));
  }
  return endpoints;
}

/**
 * The internet addresses of a service outside the estate, or null without the annotation. A private
 * address would be a workload of the snapshot, which the workload selector finds instead.
 */
export function readAddresses(site: AnnotationSite): string[] | null {
  const text = annotationText(site, addressAnnotation);
  if (text === undefined) return null;
  return text.split(',').map((item) => {
    const written = item.trim();
    const address = parseIp(written);
    if (address === null)
      throw refuse(site, addressAnnotation, `${JSON.stringify(written)} is not an IP address`);
    if (!isInternetAddress(address)) {
      throw refuse(
        site,
        addressAnnotation,
        `${written} is not an internet address: a private one belongs to a workload, which faultline.dev/workload-selector finds`,
      );
    }
    return written;
  });
}

export function readApiEndpoint(site: AnnotationSite): Endpoint | null {
  const text = annotationText(site, portAnnotation);
  return text === undefined ? null : endpointOrRefuse(site, portAnnotation, text);
}

function endpointOrRefuse(site: AnnotationSite, annotation: string, text: string): Endpoint {
  const endpoint = readEndpointText(text);
  if (typeof endpoint === 'string') throw refuse(site, annotation, endpoint);
  return endpoint;
}

/** Refuses a dependencies annotation naming something the component does not call: likely a typo. */
export function refuseUnusedEndpoint(site: AnnotationSite, target: string, consumer: string): BadInputError {
  return refuse(
    site,
    dependenciesAnnotation,
    `${target} is not something ${consumer} depends on (its spec.dependsOn, or the other's spec.dependencyOf) or calls through an API (spec.consumesApis)`,
  );
}
