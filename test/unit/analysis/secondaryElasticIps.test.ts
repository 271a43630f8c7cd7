import { describe, expect, it } from 'vitest';
import { storedAndLoaded } from '../helpers/tempWorkspace';
import { AwsExportBuilder, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { allowAll, layer } from './scenario';

/**
 * vpc-a 10.0.0.0/16, subnet-pub 10.0.1.0/24 routed to igw-1. eni-multi has 10.0.1.10 (no public
 * address) and 10.0.1.11 (Elastic IP 54.0.0.11); eni-primary has 10.0.1.20 (public 54.0.0.20);
 * both admit tcp/443 from anywhere and send anything anywhere.
 */
function estate(): AwsExportBuilder {
  const open = { ingress: [tcp(443, 443, anywhere)], egress: [allTraffic(anywhere)] };
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .group('sg-open', 'vpc-a', { name: 'open', ...open })
    .eni('eni-multi', 'subnet-pub', {
      ips: ['10.0.1.10', '10.0.1.11'],
      groups: ['sg-open'],
      elasticIps: { '10.0.1.11': '54.0.0.11' },
    })
    .eni('eni-primary', 'subnet-pub', { ips: ['10.0.1.20'], groups: ['sg-open'], publicIp: '54.0.0.20' })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: allowAll })
    .routeTable('rtb-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      routes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
    });
}

const estate_ = () => estate().estate();

const flow = (source: string, destination: string) => ({ source, destination, protocol: 'tcp', port: 443 });

describe('Elastic IPs of secondary private addresses', () => {
  it('are read from the export with the address each belongs to', async () => {
    const multi = (await estate().estate()).workloads.find((workload) => workload.id === 'eni-multi');
    expect(multi).toMatchObject({
      publicIp: null,
      secondaryPublicIps: [{ privateIp: '10.0.1.11', publicIp: '54.0.0.11' }],
    });
    const primary = (await estate().estate()).workloads.find((workload) => workload.id === 'eni-primary');
    expect(primary?.publicIp).toBe('54.0.0.20');
    expect(primary).not.toHaveProperty('secondaryPublicIps');
    const exported = await estate_();
    expect((await storedAndLoaded(exported)).workloads).toEqual(exported.workloads);
  });

  it('let the internet reach the ENI at the address they belong to, and only there', async () => {
    const engine = await estate().engine();
    const byId = engine.check(flow('198.51.100.7', 'eni-multi'));
    expect(byId.allowed).toBe(true);
    expect(byId.destination).toMatchObject({ input: 'eni-multi', address: '10.0.1.11' });
    expect(engine.check(flow('198.51.100.7', '10.0.1.11')).allowed).toBe(true);
    const primary = engine.check(flow('198.51.100.7', '10.0.1.10'));
    expect(primary.allowed).toBe(false);
    expect(layer(primary, 'route').reason).toBe(
      '10.0.1.10 of eni-multi has no public IPv4 address, and the internet reaches a VPC only at public addresses',
    );
  });

  it('carry out only what leaves from their own address', async () => {
    const engine = await estate().engine();
    expect(engine.check(flow('10.0.1.11', '198.51.100.7')).allowed).toBe(true);
    const fromPrimary = engine.check(flow('eni-multi', '198.51.100.7'));
    expect(fromPrimary.allowed).toBe(false);
    expect(layer(fromPrimary, 'route').reason).toContain(
      'but 10.0.1.10 of eni-multi has no public IPv4 address for it to translate to',
    );
  });

  it('bring a connection to them back in to their own address, seen from the caller’s public address', async () => {
    const engine = await estate().engine();
    const hairpin = engine.check(flow('eni-primary', '54.0.0.11'));
    expect(hairpin.allowed).toBe(true);
    expect(hairpin.destination).toMatchObject({
      input: '54.0.0.11',
      workloadId: 'eni-multi',
      address: '54.0.0.11',
    });
    expect(layer(hairpin, 'sg-ingress').reason).toMatch(/^coming back in to eni-multi from 54\.0\.0\.20, /);
    expect(() => engine.check(flow('54.0.0.11', '54.0.0.20'))).toThrow('name 10.0.1.11 as the source');
  });
});
