/** The "Application sources" section of the README: the catalog, the flow logs and where they disagree. */
import type { Catalog, Declaration, Entity } from './catalog';
import { type Dependency, dependencies, externals } from './deps';
import type { FlowLogFile } from './flowLogs';
import type { Model } from './model';
import { FLOW_LOG_DAY, FLOW_LOG_ID, INTERNET_CLIENT_RANGES, SELECTOR_ANNOTATION } from './sources';

const code = (s: string) => `\`${s}\``;
const port = (d: Pick<Dependency, 'protocol' | 'port'>) =>
  d.protocol === 'icmp' ? `icmp type ${d.port}` : `${d.protocol}/${d.port}`;
const spec = (e: Entity) => e.spec as Record<string, string | string[] | undefined>;
const list = (x: string | string[] | undefined) => (Array.isArray(x) && x.length > 0 ? x.join(', ') : '-');
const declared = (d: Declaration) => `${d.from} -> ${d.to} ${port(d)}`;

export function sourcesSection(model: Model, catalog: Catalog, flowLogs: FlowLogFile[]): string[] {
  const of = (kind: Entity['kind']) => catalog.entities.filter((e) => e.kind === kind);
  const kinds = [...new Set(catalog.entities.map((e) => e.kind))];
  const records = flowLogs.flatMap((f) => f.lines.slice(1));
  const count = (status: string) => records.filter((r) => r.endsWith(status)).length;
  const enisOf = (selector: string | undefined) =>
    model.enis.filter((e) => e.owner && selector === `app=${e.owner.app},service=${e.owner.service}`).length;
  const blocked = dependencies.filter((d) => d.expect !== 'allowed');
  return [
    '## Application sources',
    '',
    'What the application side says, next to the network above: a Backstage catalog (declared) and one day of VPC',
    'flow logs (observed). Both come from the same model and the same dependency table, with three deliberate',
    'differences listed below.',
    '',
    '### Catalog',
    '',
    `${code('catalog/catalog-info.yaml')}: ${catalog.entities.length} entities (${kinds.map((k) => `${of(k).length} ${k}`).join(', ')}),`,
    'multi-document YAML, `apiVersion: backstage.io/v1alpha1`. One System per app, one Component per service, owned by',
    'the team Group (`group:<team>`); each Group has `spec.type: team`, the owner as `spec.profile.email` and one User member.',
    'Every Component carries `faultline.dev/workload-selector: "app=<app>,service=<service>"` (the app and service tags of',
    'instances, and of the RDS, Lambda and ALB ENIs) and, when it calls anything, `faultline.dev/dependencies:',
    '"<service>=tcp/<port>, ..."`. Calls to a component are in `spec.dependsOn` (`component:<service>`), calls to',
    'the payment provider, the fraud-model bucket and the SQS queue name Resources (`resource:<name>`), and calls to',
    'payment-gateway and inventory-api go through their APIs (`consumesApis`), so the annotation names the provider.',
    '',
    '| system | owner | components |',
    '| --- | --- | --- |',
    ...of('System').map(
      (s) =>
        `| ${s.metadata.name} | ${spec(s).owner} | ${list(
          of('Component')
            .filter((c) => spec(c).system === s.metadata.name)
            .map((c) => c.metadata.name),
        )} |`,
    ),
    '',
    '| component | type | owner | ENIs matched | dependsOn | consumesApis | providesApis |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...of('Component').map((c) => {
      const s = spec(c);
      const n = enisOf(c.metadata.annotations?.[SELECTOR_ANNOTATION]);
      return `| ${c.metadata.name} | ${s.type} | ${s.owner} | ${n} | ${list(s.dependsOn)} | ${list(s.consumesApis)} | ${list(s.providesApis)} |`;
    }),
    '',
    `APIs: ${of('API')
      .map((a) => `${a.metadata.name} (${spec(a).owner})`)
      .join(', ')}. Resources: ${of('Resource')
      .map((r) => `${r.metadata.name} (${spec(r).type})`)
      .join(', ')}.`,
    `Users: ${of('User')
      .map((u) => `${u.metadata.name} <${(spec(u).profile as unknown as { email: string }).email}>`)
      .join(', ')} (grace owns the data team, which owns only prod-data-nacl).`,
    '',
    `Declared dependencies: ${catalog.declarations.length} (${catalog.declarations.filter((d) => d.api).length} through an API).`,
    `Not declared because the client is outside the catalog (flow logs show them from the clients below):`,
    ...catalog.inbound.map((d) => `- ${d.from} -> ${d.to} ${port(d)} (${d.purpose})`),
    '',
    '### Declared vs observed: the deliberate differences',
    '',
    'Only the flow logs show (intended, allowed, but missing from the catalog):',
    ...catalog.undeclared.map((d) => `- ${d.from} -> ${d.to} ${port(d)} (${d.purpose})`),
    '',
    'Declared but never observed (a stale declaration; the network does allow it):',
    `- ${declared(catalog.stale)}, in catalog-api's dependsOn and annotation.`,
    '',
    'Declared and observed but rejected (the blocked dependencies of problem 3):',
    ...blocked.map((d) => {
      const how = catalog.declarations.find((x) => x.from === d.from && x.to === d.to);
      return `- ${d.from} -> ${d.to} ${port(d)}${how?.api ? ` (declared through ${how.api})` : ''}`;
    }),
    '',
    '### Flow logs',
    '',
    `Flow log ${code(FLOW_LOG_ID)}, all ENIs, delivered to S3 for ${FLOW_LOG_DAY}: ${records.length} records`,
    `(${count(' OK') - count('REJECT OK')} ACCEPT, ${count('REJECT OK')} REJECT, ${count('NODATA')} NODATA), default version-2 format with its header line, gzip:`,
    '',
    ...flowLogs.map((f) => `- ${code(`flowlogs/${f.path}`)} (${f.lines.length - 1} records)`),
    '',
    '- Every intended dependency appears as conversations: the request from a client port in 32768-60999 to the',
    '  server port and the reply back, each logged on the ENI of both ends (each ENI logs its own traffic). Traffic',
    '  to the payment provider is also logged on the NAT gateway ENI, both as the client and as the NAT address;',
    `  S3 through the gateway endpoint only on the client ENI. Stopped ${model.instances.find((i) => i.state === 'stopped')?.name} sends and receives nothing.`,
    '- The two blocked dependencies: the client ENI logs its request as ACCEPT (its own groups and NACL let it out)',
    '  and the destination ENI logs REJECT (its security group, respectively the prod-data-nacl ingress, drops it);',
    '  there is no reply. Flow logs alone do not tell the two layers apart.',
    `- Internet clients of the ALB come from the documentation ranges ${INTERNET_CLIENT_RANGES.join(' and ')}`,
    `  (the office address ${externals['corp-office'].ip} lies in the first). Every other address is an ENI of the sample,`,
    `  the payment provider ${externals.psp.ip} or the S3 address ${externals.s3.ip}.`,
    '- NODATA records on the stopped build agent and the two secondary ENIs (DeviceIndex 1).',
    '',
  ];
}
