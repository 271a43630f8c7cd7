import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../../main/core/impact/types';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { FaultlineService } from '../../../main/service/faultlineService';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const closePostgres = {
  title: 'Close postgres',
  edits: [
    { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/0' },
    { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' },
  ],
};

let service: FaultlineService;
let close: () => void;
beforeEach(async () => {
  ({ service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: join(sampleDir, '..') }));
});
afterEach(() => close());

describe('impact through the API', () => {
  it('answers a change with the report, leaving the snapshot as it was', async () => {
    const before = await dispatch(service, 'checkFlow', {
      source: 'eni-06aeba120f9f0cbc2',
      destination: 'eni-095ec1b4e3ae251c3',
      protocol: 'tcp',
      port: 5432,
    });
    const answer = await dispatch(service, 'impact', { change: closePostgres });
    expect(answer.ok).toBe(true);
    const report = (answer as { value: ImpactReport }).value;
    expect(report.risk.level).toBe('high');
    expect(report.figures.dependenciesBroken).toBe(2);
    // The change applies to a copy of the estate the service keeps: asking again gives the same answer.
    expect(await dispatch(service, 'impact', { change: closePostgres })).toEqual(answer);
    expect(
      await dispatch(service, 'checkFlow', {
        source: 'eni-06aeba120f9f0cbc2',
        destination: 'eni-095ec1b4e3ae251c3',
        protocol: 'tcp',
        port: 5432,
      }),
    ).toEqual(before);
  });

  it('reads a plan sent as its bytes, and renders reports', async () => {
    const data = readFileSync(join(import.meta.dirname, '../../fixtures/terraform/sample-plan.json'));
    const answer = await dispatch(service, 'impactReport', {
      plan: { name: 'sample-plan.json', data },
      format: 'html',
    });
    expect(answer).toMatchObject({
      ok: true,
      value: { format: 'html', report: { subject: { kind: 'plan' } } },
    });
    const value = (answer as { value: { text: string } }).value;
    expect(value.text).toMatch(/^<!DOCTYPE html>/);
    expect(value.text).toContain('orders_db_from_proxy');
    const md = await dispatch(service, 'impactReport', { change: closePostgres, format: 'md' });
    expect((md as { value: { text: string } }).value.text).toMatch(/^# Change impact: Close postgres\n/);
  });

  it('refuses malformed requests and unknown ids as values with the place', async () => {
    expect(await dispatch(service, 'impact', { change: closePostgres, compare: [1, 1] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('give one of change, plan') },
    });
    expect(
      await dispatch(service, 'impact', {
        change: { edits: [{ op: 'add-group', eni: 'eni-1', groupId: 'web' }] },
      }),
    ).toMatchObject({
      ok: false,
      // Named as the change's own problems are, at the place of the edit (audit P3 #4).
      error: {
        code: 'bad-input',
        message: 'CHANGE.json $.edits[0].groupId: expected an id starting sg-',
        place: '$.edits[0].groupId',
      },
    });
    expect(
      await dispatch(service, 'impact', {
        change: { edits: [{ op: 'remove-rule', rule: 'sgr-0000000000000000' }] },
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'bad-input',
        message: 'CHANGE.json $.edits[0].rule: no security group rule sgr-0000000000000000 in this snapshot',
        place: '$.edits[0].rule',
      },
    });
    expect(await dispatch(service, 'impact', { compare: [1, 7] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(service, 'impactReport', { change: closePostgres, format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });
});
