import { describe, expect, it } from 'vitest';
import { allowedPorts } from '../../../main/core/analysis/securityGroupLayer';
import { allTraffic, permission, tcp } from './exportBuilder';
import { address, check, layer, layers, twoEnis } from './scenario';

const ingress = (...rules: Record<string, unknown>[]) => twoEnis({ serverIngress: rules });
const fromClient = { cidrs: ['10.0.1.10/32'] };

describe('security group rules match by protocol and port', () => {
  it.each([
    [999, 'deny'],
    [1000, 'allow'],
    [2000, 'allow'],
    [2001, 'deny'],
  ])('a tcp 1000-2000 rule and port %i: %s', async (port, verdict) => {
    const result = await check(ingress(tcp(1000, 2000, fromClient)), 'tcp', port);
    expect(layer(result, 'sg-ingress').verdict).toBe(verdict);
    expect(result.allowed).toBe(verdict === 'allow');
  });

  it('keeps tcp and udp apart', async () => {
    const estate = ingress(permission('udp', [53, 53], fromClient));
    expect(layer(await check(estate, 'udp', 53), 'sg-ingress').verdict).toBe('allow');
    expect(layer(await check(estate, 'tcp', 53), 'sg-ingress').verdict).toBe('deny');
  });

  it.each([
    ['tcp', 0],
    ['udp', 65535],
    ['icmp', 255],
    ['50', null],
  ])('lets -1 allow every protocol: %s', async (protocol, port) => {
    const result = await check(ingress(allTraffic(fromClient)), protocol, port);
    expect(layer(result, 'sg-ingress').verdict).toBe('allow');
  });

  it('matches an ICMP rule by type, -1 being every type', async () => {
    const echo = ingress(permission('icmp', [8, -1], fromClient));
    expect(layer(await check(echo, 'icmp', 8), 'sg-ingress').verdict).toBe('allow');
    expect(layer(await check(echo, 'icmp', 0), 'sg-ingress').verdict).toBe('deny');
    const every = ingress(permission('icmp', [-1, -1], fromClient));
    expect(layer(await check(every, 'icmp', 0), 'sg-ingress').verdict).toBe('allow');
    expect(layer(await check(every, 'icmp', 255), 'sg-ingress').verdict).toBe('allow');
  });

  it('calls a rule for one ICMP code unknown: the flow names only the type', async () => {
    const fragmentationNeeded = ingress(permission('icmp', [3, 4], fromClient));
    const result = await check(fragmentationNeeded, 'icmp', 3);
    expect(result.allowed).toBe('unknown');
    expect(layer(result, 'sg-ingress')).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringContaining('it admits only icmp type 3 code 4 and the flow names no ICMP code'),
      rules: [expect.objectContaining({ fromPort: 3, toPort: 4 })],
    });
    expect(layer(await check(fragmentationNeeded, 'icmp', 4), 'sg-ingress').verdict).toBe('deny');
  });

  it('matches a rule for code 0 of a query or reply exactly: those messages have no other code', async () => {
    // Terraform's usual "allow ping": from_port 8 (the type), to_port 0 (the code).
    const ping = ingress(permission('icmp', [8, 0], fromClient));
    const result = await check(ping, 'icmp', 8);
    expect(result.allowed).toBe(true);
    expect(layer(result, 'sg-ingress')).toMatchObject({
      verdict: 'allow',
      rules: [expect.objectContaining({ fromPort: 8, toPort: 0 })],
    });
    expect(
      layer(await check(ingress(permission('icmp', [0, 0], fromClient)), 'icmp', 0), 'sg-ingress').verdict,
    ).toBe('allow');
    // No echo request has code 3: the rule admits none.
    const noSuchCode = await check(ingress(permission('icmp', [8, 3], fromClient)), 'icmp', 8);
    expect(layer(noSuchCode, 'sg-ingress')).toMatchObject({ verdict: 'deny', rules: [] });
    // Destination unreachable has sixteen codes: code 0 alone is still unknown.
    expect(
      layer(await check(ingress(permission('icmp', [3, 0], fromClient)), 'icmp', 3), 'sg-ingress').verdict,
    ).toBe('unknown');
  });

  it('matches another protocol by its number alone, and a tcp rule never matches it', async () => {
    expect(
      layer(await check(ingress(permission('50', null, fromClient)), '50', null), 'sg-ingress').verdict,
    ).toBe('allow');
    expect(layer(await check(ingress(tcp(0, 65535, fromClient)), '50', ''), 'sg-ingress').verdict).toBe(
      'deny',
    );
    expect(
      layer(await check(ingress(permission('50', null, fromClient)), 'tcp', 50), 'sg-ingress').verdict,
    ).toBe('deny');
  });
});

describe('security group rules match by peer', () => {
  it.each([
    ['10.0.1.10/32', 'allow'],
    ['10.0.1.11/32', 'deny'],
    ['10.0.1.10/31', 'allow'], // the address is the network address
    ['10.0.1.8/31', 'deny'], // one past the broadcast address
    ['10.0.1.8/30', 'allow'],
    ['10.0.1.0/29', 'deny'],
    ['0.0.0.0/0', 'allow'],
  ])('source 10.0.1.10 and CIDR %s: %s', async (cidr, verdict) => {
    const result = await check(ingress(tcp(443, 443, { cidrs: [cidr] })), 'tcp', 443);
    expect(layer(result, 'sg-ingress').verdict).toBe(verdict);
  });

  it('matches IPv6 CIDRs against IPv6 flows only', async () => {
    const estate = ingress(
      tcp(443, 443, { ipv6: ['2600:1f18:0:1::10/128'] }),
      tcp(22, 22, { cidrs: ['0.0.0.0/0'] }),
    );
    const v6 = (port: number) => check(estate, 'tcp', port, '2600:1f18:0:1::10', 'eni-s');
    expect(layer(await v6(443), 'sg-ingress').verdict).toBe('allow');
    expect((await v6(443)).destination.address).toBe('2600:1f18:0:2::20');
    expect(layer(await v6(22), 'sg-ingress').verdict).toBe('deny');
    expect(layer(await check(estate, 'tcp', 443), 'sg-ingress').verdict).toBe('deny');
    const next = ingress(tcp(443, 443, { ipv6: ['2600:1f18:0:1::11/128'] }));
    expect(layer(await check(next, 'tcp', 443, '2600:1f18:0:1::10', 'eni-s'), 'sg-ingress').verdict).toBe(
      'deny',
    );
  });

  it('matches a group reference when the peer carries the group', async () => {
    const byGroup = await check(ingress(tcp(5432, 5432, { groups: ['sg-client'] })), 'tcp', 5432);
    expect(layer(byGroup, 'sg-ingress')).toMatchObject({
      verdict: 'allow',
      rules: [{ kind: 'security-group-rule', groupId: 'sg-server', peer: 'sg-client', direction: 'ingress' }],
    });
    const other = ingress(tcp(5432, 5432, { groups: ['sg-server'] }));
    expect(layer(await check(other, 'tcp', 5432), 'sg-ingress').verdict).toBe('deny');
  });

  it('never matches a group that is not in the export to an exported ENI', async () => {
    const foreign = ingress(tcp(5432, 5432, { groups: ['sg-0foreign'] }));
    expect(layer(await check(foreign, 'tcp', 5432), 'sg-ingress').verdict).toBe('deny');
  });

  it('allows when one of several groups allows, and names only the rules that match', async () => {
    const estate = ingress(tcp(80, 80, fromClient))
      .group('sg-extra', 'vpc-a', { name: 'extra', ingress: [tcp(5432, 5432, { groups: ['sg-client'] })] })
      .eni('eni-multi', 'subnet-s', { ips: ['10.0.2.30'], groups: ['sg-server', 'sg-extra'] });
    const result = await check(estate, 'tcp', 5432, 'eni-c', 'eni-multi');
    expect(layer(result, 'sg-ingress').rules).toEqual([expect.objectContaining({ groupId: 'sg-extra' })]);
    const denied = await check(estate, 'tcp', 443, 'eni-c', 'eni-multi');
    expect(layer(denied, 'sg-ingress')).toEqual({
      layer: 'sg-ingress',
      verdict: 'deny',
      reason: 'no ingress rule of sg-server (server) and sg-extra (extra) allows tcp/443 from 10.0.1.10',
      rules: [],
    });
  });

  it('lists every matching rule of an allow', async () => {
    const result = await check(
      ingress(tcp(5432, 5432, fromClient), allTraffic({ groups: ['sg-client'] })),
      'tcp',
      5432,
    );
    expect(
      layer(result, 'sg-ingress').rules.map((rule) => rule.kind === 'security-group-rule' && rule.ruleKey),
    ).toEqual(['sg-server/ingress/0/0', 'sg-server/ingress/1/0']);
  });

  it('is unknown for a prefix list whose entries or whole list the export lacks, except an AWS list and a private address', async () => {
    const unknownEntries = ingress(tcp(443, 443, { prefixLists: ['pl-unknown'] })).prefixList(
      'pl-unknown',
      'corp',
      null,
    );
    const result = await check(unknownEntries, 'tcp', 443);
    expect(result.allowed).toBe('unknown');
    expect(layer(result, 'sg-ingress')).toMatchObject({
      verdict: 'unknown',
      reason:
        'no ingress rule of sg-server (server) surely allows tcp/443 from 10.0.1.10; these might: sg-server (server) tcp 443 from pl-unknown: the entries of prefix list pl-unknown (corp) are not in the export (aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-unknown prints them; import its output saved as pl-unknown.json)',
      rules: [expect.objectContaining({ peer: 'pl-unknown' })],
    });
    const s3 = ingress(tcp(443, 443, { prefixLists: ['pl-s3'] })).prefixList(
      'pl-s3',
      'com.amazonaws.eu-west-1.s3',
      null,
    );
    expect(layer(await check(s3, 'tcp', 443), 'sg-ingress').verdict).toBe('deny');
    const missing = await check(ingress(tcp(443, 443, { prefixLists: ['pl-gone'] })), 'tcp', 443);
    expect(layer(missing, 'sg-ingress').reason).toContain('prefix list pl-gone is not in the export');
  });

  it('matches a prefix list with entries by its CIDRs, and lets a sure allow win over an unknown', async () => {
    const known = ingress(tcp(443, 443, { prefixLists: ['pl-known'] })).prefixList('pl-known', 'corp', [
      '10.0.1.0/24',
    ]);
    expect(layer(await check(known, 'tcp', 443), 'sg-ingress').verdict).toBe('allow');
    const elsewhere = ingress(tcp(443, 443, { prefixLists: ['pl-known'] })).prefixList('pl-known', 'c', [
      '10.9.0.0/16',
    ]);
    expect(layer(await check(elsewhere, 'tcp', 443), 'sg-ingress').verdict).toBe('deny');
    const both = ingress(tcp(443, 443, { prefixLists: ['pl-x'] }), tcp(443, 443, fromClient)).prefixList(
      'pl-x',
      'x',
      null,
    );
    expect(layer(await check(both, 'tcp', 443), 'sg-ingress')).toMatchObject({
      verdict: 'allow',
      rules: [expect.objectContaining({ peer: '10.0.1.10/32' })],
    });
  });

  it('applies egress rules of the source toward the destination', async () => {
    const estate = twoEnis({ clientEgress: [tcp(5432, 5432, { groups: ['sg-server'] })] });
    expect(layers(await check(estate, 'tcp', 5432))).toContain('sg-egress:allow');
    const result = await check(estate, 'tcp', 5433);
    expect(result.allowed).toBe(false);
    expect(layer(result, 'sg-egress').reason).toBe(
      'no egress rule of sg-client (client) allows tcp/5433 to 10.0.2.20',
    );
  });

  it('does not filter an ENI that carries no group', async () => {
    const estate = twoEnis().eni('eni-nat', 'subnet-s', { ips: ['10.0.2.5'], groups: [] });
    const result = await check(estate, 'tcp', 443, 'eni-c', 'eni-nat');
    expect(layer(result, 'sg-ingress').verdict).toBe('not-applicable');
    expect(result.allowed).toBe(true);
  });
});

describe('allowedPorts', () => {
  it('gives the ports allowed for sure and those that might be', async () => {
    const estate = ingress(
      tcp(80, 90, fromClient),
      tcp(85, 100, { prefixLists: ['pl-x'] }),
      tcp(443, 443, fromClient),
    ).prefixList('pl-x', 'x', null);
    const engine = await estate.engine();
    const peer = { address: address('10.0.1.10'), groupIds: new Set(['sg-client']) };
    const ports = allowedPorts(engine.index, new Set(['sg-server']), 'ingress', peer, 'tcp');
    expect([ports.allowed.toString(), ports.unknown.toString()]).toEqual(['80-90, 443', '91-100']);
    const none = allowedPorts(engine.index, new Set(['sg-server']), 'ingress', peer, 'udp');
    expect([none.allowed.isEmpty(), none.unknown.isEmpty()]).toEqual([true, true]);
  });
});
