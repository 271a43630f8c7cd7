import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EstatePlan, planEstate } from './estate/plan';
import type { Json } from './estate/render/common';
import { renderSecurityGroups } from './estate/render/groups';
import { renderNetworkAcls } from './estate/render/nacls';
import { renderPeerings, renderPrefixLists, renderSubnets, renderVpcs } from './estate/render/network';
import { renderRouteTables } from './estate/render/routeTables';
import { transitGatewayDocuments } from './estate/render/transitGateways';
import { renderInstancePages, renderNetworkInterfaces } from './estate/render/workloads';
import { type EstateSizes, fullSizes } from './estate/sizes';

export { type EstateSizes, fullSizes } from './estate/sizes';

export interface GeneratedEstate {
  readonly dir: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly plan: EstatePlan;
}

/** describe-instances is the biggest export; real ones of this size come in pages. */
const instancePages = 4;

function documents(plan: EstatePlan): [string, Json][] {
  return [
    ['describe-vpcs.json', renderVpcs(plan)],
    ['describe-subnets.json', renderSubnets(plan)],
    ['describe-security-groups.json', renderSecurityGroups(plan.groups)],
    ['describe-network-acls.json', renderNetworkAcls(plan)],
    ['describe-network-interfaces.json', renderNetworkInterfaces(plan.enis)],
    ...renderInstancePages(plan.instances, instancePages).map((page, index): [string, Json] => [
      `describe-instances-page${index + 1}.json`,
      page,
    ]),
    ['describe-managed-prefix-lists.json', renderPrefixLists(plan)],
    ['describe-route-tables.json', renderRouteTables(plan)],
    ['describe-vpc-peering-connections.json', renderPeerings(plan)],
    ...transitGatewayDocuments(plan),
  ];
}

/**
 * Writes a synthetic estate as `aws ec2 describe-* --output json` prints it (four-space indent) into
 * `dir`. Deterministic for given sizes and seed; every reference the importer checks resolves.
 */
export async function generateEstate(
  dir: string,
  overrides: Partial<EstateSizes> = {},
): Promise<GeneratedEstate> {
  const plan = planEstate({ ...fullSizes, ...overrides });
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  // One document at a time, so the text of the largest file is the only big string alive.
  for (const [name, document] of documents(plan)) {
    const text = `${JSON.stringify(document, null, 4)}\n`;
    await writeDurably(join(dir, name), text);
    files.push(name);
    bytes += Buffer.byteLength(text);
  }
  return { dir, files, bytes, plan };
}

async function writeDurably(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await flushToDisk(path);
}

/**
 * Flushed to disk before an import reads it: otherwise the kernel writes these hundreds of megabytes
 * back while the import runs, and its fsyncs wait behind them.
 */
export async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
