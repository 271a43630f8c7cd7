import { describe, expect, it } from 'vitest';
import { createWorkerHost } from '../../../main/electron/workerHost';
import type { FromWorker } from '../../../main/electron/workerProtocol';
import { sampleCounts, sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const init = (dbFile: string, seedSampleFrom: string | null) =>
  ({ type: 'init', dbFile, seedSampleFrom, nativeBinding: null }) as const;

describe('worker host', () => {
  it('answers calls made before init with an error value, not a crash', async () => {
    const sent: FromWorker[] = [];
    const handle = createWorkerHost((m) => sent.push(m));
    await handle({ type: 'call', id: 1, method: 'listSnapshots', args: {} });
    expect(sent).toEqual([
      {
        type: 'result',
        id: 1,
        result: { ok: false, error: { code: 'internal', message: 'The workspace is not open yet.' } },
      },
    ]);
  });

  it('opens the workspace with the sample on first start, then answers calls by id with progress events', async () => {
    const sent: FromWorker[] = [];
    const handle = createWorkerHost((m) => sent.push(m));
    await handle(init(tempDbFile(), sampleDir));
    expect(sent.filter((m) => m.type === 'event').length).toBeGreaterThan(0);
    expect(sent.at(-1)).toEqual({ type: 'ready' });
    await handle({ type: 'call', id: 7, method: 'listSnapshots', args: {} });
    const answer = sent.at(-1);
    expect(answer).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
    const [snapshot] = (answer as { result: { value: { counts: unknown }[] } }).result.value;
    expect(snapshot?.counts).toEqual(sampleCounts());
    await handle({ type: 'call', id: 8, method: 'deleteSnapshot', args: { id: 'all' } });
    expect(sent.at(-1)).toMatchObject({
      type: 'result',
      id: 8,
      result: { ok: false, error: { code: 'invalid-argument' } },
    });
  });

  it('reports a workspace it cannot open as fatal', async () => {
    const sent: FromWorker[] = [];
    await createWorkerHost((m) => sent.push(m))(init('/nonexistent-dir/for/sure/x.db', null));
    expect(sent).toEqual([
      { type: 'fatal', message: expect.stringMatching(/directory does not exist|unable to open/i) },
    ]);
  });
});
