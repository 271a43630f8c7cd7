/**
 * Writes the bundled sample estate (resources/sample/aws/*.json, catalog/catalog-info.yaml, flowlogs/ (gzip VPC flow logs),
 * kubernetes/ (a kubectl List and a dependencies file) and README.md).
 * Deterministic: the same generator always writes the same bytes. Run with
 * `npx tsx scripts/sample-estate/generate.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog, renderCatalog } from './catalog';
import { checkModel, checkRendered, checkSources } from './check';
import { evaluateDependencies, externals } from './deps';
import { computeFindings } from './findings';
import { buildFlowLogs, gzipLog } from './flowLogs';
import { kubernetesReadme, renderKubernetes, renderMobileDependencies } from './kubernetes';
import { buildModel } from './model';
import { buildReadme, type Counts } from './readme';
import { sourcesSection } from './readmeSources';
import {
  renderAwsPrefixListEntries,
  renderInstancePages,
  renderNetworkAcls,
  renderNetworkInterfaces,
  renderPeering,
  renderPrefixLists,
  renderRouteTables,
  renderSecurityGroups,
  renderSubnets,
  renderTransitGatewayAttachments,
  renderTransitGatewayRoutes,
  renderTransitGateways,
  renderTransitGatewayVpcAttachments,
  renderVpcs,
} from './render';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'resources', 'sample');

const model = buildModel();
checkModel(model);

const [page1, page2] = renderInstancePages(model, 14);
const docs: Record<string, Record<string, unknown>> = {
  'describe-vpcs.json': renderVpcs(model),
  'describe-subnets.json': renderSubnets(model),
  'describe-security-groups.json': renderSecurityGroups(model),
  'describe-network-acls.json': renderNetworkAcls(model),
  'describe-network-interfaces.json': renderNetworkInterfaces(model),
  'describe-instances-page1.json': page1,
  'describe-instances-page2.json': page2,
  'describe-route-tables.json': renderRouteTables(model),
  'describe-vpc-peering-connections.json': renderPeering(model),
  'describe-transit-gateways.json': renderTransitGateways(model),
  'describe-transit-gateway-attachments.json': renderTransitGatewayAttachments(model),
  'describe-transit-gateway-vpc-attachments.json': renderTransitGatewayVpcAttachments(model),
  [`search-transit-gateway-routes.${model.transitGateway.routeTableId}.json`]:
    renderTransitGatewayRoutes(model),
  'describe-managed-prefix-lists.json': renderPrefixLists(model),
  'describe-prefix-lists.json': renderAwsPrefixListEntries(model),
};
checkRendered(docs, model);

const { results, usedRules } = evaluateDependencies(model);
const findings = computeFindings(model, results, usedRules);

const sgRules = model.sgs.reduce(
  (n, g) => n + [...g.ingress, ...g.egress].reduce((m, p) => m + p.peers.length, 0),
  0,
);
const naclEntries = model.nacls.reduce((n, a) => n + a.entries.length, 0);
const counts: Counts = {
  VPCs: model.vpcs.length,
  subnets: model.subnets.length,
  'security groups': model.sgs.length,
  'security group rules (one per peer)': sgRules,
  'security group ingress rules': model.sgs.reduce(
    (n, g) => n + g.ingress.reduce((m, p) => m + p.peers.length, 0),
    0,
  ),
  'security group egress rules': model.sgs.reduce(
    (n, g) => n + g.egress.reduce((m, p) => m + p.peers.length, 0),
    0,
  ),
  'IpPermissions (ingress + egress)': model.sgs.reduce((n, g) => n + g.ingress.length + g.egress.length, 0),
  'network ACLs': model.nacls.length,
  'network ACL entries (incl. 32767 denies)': naclEntries,
  'network ACL entries (excl. 32767 denies)': naclEntries - 2 * model.nacls.length,
  'network interfaces (ENIs)': model.enis.length,
  'ENIs of instances': model.enis.filter((e) => e.kind === 'instance').length,
  instances: model.instances.length,
  'instances running': model.instances.filter((i) => i.state === 'running').length,
  reservations: (page1.Reservations as unknown[]).length + (page2.Reservations as unknown[]).length,
  'reservations on page 1': (page1.Reservations as unknown[]).length,
  'prefix lists': model.prefixLists.length,
  'route tables': model.routeTables.length,
  routes: model.routeTables.reduce((n, t) => n + t.routes.length, 0),
  'peering connections': 1,
  'transit gateways': 1,
  'transit gateway VPC attachments': model.transitGateway.attachments.length,
  'ENIs of transit gateway attachments': model.enis.filter((e) => e.kind === 'transit-gateway').length,
  'intended dependencies': results.length,
  'blocked dependencies': findings.blocked.length,
};

const files = Object.keys(docs);
mkdirSync(join(outDir, 'aws'), { recursive: true });
for (const [name, doc] of Object.entries(docs)) {
  writeFileSync(join(outDir, 'aws', name), `${JSON.stringify(doc, null, 4)}\n`);
}

const catalog = buildCatalog(model);
const flowLogs = buildFlowLogs(model);
checkSources(docs, model, catalog, flowLogs, [externals.psp.ip, externals.s3.ip]);
mkdirSync(join(outDir, 'catalog'), { recursive: true });
writeFileSync(join(outDir, 'catalog', 'catalog-info.yaml'), renderCatalog(catalog));
for (const file of flowLogs) {
  const path = join(outDir, 'flowlogs', file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipLog(file));
}
mkdirSync(join(outDir, 'kubernetes'), { recursive: true });
writeFileSync(join(outDir, 'kubernetes', 'kubectl-get-all.json'), renderKubernetes());
writeFileSync(join(outDir, 'kubernetes', 'mobile-dependencies.yaml'), renderMobileDependencies());
const sources = [...sourcesSection(model, catalog, flowLogs), ...kubernetesReadme()];
writeFileSync(join(outDir, 'README.md'), buildReadme(model, counts, files, results, findings, sources));

console.log(
  `wrote ${files.length} files, catalog-info.yaml, ${flowLogs.length} flow-log files and README.md to ${outDir}`,
);
for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(44)} ${v}`);
