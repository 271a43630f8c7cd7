import { describe, expect, it } from 'vitest';
import { evaluateAcl } from '../../../main/core/analysis/networkAclLayer';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere } from './exportBuilder';
import { address, check, everyLayerAllows, layer, layers, twoEnis } from './scenario';

type Json = Record<string, unknown>;
const out = (n: number, action: 'allow' | 'deny', protocol: string, cidr: string, ports?: [number, number]) =>
  aclEntry(n, true, action, protocol, cidr, ports ? { ports } : {});
const into = (
  n: number,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  ports?: [number, number],
) => aclEntry(n, false, action, protocol, cidr, ports ? { ports } : {});
const icmpIn = (n: number, action: 'allow' | 'deny', type: number, code: number) =>
  aclEntry(n, false, action, 'icmp', '0.0.0.0/0', { icmp: [type, code] });
/** The server subnet's ACL with these inbound entries, and every outbound allowed. */
const serverInbound = (...entries: Json[]) =>
  twoEnis({ serverAcl: [out(100, 'allow', 'all', '0.0.0.0/0'), ...entries] });

describe('network ACL entries', () => {
  it('are evaluated by rule number, not export order: a lower deny wins over a higher allow', async () => {
    const estate = serverInbound(
      into(200, 'allow', 'tcp', '10.0.1.0/24', [5432, 5432]),
      into(100, 'deny', 'tcp', '10.0.1.10/32'),
    );
    const result = await check(estate, 'tcp', 5432);
    expect(result.allowed).toBe(false);
    expect(layer(result, 'nacl-inbound')).toEqual({
      layer: 'nacl-inbound',
      verdict: 'deny',
      reason:
        'acl-s: inbound rule 100 (deny tcp all ports from 10.0.1.10/32) is the first entry matching tcp/5432 from 10.0.1.10',
      rules: [
        {
          kind: 'network-acl-entry',
          aclId: 'acl-s',
          ruleNumber: 100,
          egress: false,
          action: 'deny',
          protocol: 'tcp',
          cidr: '10.0.1.10/32',
          portRange: null,
          source: { file: 'describe-network-acls.json', path: '$.NetworkAcls[1].Entries[2]' },
        },
      ],
    });
  });

  it('and a lower allow wins over a higher deny', async () => {
    const estate = serverInbound(
      into(200, 'deny', 'all', '0.0.0.0/0'),
      into(90, 'allow', 'tcp', '10.0.1.0/24', [5432, 5432]),
    );
    const result = await check(estate, 'tcp', 5432);
    expect(layer(result, 'nacl-inbound')).toMatchObject({ verdict: 'allow', rules: [{ ruleNumber: 90 }] });
  });

  it('fall to the catch-all 32767 when nothing else matches', async () => {
    const result = await check(
      serverInbound(into(100, 'allow', 'tcp', '10.0.1.0/24', [443, 443])),
      'tcp',
      5432,
    );
    expect(layer(result, 'nacl-inbound')).toMatchObject({
      verdict: 'deny',
      reason:
        'acl-s: inbound rule 32767 (deny all traffic from 0.0.0.0/0) is the first entry matching tcp/5432 from 10.0.1.10',
      rules: [{ ruleNumber: 32767, action: 'deny' }],
    });
  });

  it.each([
    [999, 'deny'],
    [1000, 'allow'],
    [2000, 'allow'],
    [2001, 'deny'],
  ])('match a port range at its edges: tcp 1000-2000 and port %i: %s', async (port, verdict) => {
    const only = serverInbound(into(100, 'allow', 'tcp', '0.0.0.0/0', [1000, 2000]));
    expect(layer(await check(only, 'tcp', port), 'nacl-inbound').verdict).toBe(verdict);
  });

  it('match a CIDR at its edges and keep protocols apart', async () => {
    const estate = serverInbound(into(100, 'allow', 'udp', '10.0.1.8/30'));
    expect(layer(await check(estate, 'udp', 53), 'nacl-inbound').verdict).toBe('allow');
    expect(layer(await check(estate, 'tcp', 53), 'nacl-inbound').verdict).toBe('deny');
    const past = serverInbound(into(100, 'allow', 'udp', '10.0.1.0/29'));
    expect(layer(await check(past, 'udp', 53), 'nacl-inbound').verdict).toBe('deny');
  });

  it('match IPv6 entries against IPv6 flows only', async () => {
    const estate = twoEnis({
      serverAcl: [
        out(100, 'allow', 'all', '::/0'),
        into(100, 'allow', 'tcp', '2600:1f18:0:1::/64'),
        into(110, 'allow', 'tcp', '0.0.0.0/0'),
      ],
      clientAcl: [out(100, 'allow', 'all', '::/0'), into(100, 'allow', 'all', '::/0')],
    });
    const v6 = await check(estate, 'tcp', 443, '2600:1f18:0:1::10', 'eni-s');
    expect(layers(v6).filter((one) => one.startsWith('nacl'))).toEqual([
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'nacl-reply:allow',
    ]);
    expect(layer(v6, 'nacl-inbound').rules).toMatchObject([{ ruleNumber: 100, cidr: '2600:1f18:0:1::/64' }]);
    const v4 = await check(estate, 'tcp', 443);
    expect(layer(v4, 'nacl-outbound').verdict).toBe('deny');
  });

  it('match ICMP by type, -1 being every type; one code only is unknown', async () => {
    const echo = serverInbound(icmpIn(100, 'allow', 8, -1));
    expect(layer(await check(echo, 'icmp', 8), 'nacl-inbound').verdict).toBe('allow');
    expect(layer(await check(echo, 'icmp', 0), 'nacl-inbound').verdict).toBe('deny');
    const every = serverInbound(icmpIn(100, 'allow', -1, -1));
    expect(layer(await check(every, 'icmp', 255), 'nacl-inbound').verdict).toBe('allow');
    const oneCode = await check(serverInbound(icmpIn(100, 'allow', 3, 4)), 'icmp', 3);
    expect(layer(oneCode, 'nacl-inbound')).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringContaining(
        'before it, rule 100 (allow icmp type 3 code 4 from 0.0.0.0/0) might match',
      ),
      rules: [{ ruleNumber: 100 }, { ruleNumber: 32767 }],
    });
    const deniedCode = serverInbound(icmpIn(100, 'deny', 3, 4), into(200, 'allow', 'all', '0.0.0.0/0'));
    expect(layer(await check(deniedCode, 'icmp', 3), 'nacl-inbound').verdict).toBe('unknown');
    // Either way the flow ends allowed, so the code does not matter.
    const sameEither = serverInbound(icmpIn(100, 'allow', 3, 4), into(200, 'allow', 'all', '0.0.0.0/0'));
    expect(layer(await check(sameEither, 'icmp', 3), 'nacl-inbound').verdict).toBe('allow');
  });

  it('do not apply within one subnet', async () => {
    const estate = twoEnis({ sameSubnet: true, clientAcl: [] });
    const result = await check(estate, 'tcp', 5432);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'nacl-outbound')).toMatchObject({
      verdict: 'not-applicable',
      reason:
        'source and destination are both in subnet-c: network ACLs filter only traffic that crosses a subnet boundary',
    });
    expect(layers(result).slice(2)).toEqual([
      'nacl-outbound:not-applicable',
      'nacl-inbound:not-applicable',
      'sg-ingress:allow',
      'nacl-reply:not-applicable',
    ]);
  });

  it('fall back to the VPC default ACL for a subnet without association, and are unknown without one', async () => {
    const estate = twoEnis()
      .subnet('subnet-x', 'vpc-a', '10.0.3.0/24')
      .eni('eni-x', 'subnet-x', { ips: ['10.0.3.5'], groups: ['sg-server'] });
    const unknown = await check(estate, 'tcp', 5432, 'eni-c', 'eni-x');
    expect(unknown.allowed).toBe('unknown');
    expect(layer(unknown, 'nacl-inbound')).toEqual({
      layer: 'nacl-inbound',
      verdict: 'unknown',
      reason:
        'subnet-x has no network ACL association in the export and the default network ACL of vpc-a is not exported',
      rules: [],
    });
    expect(layer(unknown, 'nacl-reply').verdict).toBe('unknown');
    estate.acl('acl-default', 'vpc-a', {
      subnets: [],
      entries: [into(100, 'allow', 'tcp', '0.0.0.0/0', [5432, 5432])],
      isDefault: true,
    });
    const viaDefault = await check(estate, 'tcp', 5432, 'eni-c', 'eni-x');
    expect(layer(viaDefault, 'nacl-inbound')).toMatchObject({
      verdict: 'allow',
      reason: expect.stringMatching(
        /^acl-default, the default ACL of vpc-a, as subnet-x has no association: inbound rule 100/,
      ),
    });
  });
});

describe('the NACL reply', () => {
  /** Client asks the server on 5432; the reply ports each side lets through are the test's. */
  const reply = (serverOut: [number, number], clientIn: [number, number]) =>
    twoEnis({
      clientAcl: [
        out(100, 'allow', 'tcp', '10.0.2.0/24', [5432, 5432]),
        into(100, 'allow', 'tcp', '10.0.2.0/24', clientIn),
      ],
      serverAcl: [
        into(100, 'allow', 'tcp', '10.0.1.0/24', [5432, 5432]),
        out(100, 'allow', 'tcp', '10.0.1.0/24', serverOut),
      ],
    });

  it('passes when one client port passes both ACLs', async () => {
    const result = await check(reply([1024, 2000], [1500, 65535]), 'tcp', 5432);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'nacl-reply')).toMatchObject({
      verdict: 'allow',
      reason:
        'replies pass on client ports 1500-2000: acl-s outbound allows tcp to 10.0.1.10 on client ports 1024-2000, acl-c inbound allows it from 10.0.2.20 on 1500-65535',
      rules: [
        { aclId: 'acl-s', ruleNumber: 100, egress: true, portRange: { from: 1024, to: 2000 } },
        { aclId: 'acl-c', ruleNumber: 100, egress: false, portRange: { from: 1500, to: 65535 } },
      ],
    });
  });

  it('is denied when no client port passes both, naming what each side allows', async () => {
    const result = await check(reply([1024, 1400], [1500, 65535]), 'tcp', 5432);
    expect(result.allowed).toBe(false);
    expect(layers(result)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'sg-ingress:allow',
      'nacl-reply:deny',
    ]);
    expect(layer(result, 'nacl-reply')).toMatchObject({
      reason:
        'no client port in 1024-65535 passes both ways: acl-s outbound allows tcp to 10.0.1.10 on client ports 1024-1400, acl-c inbound allows it from 10.0.2.20 on 1500-65535',
      rules: [
        { aclId: 'acl-s', ruleNumber: 100 },
        { aclId: 'acl-s', ruleNumber: 32767 },
        { aclId: 'acl-c', ruleNumber: 100 },
        { aclId: 'acl-c', ruleNumber: 32767 },
      ],
    });
  });

  it('ignores ports below 1024, which are no client ports', async () => {
    const result = await check(reply([0, 1023], [0, 65535]), 'tcp', 5432);
    expect(layer(result, 'nacl-reply').verdict).toBe('deny');
    expect((await check(reply([1024, 1024], [0, 1024]), 'tcp', 5432)).allowed).toBe(true);
  });

  it('does not apply to messages that get no answer', async () => {
    for (const [protocol, port, reason] of [
      [
        'icmp',
        3,
        'icmp type 3 is not a query that gets an answer, so nothing comes back through the network ACLs',
      ],
      [
        'icmp',
        0,
        'icmp type 0 is not a query that gets an answer, so nothing comes back through the network ACLs',
      ],
      [
        '50',
        null,
        'protocol 50 has no client port for a reply to return to; traffic back is a flow of its own',
      ],
    ] as const) {
      const result = await check(
        twoEnis({
          clientAcl: [out(100, 'allow', 'all', '0.0.0.0/0')],
          serverAcl: [into(100, 'allow', 'all', '0.0.0.0/0')],
        }),
        protocol,
        port,
      );
      expect(layer(result, 'nacl-reply')).toEqual({
        layer: 'nacl-reply',
        verdict: 'not-applicable',
        reason,
        rules: [],
      });
      expect(result.allowed).toBe(true);
    }
  });
});

describe('the answer to an ICMP query', () => {
  const icmp = (n: number, egress: boolean, type: number, code = -1) =>
    aclEntry(n, egress, 'allow', 'icmp', '10.0.0.0/16', { icmp: [type, code] });
  /** The client pings the server; each side's ACL lets the request through, and the answers given. */
  const ping = (serverOut: Json[], clientIn: Json[]) =>
    twoEnis({
      clientAcl: [icmp(100, true, 8), ...clientIn],
      serverAcl: [icmp(100, false, 8), ...serverOut],
    });

  it('must leave the server subnet and enter the client subnet: an echo request is answered by an echo reply', async () => {
    const result = await check(ping([icmp(110, true, 0)], [icmp(110, false, 0, 0)]), 'icmp', 8);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'nacl-reply')).toEqual({
      layer: 'nacl-reply',
      verdict: 'allow',
      reason:
        'the echo reply (icmp type 0) goes back from 10.0.2.20 to 10.0.1.10: acl-s: outbound rule 110 (allow icmp type 0 to 10.0.0.0/16) is the first entry matching icmp type 0 to 10.0.1.10; acl-c: inbound rule 110 (allow icmp type 0 code 0 from 10.0.0.0/16) is the first entry matching icmp type 0 from 10.0.2.20',
      rules: [
        expect.objectContaining({ aclId: 'acl-s', ruleNumber: 110, egress: true }),
        expect.objectContaining({ aclId: 'acl-c', ruleNumber: 110, egress: false }),
      ],
    });
  });

  it('is denied when either side lets only the request through', async () => {
    const noReplyOut = await check(ping([], [icmp(110, false, 0)]), 'icmp', 8);
    expect(layers(noReplyOut)).toEqual([...everyLayerAllows.slice(0, 5), 'nacl-reply:deny']);
    expect(noReplyOut.allowed).toBe(false);
    expect(layer(noReplyOut, 'nacl-reply')).toMatchObject({
      reason: expect.stringContaining(
        'acl-s: outbound rule 32767 (deny all traffic to 0.0.0.0/0) is the first entry matching icmp type 0 to 10.0.1.10',
      ),
      rules: [
        expect.objectContaining({ aclId: 'acl-s', ruleNumber: 32767 }),
        expect.objectContaining({ aclId: 'acl-c', ruleNumber: 110 }),
      ],
    });
    expect((await check(ping([icmp(110, true, 0)], []), 'icmp', 8)).allowed).toBe(false);
    // Timestamp (13) is answered by type 14, not by an echo reply.
    const timestamp = twoEnis({
      clientAcl: [icmp(100, true, 13), icmp(110, false, 0)],
      serverAcl: [icmp(100, false, 13), icmp(110, true, 0)],
    });
    expect(layer(await check(timestamp, 'icmp', 13), 'nacl-reply').verdict).toBe('deny');
  });

  it('is decided by a side that denies it even when the other side has no exported ACL', async () => {
    const builder = new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-c', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-s', 'vpc-a', '10.0.2.0/24')
      .group('sg-all', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .eni('eni-c', 'subnet-c', { ips: ['10.0.1.10'], groups: ['sg-all'] })
      .eni('eni-s', 'subnet-s', { ips: ['10.0.2.20'], groups: ['sg-all'] })
      .acl('acl-s', 'vpc-a', { subnets: ['subnet-s'], entries: [icmp(100, false, 8)] });
    const result = await check(builder, 'icmp', 8);
    expect(layer(result, 'nacl-reply')).toMatchObject({
      verdict: 'deny',
      reason: expect.stringContaining('subnet-c has no network ACL association in the export'),
    });
    expect(result.allowed).toBe(false);
  });

  it('is ICMPv6 echo reply (129) for an ICMPv6 echo request (128)', async () => {
    const v6 = (n: number, egress: boolean, type: number) =>
      aclEntry(n, egress, 'allow', 'icmpv6', '2600:1f18::/32', { icmp: [type, -1] });
    const estate = (serverOut: number) =>
      twoEnis({
        clientAcl: [v6(100, true, 128), v6(110, false, 129)],
        serverAcl: [v6(100, false, 128), v6(110, true, serverOut)],
      });
    const answered = await check(estate(129), 'icmpv6', 128, '2600:1f18:0:1::10', '2600:1f18:0:2::20');
    // The groups admit IPv4 only; the ACLs are this test's.
    expect(layers(answered).slice(2)).toEqual([
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'sg-ingress:deny',
      'nacl-reply:allow',
    ]);
    const unanswered = await check(estate(128), 'icmpv6', 128, '2600:1f18:0:1::10', '2600:1f18:0:2::20');
    expect(layer(unanswered, 'nacl-reply')).toMatchObject({
      verdict: 'deny',
      reason: expect.stringContaining(
        'the echo reply (icmpv6 type 129) goes back from 2600:1f18:0:2::20 to 2600:1f18:0:1::10',
      ),
    });
  });
});

describe('evaluateAcl', () => {
  it('gives every port its first match at once', async () => {
    const estate = serverInbound(
      into(300, 'allow', 'tcp', '0.0.0.0/0'),
      into(100, 'allow', 'tcp', '0.0.0.0/0', [80, 90]),
      into(200, 'deny', 'tcp', '10.0.0.0/8', [85, 1000]),
    );
    const engine = await estate.engine();
    const evaluation = evaluateAcl(engine.index.entries('acl-s', false), address('10.0.1.10'), 'tcp');
    expect(evaluation.allowed.toString()).toBe('0-90, 1001-65535');
    expect(evaluation.decisions.map((d) => [d.entry.entry.ruleNumber, d.ports.toString()])).toEqual([
      [100, '80-90'],
      [200, '91-1000'],
      [300, '0-79, 1001-65535'],
    ]);
  });

  it('answers alike for addresses the same entries hold, and apart for the others', async () => {
    const estate = serverInbound(
      into(100, 'deny', 'tcp', '10.0.1.0/24', [22, 22]),
      into(200, 'allow', 'tcp', '10.0.0.0/8'),
      into(300, 'allow', 'udp', '192.168.0.0/16'),
    );
    const engine = await estate.engine();
    const entries = engine.index.entries('acl-s', false);
    const evaluate = (ip: string, protocol = 'tcp') => evaluateAcl(entries, address(ip), protocol);
    // Held by 100 and 200 (and the catch-all): one evaluation serves both.
    expect(evaluate('10.0.1.99')).toBe(evaluate('10.0.1.10'));
    expect(evaluate('10.0.1.10').allowed.toString()).toBe('0-21, 23-65535');
    // Held by 200 only: another answer.
    expect(evaluate('10.9.0.1').allowed.toString()).toBe('0-65535');
    // Another protocol is another answer, even for the same address.
    expect(evaluate('10.0.1.10', 'udp').allowed.toString()).toBe('none');
    expect(evaluate('192.168.4.4', 'udp').allowed.toString()).toBe('0-65535');
    expect(evaluate('192.168.4.4', 'tcp').allowed.toString()).toBe('none');
  });
});
