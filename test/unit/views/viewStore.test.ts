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
});
