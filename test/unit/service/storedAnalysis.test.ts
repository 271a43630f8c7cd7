import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

describe('analysis results kept with the snapshot', () => {
  it('computes the segment graph and the topology once, and reads them back after a restart', async () => {
    const dbFile = tempDbFile();
    const first = await createService({ dbFile, seedSampleFrom: sampleDir });
    const graph = await first.service.segmentGraph({});
    const topology = await first.service.topology({});
    first.close();

    // Mark the stored rows: if the next start computed them again, the marks would be gone.
    const raw = new Database(dbFile);
    const kinds = raw.prepare('SELECT kind FROM analysis_result ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['segment-graph', 'topology']);
    const rows = raw.prepare('SELECT kind, data FROM analysis_result').all() as {
      kind: string;
      data: Buffer;
    }[];
    for (const { kind, data } of rows) {
      const marked = { ...JSON.parse(brotliDecompressSync(data).toString('utf8')), marked: 1 };
      raw
        .prepare('UPDATE analysis_result SET data = ? WHERE kind = ?')
        .run(brotliCompressSync(JSON.stringify(marked)), kind);
    }
    raw.close();

    const second = await createService({ dbFile });
    const graphAgain = await second.service.segmentGraph({});
    expect(graphAgain).toEqual({ ...graph, marked: 1 });
    expect(await second.service.topology({})).toEqual({ ...topology, marked: 1 });

    // New tag keys change the apps, so the topology is computed again; the segment graph is not.
    await second.service.tagKeys({ set: { app: ['application'], service: ['service'], owner: ['team'] } });
    const retagged = (await second.service.topology({})) as typeof topology & { marked?: number };
    expect(retagged.marked).toBeUndefined();
    expect((await second.service.segmentGraph({})) as typeof graph & { marked?: number }).toMatchObject({
      marked: 1,
    });
    second.close();
  });
});
