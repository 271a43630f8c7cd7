import type { ApplicationModel, ServiceDependency } from '../core/applications/model';
import { visibleText } from '../core/findings/visibleText';
import { formatTable } from './format';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function observedText(d: ServiceDependency): string {
  if (!d.observed) return '';
  const { records, accepted, rejected } = d.observed;
  return `${plural(records, 'record')} (${accepted} accepted, ${rejected} rejected)`;
}

/** Its workload count, or, for a service outside the estate, the internet addresses it is reached at. */
function where(service: ApplicationModel['apps'][number]['services'][number]): string {
  const outside = service.workloadIds.length === 0 && service.addresses?.length;
  return outside ? `at ${service.addresses?.join(', ')}` : plural(service.workloadIds.length, 'workload');
}

/** The busiest are what a reader scans for; `--json` has every conversation the model keeps. */
const outsideClientsPrinted = 20;

/**
 * Apps with their services, workload counts and owners; then the unassigned; then dependencies; then
 * the consumed APIs nobody provides, whose dependencies are missing; then the busiest clients from
 * outside any service.
 */
export function formatApplications(model: ApplicationModel): string {
  const apps = model.apps.flatMap((app) => [
    `${app.name}${app.owners.length ? `  owners: ${app.owners.join(', ')}` : ''}`,
    ...app.services.map(
      (s) =>
        `  ${s.name}  ${where(s)}${s.owners.length ? `  owners: ${s.owners.join(', ')}` : ''}  (${s.origins.join(', ')})`,
    ),
  ]);
  const unassigned = model.unassigned.map(
    (u) => `  ${u.workloadId}  ${u.kind}${u.name ? `  ${u.name}` : ''}  ${u.reason}`,
  );
  const dependencies = formatTable(
    ['FROM', 'TO', 'PROTOCOL', 'PORT', 'SOURCE', 'OBSERVED'],
    model.dependencies.map((d) => [
      d.from,
      d.to,
      d.protocol ?? '',
      d.port === null ? '' : String(d.port),
      d.source,
      observedText(d),
    ]),
  );
  const outside = formatTable(
    ['CLIENT', 'SERVER', 'SERVICE', 'PROTOCOL', 'PORT', 'RECORDS'],
    model.outsideFlows
      .slice(0, outsideClientsPrinted)
      .map((f) => [
        f.client,
        f.server,
        f.service,
        f.protocol,
        f.port === null ? '' : String(f.port),
        String(f.records),
      ]),
  );
  const unresolved = formatTable(
    ['CONSUMER', 'API', 'DECLARED AT'],
    model.unresolvedApis.map((u) => [u.consumer, u.api, `${u.source.file} ${u.source.path}`]),
  );
  const unprinted = model.outsideFlows.length - outsideClientsPrinted;
  return [
    `Applications (${model.apps.length})`,
    ...apps.map(visibleText),
    '',
    `Unassigned workloads (${model.unassigned.length})`,
    ...unassigned.map(visibleText),
    '',
    `Dependencies (${model.dependencies.length}; ${unattributedText(model)})`,
    dependencies,
    ...(model.unresolvedApis.length === 0
      ? []
      : [
          '',
          `Consumed APIs no catalog file provides (${model.unresolvedApis.length}; their dependencies are missing until the provider's file is imported)`,
          unresolved,
        ]),
    ...(model.outsideFlows.length === 0
      ? []
      : [
          '',
          `Clients from outside any service (the flow logs' busiest accepted conversations into its workloads)`,
          outside,
          ...(unprinted > 0 ? [`… and ${unprinted} more (--json lists them)`] : []),
        ]),
  ].join('\n');
}

/**
 * The flow-log conversations no dependency stands for: outside every service, and apart from them the
 * ones whose address several VPCs hold for different services, which only a log naming the interface
 * would attribute.
 */
function unattributedText({ unattributedFlows, contestedFlows }: ApplicationModel): string {
  const outside = `${unattributedFlows - contestedFlows} flow-log conversations outside any service`;
  return contestedFlows === 0
    ? outside
    : `${outside}, ${contestedFlows} more at addresses VPCs hold for different services, with no interface-id to tell whose`;
}
