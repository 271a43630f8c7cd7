import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { tempDbFile } from '../helpers/tempWorkspace';

// Two VPCs with the same range 10.20.0.0/16: 10.20.16.2 is orders-db in one and analytics-db in the
// other. The flow log was recorded on order-api's interface, in the first.
const dir = fileURLToPath(new URL('../../fixtures/aws/overlapping-vpcs', import.meta.url));

it('attributes flow-log records to the workloads of the VPC of the interface that logged them', async () => {
  const { service, close } = await createService({ dbFile: tempDbFile() });
  const { snapshot } = await service.importPaths([dir]);
  const model = await service.applications({ snapshotId: snapshot.id });
  expect(model.dependencies.map((d) => [d.from, d.to, d.port, d.source, d.observed?.records])).toEqual([
    ['order-api', 'orders-db', 5432, 'both', 2],
  ]);
  expect(model.unattributedFlows).toBe(0);
  close();
});
