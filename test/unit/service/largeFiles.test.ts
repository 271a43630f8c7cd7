import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallestPooledBytes } from '../../../main/core/input/fileBuffers';
import { createService } from '../../../main/service/createService';
import { Workspace } from '../../../main/store/workspace';
import { fixtureList } from '../aws/fixtures';
import { tempDbFile } from '../helpers/tempWorkspace';

describe('importing files read into the same memory one after another', () => {
  it('keeps every export byte for byte and reads every record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-large-'));
    try {
      const [vpc] = fixtureList('vpcs.json', 'Vpcs') as Record<string, unknown>[];
      // Sizes that differ, so a file read where a larger one was shows if it kept the larger's tail.
      for (const [page, count] of [5000, 3000, 4000, 2500].entries()) {
        const vpcs = Array.from({ length: count }, (_, index) => ({
          ...vpc,
          VpcId: `vpc-${page}${index.toString(16).padStart(16, '0')}`,
        }));
        await writeFile(join(dir, `describe-vpcs-${page}.json`), JSON.stringify({ Vpcs: vpcs }, null, 4));
      }
      const dbFile = tempDbFile();
      const { service, close } = await createService({ dbFile });
      const { snapshot } = await service.importPaths([dir]);
      close();
      expect(snapshot.counts.vpcs).toBe(14_500);
      const workspace = Workspace.open(dbFile);
      try {
        const kept = workspace.snapshots.originalFiles(snapshot.id);
        expect(kept).toHaveLength(4);
        for (const original of kept) {
          const onDisk = await readFile(join(dir, original.file.split('/').at(-1) as string));
          expect(onDisk.byteLength).toBeGreaterThan(smallestPooledBytes);
          expect(workspace.snapshots.readOriginal(snapshot.id, original).equals(onDisk)).toBe(true);
        }
      } finally {
        workspace.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
