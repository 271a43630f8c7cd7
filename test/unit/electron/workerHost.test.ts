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
      {
        type: 'fatal',
        message: expect.stringMatching(/the folder \/nonexistent-dir\/for\/sure does not exist/),
      },
    ]);
  });

  it('prints a PDF by asking the main process, and passes on the reason when it cannot', async () => {
    const sent: FromWorker[] = [];
    const handle = createWorkerHost((m) => sent.push(m));
    await handle(init(tempDbFile(), sampleDir));
    const change = { edits: [{ op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' }] };
    const call = handle({ type: 'call', id: 9, method: 'impactPdf', args: { change } });
    const print = await until(() => sent.find((m) => m.type === 'print'));
    expect(print.html).toContain('<html');
    await handle({
      type: 'printed',
      id: print.id,
      result: { ok: true, data: new Uint8Array([37, 80, 68, 70]) },
    });
    await call;
    expect(sent.at(-1)).toMatchObject({
      type: 'result',
      id: 9,
      result: {
        ok: true,
        value: { data: new Uint8Array([37, 80, 68, 70]), fileName: expect.stringMatching(/\.pdf$/) },
      },
    });
    const failing = handle({ type: 'call', id: 10, method: 'impactPdf', args: { change } });
    const second = await until(() => sent.filter((m) => m.type === 'print')[1]);
    await handle({ type: 'printed', id: second.id, result: { ok: false, message: 'printToPDF failed' } });
    await failing;
    expect(sent.at(-1)).toMatchObject({
      type: 'result',
      id: 10,
      result: { ok: false, error: { code: 'unavailable', message: 'printToPDF failed' } },
    });
  });
});

/** Waits for the worker to send something: the impact is computed before it asks to print. */
async function until<T>(find: () => T | undefined): Promise<NonNullable<T>> {
  for (let i = 0; i < 500; i++) {
    const found = find();
    if (found) return found as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the worker sent nothing');
}
