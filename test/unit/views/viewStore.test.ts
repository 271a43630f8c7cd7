import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { apiMethodNames, type FaultlineApi } from '../../../preload/contract';
import { ViewStore } from '../../../renderer/src/state/viewStore';
import { tempDbFile } from '../helpers/tempWorkspace';

const sample = join(import.meta.dirname, '../../../resources/sample');
let api: FaultlineApi;
let close: () => void;
let snapshotId: number;

beforeAll(async () => {
  const created = await createService({ dbFile: tempDbFile(), seedSampleFrom: sample });
  close = created.close;
  // The renderer's API, answered by the real service through the same dispatch the bridge uses.
  api = Object.fromEntries(
    apiMethodNames.map((method) => [method, (args: unknown) => dispatch(created.service, method, args)]),
  ) as unknown as FaultlineApi;
  api.on = () => () => {};
  const [snapshot] = await created.service.listSnapshots();
  if (!snapshot) throw new Error('the sample was not seeded');
  snapshotId = snapshot.id;
});

afterAll(() => close());

describe('the views store', () => {
  it('loads the four answers into one index', async () => {
    const store = new ViewStore(api, 'light');
    await store.load(snapshotId);
    const state = store.getState();
    expect(state.status).toBe('ready');
    expect(state.index?.apps.size).toBe(10);
    expect(state.index?.members.get('sg-0cf7caca1e2b8e64e')).toHaveLength(20);
  });

  it('reports a snapshot that is not there instead of drawing nothing', async () => {
    const store = new ViewStore(api, 'light');
    await store.load(snapshotId + 100);
    expect(store.getState()).toMatchObject({ status: 'error', index: null });
    expect(store.getState().error).toMatch(/snapshot/i);
  });

  it('keeps one selection: choosing a finding replaces it, selecting clears the finding', async () => {
    const store = new ViewStore(api, 'light');
    await store.load(snapshotId);
    store.select('app:orders');
    const finding = store.getState().index?.data.findings.findings.find((f) => f.kind === 'owner-mismatch');
    if (!finding) throw new Error('the sample has owner mismatches');
    store.chooseFinding(finding);
    expect(store.getState()).toMatchObject({ selection: null, focus: { findingId: finding.id } });
    store.chooseFinding(finding);
    expect(store.getState().focus).toBeNull();
    store.chooseFinding(finding);
    store.select('svc:order-api');
    expect(store.getState()).toMatchObject({ selection: 'svc:order-api', focus: null });
  });

  it('answers a reachability question with the engine’s verdict', async () => {
    const store = new ViewStore(api, 'light');
    await store.load(snapshotId);
    store.editReach({ source: 'eni-0b5be2d0910b12c9b', destination: 'eni-095ec1b4e3ae251c3', port: '5432' });
    await store.checkReach();
    const answer = store.getState().answer;
    expect(answer.status === 'answered' && answer.verdict.allowed).toBe(false);
    store.editReach({ port: 'eighty' });
    await store.checkReach();
    expect(store.getState().answer).toEqual({
      status: 'failed',
      message: 'The port must be a whole number.',
    });
  });

  it('asks icmp for its type and a protocol number for no port at all', async () => {
    const store = new ViewStore(api, 'light');
    await store.load(snapshotId);
    const ask = async (patch: Parameters<ViewStore['editReach']>[0]) => {
      store.editReach(patch);
      await store.checkReach();
      return store.getState().answer;
    };
    store.editReach({ source: 'eni-0b5be2d0910b12c9b', destination: 'eni-095ec1b4e3ae251c3', port: 'echo' });
    const failed = (message: string) => ({ status: 'failed', message });
    expect(await ask({ protocol: 'icmp' })).toEqual(failed('The ICMP type must be a whole number.'));
    const icmp = await ask({ port: '8' });
    expect(icmp.status === 'answered' && [icmp.verdict.protocol, icmp.verdict.port]).toEqual(['icmp', 8]);
    // The port field still holds 8 from the icmp question; protocol 50 has no port, so it is not sent.
    const esp = await ask({ protocol: ' 50 ' });
    expect(esp.status === 'answered' && [esp.verdict.protocol, esp.verdict.port]).toEqual(['50', null]);
    expect(await ask({ protocol: '' })).toEqual(failed('Give the IP protocol number, from 0 to 255.'));
    const refused = await ask({ protocol: '300' });
    expect(refused.status === 'failed' && refused.message).toMatch(/300/);
  });
});

describe('the views store while a snapshot is analysed', () => {
  it("shows the service's progress for that snapshot and each part as it arrives, then clears them", async () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const created = await createService({
      dbFile: tempDbFile(),
      seedSampleFrom: sample,
      emit: (event, payload) => listeners.get(event)?.(payload),
    });
    try {
      const relay = Object.fromEntries(
        apiMethodNames.map((method) => [method, (args: unknown) => dispatch(created.service, method, args)]),
      ) as unknown as FaultlineApi;
      relay.on = (event, listener) => {
        listeners.set(event, listener as (payload: unknown) => void);
        return () => listeners.delete(event);
      };
      const [snapshot] = await created.service.listSnapshots();
      const store = new ViewStore(relay, 'light');
      const seen: { phase: string | null; snapshotId: number | null; received: number }[] = [];
      let foreignSent = false;
      store.subscribe(() => {
        const { progress, received, status } = store.getState();
        if (status !== 'loading') return;
        seen.push({
          phase: progress?.phase ?? null,
          snapshotId: progress?.snapshotId ?? null,
          received: received.length,
        });
        // Progress of another snapshot, arriving while this one loads, is not shown.
        if (!foreignSent) {
          foreignSent = true;
          listeners.get('analysisProgress')?.({ snapshotId: 999, phase: 'flows', done: 1, total: 2 });
        }
      });
      await store.load(snapshot?.id as number);

      expect(foreignSent).toBe(true);
      expect(seen.map((s) => s.phase)).toEqual(expect.arrayContaining(['loading', 'flows', 'findings']));
      expect(seen.some((s) => s.snapshotId === 999)).toBe(false);
      expect(seen.some((s) => s.phase !== null && s.received === 0)).toBe(true);
      const counts = seen.map((s) => s.received);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(new Set(counts)).toEqual(new Set([0, 1, 2, 3, 4]));
      expect(store.getState()).toMatchObject({ status: 'ready', progress: null });
      expect(store.getState().received).toHaveLength(4);
    } finally {
      created.close();
    }
  });
});
