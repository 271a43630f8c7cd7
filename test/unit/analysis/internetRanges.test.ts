import { describe, expect, it } from 'vitest';
import { EndpointError } from '../../../main/core/analysis/errors';
import { AwsExportBuilder, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { allowAll, layer } from './scenario';

type Json = Record<string, unknown>;

/**
 * vpc-a 10.0.0.0/16; subnet-pub 10.0.1.0/24 routes everything to igw-1 and holds eni-web 10.0.1.20
 * (public 54.0.0.20, sg-web with the given ingress, all traffic out unless given).
 */
function estate(ingress: Json[], egress: Json[] = [allTraffic(anywhere)]): AwsExportBuilder {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .group('sg-web', 'vpc-a', { name: 'web', ingress, egress })
    .eni('eni-web', 'subnet-pub', { ips: ['10.0.1.20'], groups: ['sg-web'], publicIp: '54.0.0.20' })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: allowAll })
    .routeTable('rtb-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      routes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
    })
    .prefixList('pl-corp', 'corp', null);
}

const flow = (source: string, destination: string) => ({ source, destination, protocol: 'tcp', port: 443 });

describe('a CIDR at one end of a flow', () => {
  it('gets through when any address in it does, and names the address the verdict is for', async () => {
    const engine = await estate([tcp(443, 443, { cidrs: ['198.51.100.0/24'] })]).engine();
    const verdict = engine.check(flow('0.0.0.0/0', 'eni-web'));
    expect(verdict.allowed).toBe(true);
    expect(verdict.source).toMatchObject({ input: '0.0.0.0/0', address: '198.51.100.0', workloadId: '' });
    expect(verdict.range).toMatchObject({ end: 'source', cidr: '0.0.0.0/0', allowed: 1, unknown: 0 });
    expect(verdict.range?.addresses).toBeGreaterThan(2);
    expect(layer(verdict, 'sg-ingress').reason).toContain('from 198.51.100.0');
    const denied = engine.check(flow('203.0.113.0/24', 'eni-web'));
    expect(denied.allowed).toBe(false);
    expect(denied.source.address).toBe('203.0.113.0');
    expect(denied.range).toEqual({
      end: 'source',
      cidr: '203.0.113.0/24',
      addresses: 1,
      allowed: 0,
      unknown: 0,
    });
  });

  it('splits a range where a rule does: one address per part', async () => {
    const engine = await estate([], [tcp(443, 443, { cidrs: ['203.0.113.128/25'] })]).engine();
    const verdict = engine.check(flow('eni-web', '203.0.113.0/24'));
    expect(verdict.allowed).toBe(true);
    expect(verdict.destination).toMatchObject({ input: '203.0.113.0/24', address: '203.0.113.128' });
    expect(verdict.range).toEqual({
      end: 'destination',
      cidr: '203.0.113.0/24',
      addresses: 2,
      allowed: 1,
      unknown: 0,
    });
  });

  it('agrees with checking every address of a small range one by one', async () => {
    const engine = await estate([
      tcp(443, 443, { cidrs: ['198.51.100.6/31'] }),
      tcp(443, 443, { cidrs: ['198.51.100.12/32'] }),
    ]).engine();
    for (const [range, first] of [
      ['198.51.100.0/28', '198.51.100.6'],
      ['198.51.100.0/30', null],
      ['198.51.100.8/29', '198.51.100.12'],
    ] as const) {
      const [base, length] = range.split('/');
      const last = Number(base?.split('.')[3]);
      const every = Array.from({ length: 2 ** (32 - Number(length)) }, (_, at) => `198.51.100.${last + at}`);
      const through = every.filter((address) => engine.check(flow(address, 'eni-web')).allowed === true);
      const verdict = engine.check(flow(range, 'eni-web'));
      expect(verdict.allowed).toBe(through.length > 0);
      expect(through[0] ?? null).toBe(first);
      if (first !== null) expect(verdict.source.address).toBe(first);
    }
  });

  it('is unknown when what decides is not in the export, and a /32 is its one address', async () => {
    const engine = await estate([tcp(443, 443, { prefixLists: ['pl-corp'] })]).engine();
    const verdict = engine.check(flow('198.51.100.0/24', 'eni-web'));
    expect(verdict.allowed).toBe('unknown');
    expect(verdict.range).toMatchObject({ allowed: 0, unknown: verdict.range?.addresses });
    const one = engine.check(flow('198.51.100.7/32', 'eni-web'));
    const { range, ...plain } = one;
    expect(range).toEqual({ end: 'source', cidr: '198.51.100.7/32', addresses: 1, allowed: 0, unknown: 1 });
    expect(plain).toEqual({ ...engine.check(flow('198.51.100.7', 'eni-web')), source: plain.source });
    expect(plain.source.input).toBe('198.51.100.7/32');
  });

  it('leaves out the addresses workloads of the snapshot hold, and refuses a range with none on the internet', async () => {
    const engine = await estate([tcp(443, 443, { cidrs: ['0.0.0.0/0'] })])
      .subnet('subnet-v6', 'vpc-a', '10.0.3.0/24', '2600:1f18:0:3::/64')
      .eni('eni-v6', 'subnet-v6', { ips: ['10.0.3.30'], ipv6: ['2600:1f18:0:3::30'], groups: ['sg-web'] })
      .engine();
    // A global IPv6 address, but eni-v6's: a flow from it is a flow from that workload, not the internet.
    for (const range of ['10.0.0.0/8', '2600:1f18:0:3::30/128']) {
      expect(() => engine.check(flow(range, 'eni-web'))).toThrow(
        new EndpointError(
          `${range} holds no address on the internet: a CIDR stands for clients or servers there (name a workload by its ENI, instance or address)`,
        ),
      );
    }
    expect(engine.check(flow('2600:1f18:0:3::30/127', 'eni-v6')).source.address).toBe('2600:1f18:0:3::31');
    for (const [written, family, most] of [
      ['1.2.3.4/33', 4, 32],
      ['2600::/129', 6, 128],
      ['1.2.3.4/', 4, 32],
    ] as const) {
      expect(() => engine.check(flow(written, 'eni-web'))).toThrow(
        new EndpointError(
          `${written} is not a CIDR: an IPv${family} prefix length is a number from 0 to ${most}`,
        ),
      );
    }
    expect(() => engine.check(flow('198.51.100.0/24', '203.0.113.0/24'))).toThrow(
      new EndpointError('198.51.100.0/24 and 203.0.113.0/24 are both CIDRs: one end must be in the snapshot'),
    );
  });
});
