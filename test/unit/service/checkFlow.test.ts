import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { sampleDir } from '../helpers/sampleCounts';
import { unpackSegmentEdges } from '../helpers/segmentEdges';
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

  it('answers flows out to the internet on the sample: through the internet gateway, the NAT gateway, the S3 endpoint', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    const out = async (source: string, destination: string) => {
      const answer = await dispatch(service, 'checkFlow', {
        source,
        destination,
        protocol: 'tcp',
        port: 443,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as { allowed: unknown; explanation: { layer: string; reason: string }[] };
    };
    // search-indexer's ENI in prod-public-a, which routes 0.0.0.0/0 to the internet gateway.
    expect((await out('eni-0f844d42c96dedeb5', '203.0.113.80')).allowed).toBe(true);
    // storefront in prod-app-a: out through the NAT gateway in prod-public-a, whose ACL is checked too.
    const throughNat = await out('eni-06b92985795909555', '203.0.113.80');
    expect(throughNat.allowed).toBe(true);
    expect(throughNat.explanation[0]?.reason).toContain('via nat-052032ec98af1d2c4, a NAT gateway');
    expect(throughNat.explanation[3]?.reason).toMatch(
      /^entering the NAT gateway's subnet, acl-0ebde312a1830b4c9/,
    );
    // An S3 address takes the gateway endpoint, its prefix list's entries coming from describe-prefix-lists.
    const toS3 = await out('eni-06b92985795909555', '52.218.1.10');
    expect(toS3.explanation[0]?.reason).toContain('via vpce-0105a39d2f04e9808, a gateway endpoint');
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

describe('segmentGraph through the API', () => {
  it('aggregates the allowed flows of the sample by security group, consistent with checkFlow', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    const answer = await dispatch(service, 'segmentGraph', {});
    if (!answer.ok) throw new Error(answer.error.message);
    const graph = answer.value as Awaited<ReturnType<typeof service.segmentGraph>>;
    const backendShared = graph.segments.find((s) => s.groupId === 'sg-0cf7caca1e2b8e64e');
    expect(backendShared).toMatchObject({ name: 'backend-shared', members: 20 });
    // order-api's group reaches rds-postgres on 5432 (allowed above), payments-gateway never on 8443.
    const edges = unpackSegmentEdges(graph);
    const toDb = edges.find(
      (e) =>
        e.fromGroup === 'sg-0dd0baa66bc0f6db5' &&
        e.toGroup === 'sg-0619411f266f96a8d' &&
        e.protocol === 'tcp',
    );
    expect(toDb?.ports.some((r) => r.from <= 5432 && 5432 <= r.to)).toBe(true);
    const toGateway = edges.filter(
      (e) =>
        e.fromGroup === 'sg-0dd0baa66bc0f6db5' &&
        e.toGroup === 'sg-0587bc80ef36fddd5' &&
        e.protocol === 'tcp',
    );
    expect(toGateway.some((e) => e.ports.some((r) => r.from <= 8443 && 8443 <= r.to))).toBe(false);
    expect(await dispatch(service, 'segmentGraph', { snapshotId: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    close();
  });
});
