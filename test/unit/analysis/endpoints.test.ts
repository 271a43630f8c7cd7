import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EndpointError, FlowError } from '../../../main/core/analysis/errors';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { storedAndLoaded } from '../helpers/tempWorkspace';
import { overlappingVpcs } from './overlappingVpcs';
import { check, twoEnis } from './scenario';

const engine = async (): Promise<ReachabilityEngine> =>
  twoEnis()
    .eni('eni-c1', 'subnet-c', { ips: ['10.0.1.11'], groups: ['sg-client'], instance: ['i-c', 1] })
    .engine();

describe('endpoints', () => {
  it('resolve an ENI id to its primary IPv4, and an instance id to its device-0 ENI', async () => {
    const result = (await engine()).check({ source: 'i-c', destination: 'eni-s', protocol: 'tcp', port: 80 });
    expect(result.source).toEqual({
      input: 'i-c',
      workloadId: 'eni-c',
      address: '10.0.1.10',
      subnetId: 'subnet-c',
      vpcId: 'vpc-a',
    });
    expect(result.destination).toEqual({
      input: 'eni-s',
      workloadId: 'eni-s',
      address: '10.0.2.20',
      subnetId: 'subnet-s',
      vpcId: 'vpc-a',
    });
  });

  it('resolve an instance with several network cards to the device-0 ENI of card 0, in any export order', async () => {
    // Each network card has an ENI at device index 0; the instance's primary is the one on card 0.
    const cards = (order: readonly number[]) =>
      order.reduce(
        (builder, card) =>
          builder.eni(`eni-card${card}`, 'subnet-c', {
            ips: [`10.0.1.${30 + card}`],
            groups: ['sg-client'],
            instance: ['i-multi', 0, card],
          }),
        twoEnis(),
      );
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const engine = new ReachabilityEngine(await storedAndLoaded(await cards(order).estate()));
      const result = engine.check({ source: 'i-multi', destination: 'eni-s', protocol: 'tcp', port: 80 });
      expect(result.source).toMatchObject({ workloadId: 'eni-card0', address: '10.0.1.30' });
    }
    // Card 0 is most ENIs' card, and stores nothing for it.
    const workloads = (await cards([0, 1]).estate()).workloads;
    expect(workloads.find((workload) => workload.id === 'eni-card0')).not.toHaveProperty('networkCardIndex');
    expect(workloads.find((workload) => workload.id === 'eni-card1')?.networkCardIndex).toBe(1);
    const refused = twoEnis()
      .eni('eni-card1', 'subnet-c', {
        ips: ['10.0.1.31'],
        groups: ['sg-client'],
        instance: ['i-multi', 0, -1],
      })
      .inputs();
    await expect(readAwsExport(refused)).rejects.toThrow(
      /describe-network-interfaces\.json.*\$\.NetworkInterfaces\[2\]\.Attachment\.NetworkCardIndex.*from 0 to 255/,
    );
  });

  it('resolve a secondary address to its ENI and keep that address for the flow', async () => {
    const result = await check(twoEnis(), 'tcp', 80, 'eni-c', '10.0.2.21');
    expect(result.destination).toMatchObject({
      input: '10.0.2.21',
      workloadId: 'eni-s',
      address: '10.0.2.21',
    });
  });

  it('resolve an IPv6 address however it is written, and use the other end’s IPv6 address', async () => {
    const result = await check(twoEnis(), 'tcp', 80, '2600:1f18:0:1:0:0:0:10', 'eni-s');
    expect([result.source.address, result.destination.address]).toEqual([
      '2600:1f18:0:1::10',
      '2600:1f18:0:2::20',
    ]);
  });

  it('refuse what is not in the snapshot with a clear error', async () => {
    const run = async (source: string) =>
      (await engine()).check({ source, destination: 'eni-s', protocol: 'tcp', port: 80 });
    for (const unknown of ['10.9.9.9', 'eni-nope', 'i-nope', 'web-server', '']) {
      await expect(run(unknown)).rejects.toThrow(
        new EndpointError(`no ENI, instance or private IP "${unknown}" in this snapshot`),
      );
    }
    await expect(run('10.9.9.9')).rejects.toThrow(/^no ENI/);
    await expect(run('10.9.9.9')).rejects.toHaveProperty('name', 'EndpointError');
  });

  it('refuse an instance whose primary ENI the export lacks, naming the ENIs of it that it has', async () => {
    // A partial export (describe-network-interfaces filtered by subnet) with only the secondary ENIs.
    const partial = twoEnis()
      .eni('eni-x1', 'subnet-c', { ips: ['10.0.1.21'], groups: ['sg-client'], instance: ['i-x', 1] })
      .eni('eni-x2', 'subnet-c', { ips: ['10.0.1.22'], groups: ['sg-client'], instance: ['i-x', 0, 1] });
    await expect(check(partial, 'tcp', 80, 'i-x')).rejects.toThrow(
      new EndpointError(
        "the primary ENI of i-x (device index 0 on network card 0) is not in this snapshot, only eni-x1 (device index 1), eni-x2 (device index 0 on network card 1): import the instance's primary ENI, or name one of these ENIs",
      ),
    );
    expect((await check(partial, 'tcp', 80, 'eni-x1')).source.workloadId).toBe('eni-x1');
  });

  it('refuse a flow from a workload to itself, which never reaches the network, but check two ENIs of one instance', async () => {
    const run = async (source: string, destination: string) =>
      (await engine()).check({ source, destination, protocol: 'tcp', port: 80 });
    const never =
      "traffic to a workload's own address never leaves it, so no route, security group or network ACL applies";
    await expect(run('eni-s', 'eni-s')).rejects.toThrow(
      new EndpointError(`eni-s is both the source and the destination: ${never}`),
    );
    await expect(run('10.0.2.21', 'eni-s')).rejects.toThrow(
      new EndpointError(`10.0.2.21 and eni-s are both eni-s: ${never}`),
    );
    await expect(run('i-c', '10.0.1.10')).rejects.toThrow(
      new EndpointError(`i-c and 10.0.1.10 are both eni-c: ${never}`),
    );
    expect((await run('eni-c', 'eni-c1')).destination.workloadId).toBe('eni-c1');
  });

  it('refuse ends of different address families, and an end without an address of the flow’s family', async () => {
    await expect(check(twoEnis(), 'tcp', 80, '2600:1f18:0:1::10', '10.0.2.20')).rejects.toThrow(
      'source 2600:1f18:0:1::10 is IPv6 and destination 10.0.2.20 is IPv4: a flow has one address family',
    );
    const v4only = twoEnis().eni('eni-v4', 'subnet-s', { ips: ['10.0.2.40'], groups: ['sg-server'] });
    await expect(check(v4only, 'tcp', 80, '2600:1f18:0:1::10', 'eni-v4')).rejects.toThrow(
      'eni-v4 has no IPv6 address, which the other end needs',
    );
  });
});

describe('an address ENIs of several VPCs hold', () => {
  // Two accounts' VPCs both use 10.20.16.0/24: 10.20.16.1 (eni-…1) and 10.20.16.2 (eni-…2) in
  // vpc-0b0e…, whose group admits tcp/8081 from itself, and 10.20.16.2 again (eni-…3, listed last) in vpc-099d….
  const overlapping = fileURLToPath(new URL('../../fixtures/aws/overlapping-vpcs', import.meta.url));
  const fixture = async () => {
    const files = ['vpcs', 'subnets', 'security-groups', 'network-interfaces'].map((kind) => ({
      kind: 'path' as const,
      path: `${overlapping}/describe-${kind}.json`,
    }));
    return new ReachabilityEngine((await readAwsExport(files)).estate);
  };
  const eni = (n: number) => `eni-0000000000000000${n}`;
  const flow = (source: string, destination: string) => ({
    source,
    destination,
    protocol: 'tcp',
    port: 8081,
  });

  it('is the ENI in the VPC of the other end, where the local route keeps the flow', async () => {
    const engine = await fixture();
    const byAddress = engine.check(flow('10.20.16.1', '10.20.16.2'));
    expect(byAddress.destination).toMatchObject({ workloadId: eni(2), vpcId: 'vpc-0b0e589882d7b2940' });
    expect(byAddress.allowed).toBe(true);
    expect(byAddress.explanation).toEqual(engine.check(flow(eni(1), eni(2))).explanation);
    expect(engine.check(flow(eni(1), '10.20.16.2')).destination.workloadId).toBe(eni(2));
    expect(engine.check(flow('10.20.16.2', eni(1))).source.workloadId).toBe(eni(2));
    // In the other VPC the address is eni-…3's own.
    expect(() => engine.check(flow(eni(3), '10.20.16.2'))).toThrow(
      `${eni(3)} and 10.20.16.2 are both ${eni(3)}`,
    );
  });

  it('is named by its ENI id where a public address hides a private address another VPC reuses', async () => {
    const builder = overlappingVpcs();
    builder.eni('eni-b3', 'subnet-b', { ips: ['10.0.1.30'], groups: ['sg-b'], publicIp: '54.0.0.30' });
    builder.eni('eni-a3', 'subnet-a', { ips: ['10.0.1.30'], groups: ['sg-a'] });
    const engine = await builder.engine();
    expect(() => engine.check(flow('54.0.0.30', '203.0.113.9'))).toThrow(
      'which connects from its private address 10.0.1.30 (the internet gateway translates it): name eni-b3 as the source',
    );
  });

  it('is decided the same way for an address in a prefix delegated in each VPC', async () => {
    const engine = await overlappingVpcs().engine();
    expect(engine.check(flow('eni-b1', '10.0.3.5')).destination).toMatchObject({
      workloadId: 'eni-b2',
      address: '10.0.3.5',
    });
    expect(engine.check(flow('10.0.3.5', 'eni-a1')).source.workloadId).toBe('eni-a2');
  });

  it('is refused, naming its ENIs and VPCs, where the other end does not tell which', async () => {
    const engine = await overlappingVpcs().engine();
    const refused = (source: string, destination: string) => () => engine.check(flow(source, destination));
    const name = 'name the ENI id instead of the address';
    expect(refused('10.0.1.10', '10.0.1.20')).toThrow(
      new EndpointError(
        `10.0.1.10 is ambiguous: eni-a1 in vpc-a, eni-b1 in vpc-b hold it, and the other end, 10.0.1.20, is an address several ENIs hold too; ${name}`,
      ),
    );
    expect(refused('eni-c', '10.0.1.20')).toThrow(
      new EndpointError(
        `10.0.1.20 is ambiguous: eni-a2 in vpc-a, eni-b2 in vpc-b hold it, and none of them is in vpc-c, the VPC of the other end, eni-c; ${name}`,
      ),
    );
    expect(refused('10.0.3.1', '10.9.1.5')).toThrow(
      'none of them is in vpc-c, the VPC of the other end, 10.9.1.5 (eni-c)',
    );
    expect(refused('203.0.113.7', '10.0.1.20')).toThrow(
      'eni-a2 in vpc-a, eni-b2 in vpc-b hold it, and the other end, on the internet, does not tell which',
    );
    expect(refused('10.0.1.20', '198.51.100.9')).toThrow(
      'eni-a2 in vpc-a, eni-b2 in vpc-b hold it, and the other end, on the internet, does not tell which',
    );
  });
});

describe('flow protocol and port', () => {
  it.each([
    ['6', 80, 'tcp', 80],
    ['TCP', '443', 'tcp', 443],
    ['17', 53, 'udp', 53],
    ['1', 8, 'icmp', 8],
    ['icmp', '0', 'icmp', 0],
    ['50', null, '50', null],
    ['050', '', '50', null],
    ['tcp', 65535, 'tcp', 65535],
    ['udp', 0, 'udp', 0],
    ['SCTP', '3868', '132', 3868],
    ['132', '', '132', null],
  ])('normalise %s port %s to %s %s', async (protocol, port, name, number) => {
    const result = await check(twoEnis(), protocol, port);
    expect([result.protocol, result.port]).toEqual([name, number]);
  });

  it('accept icmpv6 (58) between IPv6 addresses only, and icmp between IPv4 only', async () => {
    const result = await check(twoEnis(), '58', 128, '2600:1f18:0:1::10', 'eni-s');
    expect(result.protocol).toBe('icmpv6');
    await expect(check(twoEnis(), 'icmpv6', 128)).rejects.toThrow(
      new FlowError('icmpv6 does not travel between IPv4 addresses; use icmp'),
    );
    await expect(check(twoEnis(), 'icmp', 8, '2600:1f18:0:1::10', 'eni-s')).rejects.toThrow('use icmpv6');
  });

  it.each([
    ['all', 80, 'protocol "all" means all protocols, which only a rule can name: a flow has one'],
    ['-1', 80, 'protocol "-1" means all protocols, which only a rule can name: a flow has one'],
    ['http', 80, 'protocol "http" is not tcp, udp, icmp, icmpv6, sctp or a protocol number 0-255'],
    ['256', null, 'protocol "256" is not tcp, udp, icmp, icmpv6, sctp or a protocol number 0-255'],
    ['tcp', null, 'tcp needs a destination port from 0 to 65535, and none was given'],
    ['tcp', ' ', 'tcp needs a destination port from 0 to 65535, and none was given'],
    ['tcp', 65536, 'tcp needs a destination port from 0 to 65535, got 65536'],
    ['tcp', -1, 'tcp needs a destination port from 0 to 65535, got -1'],
    ['udp', 'dns', 'udp needs a destination port from 0 to 65535, got "dns"'],
    ['tcp', 80.5, 'tcp needs a destination port from 0 to 65535, got 80.5'],
    ['icmp', 256, 'icmp needs an ICMP type from 0 to 255, got 256'],
    ['icmp', null, 'icmp needs an ICMP type from 0 to 255, and none was given'],
    ['50', 80, 'protocol 50 has no ports, got port "80"'],
    ['sctp', 65536, 'sctp needs a destination port from 0 to 65535, got 65536'],
  ])('refuse protocol %s with port %s', async (protocol, port, message) => {
    await expect(check(twoEnis(), protocol, port)).rejects.toThrow(new FlowError(message));
  });
});
