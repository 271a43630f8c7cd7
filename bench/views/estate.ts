import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Random } from '../estate/random';
import { generateEstate } from '../estateGenerator';

export interface ViewEstateSizes {
  readonly workloads: number;
  readonly segments: number;
  readonly apps: number;
  readonly servicesPerApp: number;
  readonly teams: number;
}

export const viewEstateSizes: ViewEstateSizes = {
  workloads: 5_000,
  segments: 500,
  apps: 300,
  servicesPerApp: 3,
  teams: 40,
};

/**
 * The bench estate with an application side: every ENI tagged with an app, service and team
 * (round-robin, so services spread over subnets and groups as real ones do), and a dependencies file
 * of one to three calls per service.
 */
export async function generateViewEstate(
  dir: string,
  sizes: ViewEstateSizes = viewEstateSizes,
): Promise<void> {
  await generateEstate(dir, {
    enis: sizes.workloads,
    groups: sizes.segments,
    rules: sizes.segments * 20,
    subnets: 50,
    vpcs: 5,
  });
  const services = sizes.apps * sizes.servicesPerApp;
  const file = join(dir, 'describe-network-interfaces.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as {
    NetworkInterfaces: { TagSet: { Key: string; Value: string }[] }[];
  };
  doc.NetworkInterfaces.forEach((eni, i) => {
    const service = i % services;
    const app = Math.floor(service / sizes.servicesPerApp);
    eni.TagSet = [
      ...eni.TagSet.filter((tag) => !['app', 'service', 'team'].includes(tag.Key)),
      { Key: 'app', Value: `app-${app}` },
      { Key: 'service', Value: `svc-${service}` },
      { Key: 'team', Value: `team-${app % sizes.teams}` },
    ];
  });
  await writeFile(file, JSON.stringify(doc, null, 4));
  const random = new Random(7);
  const rows = ['service,depends_on,protocol,port,owner'];
  for (let s = 0; s < services; s++) {
    const calls = 1 + random.int(3);
    for (let c = 0; c < calls; c++) {
      const target = random.int(services);
      if (target !== s)
        rows.push(
          `svc-${s},svc-${target},tcp,${8000 + (target % 100)},team-${Math.floor(s / sizes.servicesPerApp) % sizes.teams}`,
        );
    }
  }
  await writeFile(join(dir, 'dependencies.csv'), `${rows.join('\n')}\n`);
}
