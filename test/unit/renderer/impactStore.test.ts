import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  FaultlineApi,
  ImpactProgress,
  ImpactReport,
  ImpactRequest,
  Result,
} from '../../../preload/contract';
import { ImpactStore } from '../../../renderer/src/state/impactStore';

const rule = 'sg-0619411f266f96a8d/ingress/0/1';
const report = { risk: { level: 'high', reasons: [] } } as unknown as ImpactReport;

/** An API whose impact answers are resolved, and whose progress events are sent, by the test. */
function fakeApi() {
  const calls: { request: ImpactRequest; answer: (result: Result<ImpactReport>) => void }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const api = {
    impact: (request: ImpactRequest) =>
      new Promise<Result<ImpactReport>>((answer) => calls.push({ request, answer })),
    impactReport: async () => ({ ok: true, value: { format: 'md', text: '# impact', report } }),
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  } as unknown as FaultlineApi;
  const progress = (payload: ImpactProgress) => listeners.get('impactProgress')?.(payload);
  return { api, calls, progress };
}

describe('the what-if store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once for a burst of edits, after the quiet time, with every edit in order', async () => {
    const { api, calls } = fakeApi();
    const store = new ImpactStore(api, { save: () => {}, debounceMs: 300 });
    store.setSnapshot(4);
    store.addEdit({ op: 'remove-rule', rule });
    store.addEdit({ op: 'add-group', eni: 'eni-1', groupId: 'sg-2' });
    expect(store.getState().status).toBe('running');
    expect(store.getState().open).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.request)).toEqual([
      {
        snapshotId: 4,
        change: {
          title: 'What-if',
          edits: [
            { op: 'remove-rule', rule },
            { op: 'add-group', eni: 'eni-1', groupId: 'sg-2' },
          ],
        },
      },
    ]);
    calls[0]?.answer({ ok: true, value: report });
    await vi.runAllTimersAsync();
    expect(store.getState()).toMatchObject({ status: 'ready', report, error: null });
  });

  it('shows the progress of the computation running, and a new edit starts it afresh', async () => {
    const { api, calls, progress } = fakeApi();
    const store = new ImpactStore(api, { save: () => {}, debounceMs: 10 });
    progress({ phase: 'comparing', done: 0, total: 1 });
    expect(store.getState().progress).toBeNull();
    store.addEdit({ op: 'remove-rule', rule });
    await vi.advanceTimersByTimeAsync(10);
    progress({ phase: 'flows-after', done: 40, total: 90 });
    expect(store.getState().progress).toEqual({ phase: 'flows-after', done: 40, total: 90 });
    store.addEdit({ op: 'add-group', eni: 'eni-1', groupId: 'sg-2' });
    expect(store.getState()).toMatchObject({ status: 'running', progress: null });
    await vi.advanceTimersByTimeAsync(10);
    calls[1]?.answer({ ok: true, value: report });
    await vi.runAllTimersAsync();
    progress({ phase: 'approvers', done: 1, total: 1 });
    expect(store.getState()).toMatchObject({ status: 'ready', progress: null });
  });

  it('drops an answer to an older input, and empties when the edits are cleared', async () => {
    const { api, calls } = fakeApi();
    const store = new ImpactStore(api, { save: () => {}, debounceMs: 10 });
    store.addEdit({ op: 'remove-rule', rule });
    await vi.advanceTimersByTimeAsync(10);
    store.clear();
    calls[0]?.answer({ ok: true, value: report });
    await vi.runAllTimersAsync();
    expect(store.getState()).toMatchObject({ status: 'idle', report: null });
  });

  it('shows an error next to the edit its place names', async () => {
    const { api, calls } = fakeApi();
    const store = new ImpactStore(api, { save: () => {}, debounceMs: 10 });
    store.addEdit({ op: 'add-group', eni: 'eni-1', groupId: 'sg-2' });
    store.addEdit({ op: 'remove-rule', rule: 'sgr-missing' });
    await vi.advanceTimersByTimeAsync(10);
    calls[0]?.answer({
      ok: false,
      error: { code: 'bad-input', message: 'no security group rule sgr-missing', place: '$.edits[1].rule' },
    });
    await vi.runAllTimersAsync();
    expect(store.getState().error).toEqual({
      message: 'no security group rule sgr-missing',
      place: '$.edits[1].rule',
      editId: 2,
    });
  });

  it('compares snapshots and imports plans as other inputs, and saves reports it is asked for', async () => {
    const { api, calls } = fakeApi();
    const saved: string[] = [];
    const store = new ImpactStore(api, { save: (_blob, name) => saved.push(name), debounceMs: 10 });
    store.setSnapshot(2);
    store.importPlan('plan.json', new TextEncoder().encode('{}'));
    await vi.advanceTimersByTimeAsync(10);
    store.compare(1, 2);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.map((c) => c.request)).toEqual([
      { snapshotId: 2, plan: { name: 'plan.json', data: new TextEncoder().encode('{}') } },
      { compare: [1, 2] },
    ]);
    await store.downloadReport('md');
    expect(saved).toEqual(['faultline-impact-high.md']);
  });

  it('starts afresh on another snapshot: edits name objects of one', () => {
    const { api } = fakeApi();
    const store = new ImpactStore(api, { save: () => {} });
    store.setSnapshot(1);
    store.addEdit({ op: 'remove-rule', rule });
    store.setSnapshot(2);
    expect(store.getState()).toMatchObject({ snapshotId: 2, status: 'idle', open: true });
    expect(store.getState().edits.items).toEqual([]);
  });
});
