import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

// order-api and orders-db of the bundled sample (resources/sample/README.md).
const flow = {
  source: 'eni-06aeba120f9f0cbc2',
  destination: 'eni-095ec1b4e3ae251c3',
  protocol: 'tcp',
  port: 5432,
};

describe('checkFlow through the API', () => {
  it('answers for the newest snapshot by default, or the one named, with the explanation', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    const answer = await dispatch(service, 'checkFlow', flow);
    expect(answer).toMatchObject({ ok: true, value: { allowed: true, protocol: 'tcp', port: 5432 } });
    const layers = answer.ok
      ? (answer.value as { explanation: { layer: string; verdict: string }[] }).explanation
      : [];
    expect(layers.map((l) => `${l.layer}:${l.verdict}`)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'sg-ingress:allow',
      'nacl-reply:allow',
    ]);
    expect(await dispatch(service, 'checkFlow', { ...flow, snapshotId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no snapshot 42 in this workspace.' },
    });
    close();
  });

  it('turns impossible flows into bad-input values and malformed arguments into invalid-argument', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    expect(await dispatch(service, 'checkFlow', { ...flow, source: '10.9.9.9' })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: 'no ENI, instance or private IP "10.9.9.9" in this snapshot' },
    });
    expect(await dispatch(service, 'checkFlow', { ...flow, protocol: 'udp', port: null })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(await dispatch(service, 'checkFlow', { ...flow, port: 70000 })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: expect.stringMatching(/^Invalid arguments to checkFlow: port/),
      },
    });
    close();
  });

  it('says so when the workspace has no snapshot yet', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    expect(await dispatch(service, 'checkFlow', flow)).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'This workspace has no snapshot yet: import one first.' },
    });
    close();
  });
});
