import type { DeclaredDependency, DeclaredService } from '../domain/applications';
import { parseInternetAddress } from '../domain/ip';
import { nameKey } from '../domain/spellings';
import { tooLongProblem } from '../input/longestText';
import type { DependenciesFileContents } from './contents';
import type { DependencyRow } from './dependencyTable';
import { refuseLine } from './dependencyTable';
import { readEndpoint } from './endpoint';

/**
 * Rows to services and dependencies. One bad row refuses the whole file: a partial import would show
 * a topology missing edges with nothing to say they were dropped.
 */
export function readDependencyRows(file: string, rows: readonly DependencyRow[]): DependenciesFileContents {
  const services = new Map<string, DeclaredService>();
  const dependencies: DeclaredDependency[] = [];
  for (const { line, values } of rows) {
    for (const [column, value] of Object.entries(values)) {
      const tooLong = tooLongProblem(value);
      if (tooLong !== null) throw refuseLine(file, line, `${column}: ${tooLong}`);
    }
    const { service = '', depends_on: to = '', owner = '' } = values;
    if (service === '') throw refuseLine(file, line, 'service is empty');
    const endpoint = readEndpoint(values.protocol ?? '', values.port ?? '');
    if (typeof endpoint === 'string') throw refuseLine(file, line, endpoint);
    const source = { file, path: `line ${line}` };
    declareService(services, line, {
      name: service,
      app: null,
      owner: owner === '' ? null : owner,
      workloadSelector: null,
      origin: 'dependencies-file',
      source,
    });
    if (to !== '') {
      dependencies.push({ from: service, to, ...endpoint, origin: 'dependencies-file', source });
      // A call to an internet address is a call to a service outside the estate, named by it.
      if (parseInternetAddress(to) !== null) {
        const outside = { name: to, app: null, owner: null, workloadSelector: null, addresses: [to] };
        declareService(services, line, { ...outside, origin: 'dependencies-file', source });
      }
    } else if (endpoint.protocol !== null || endpoint.port !== null) {
      // A row without depends_on only names the service's owner; a protocol there describes no call.
      throw refuseLine(file, line, 'protocol and port describe the call to depends_on, which is empty');
    }
  }
  return { services: [...services.values()], dependencies };
}

/**
 * A service named on many rows (in any case, as the model compares names) is one service; rows that
 * give it different owners are refused.
 */
function declareService(
  services: Map<string, DeclaredService>,
  line: number,
  service: DeclaredService,
): void {
  const known = services.get(nameKey(service.name));
  if (known?.owner != null && service.owner !== null && nameKey(service.owner) !== nameKey(known.owner)) {
    const problem = `${service.name} is owned by ${service.owner} here but by ${known.owner} on ${known.source.path}`;
    throw refuseLine(service.source.file, line, problem);
  }
  if (known === undefined) services.set(nameKey(service.name), service);
  else if (known.owner === null && service.owner !== null)
    services.set(nameKey(service.name), { ...service, name: known.name });
}
