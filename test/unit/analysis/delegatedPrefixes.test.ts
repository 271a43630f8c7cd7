import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { storedAndLoaded } from '../helpers/tempWorkspace';
import { AwsExportBuilder, allTraffic, anywhere, tcp } from './exportBuilder';
import { allowAll, layer } from './scenario';

type Json = Record<string, unknown>;

/**
 * vpc-a 10.0.0.0/16 with 2600:1f18::/56. eni-node (10.0.1.10) is an EKS node with the prefixes
 * 10.0.1.16/28 and 2600:1f18:0:1:1::/80 delegated to it; eni-db (10.0.2.20) admits tcp/5432 only
 * from the pod address 10.0.1.20.
 */
function estate(): AwsExportBuilder {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-nodes', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
    .subnet('subnet-db', 'vpc-a', '10.0.2.0/24')
    .group('sg-node', 'vpc-a', { name: 'node', egress: [allTraffic(anywhere)] })
    .group('sg-db', 'vpc-a', { name: 'db', ingress: [tcp(5432, 5432, { cidrs: ['10.0.1.20/32'] })] })
    .eni('eni-node', 'subnet-nodes', {
      ips: ['10.0.1.10'],
      groups: ['sg-node'],
      prefixes: ['10.0.1.16/28', '2600:1f18:0:1:1::/80'],
    })
    .eni('eni-db', 'subnet-db', { ips: ['10.0.2.20'], groups: ['sg-db'] })
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-nodes', 'subnet-db'], entries: allowAll });
}

const postgres = (source: string) => ({ source, destination: 'eni-db', protocol: 'tcp', port: 5432 });

describe('prefixes delegated to an ENI', () => {
  it('are read from Ipv4Prefixes and Ipv6Prefixes and kept through the store', async () => {
    const exported = await estate().estate();
    expect(exported.workloads.find((workload) => workload.id === 'eni-node')?.prefixes).toEqual([
      '10.0.1.16/28',
      '2600:1f18:0:1:1::/80',
    ]);
    // Most ENIs have none, and store nothing for it.
    expect(exported.workloads.find((workload) => workload.id === 'eni-db')).not.toHaveProperty('prefixes');
    expect((await storedAndLoaded(exported)).workloads).toEqual(exported.workloads);
  });

  it('make every address in them the ENI’s: a flow from a pod address is checked from it', async () => {
    const engine = await estate().engine();
    const fromPod = engine.check(postgres('10.0.1.20'));
    expect(fromPod.allowed).toBe(true);
    expect(fromPod.source).toMatchObject({
      input: '10.0.1.20',
      workloadId: 'eni-node',
      address: '10.0.1.20',
    });
    expect(layer(fromPod, 'sg-ingress').rules).toMatchObject([{ groupId: 'sg-db', peer: '10.0.1.20/32' }]);
    // Another pod of the node, and the node itself, are other addresses: the database does not admit them.
    const otherPod = engine.check(postgres('10.0.1.31'));
    expect(otherPod.source.workloadId).toBe('eni-node');
    expect(otherPod.allowed).toBe(false);
    expect(engine.check(postgres('eni-node')).allowed).toBe(false);
    // Just outside the prefix no ENI holds the address.
    expect(() => engine.check(postgres('10.0.1.32'))).toThrow(/no ENI, instance or private IP "10.0.1.32"/);
    // A pod's flow to its own node never leaves the host.
    expect(() => engine.check({ ...postgres('2600:1f18:0:1:1::9'), destination: 'eni-node' })).toThrow(
      '2600:1f18:0:1:1::9 and eni-node are both eni-node',
    );
  });

  it('are refused, naming the place, when one is not a CIDR of its family', async () => {
    const documents = estate().documents();
    const enis = documents['describe-network-interfaces.json'] as { NetworkInterfaces: Json[] };
    (enis.NetworkInterfaces[0] as Json).Ipv4Prefixes = [{ Ipv4Prefix: '2600:1f18:0:1:2::/80' }];
    const inputs = Object.entries(documents).map(([name, document]) => ({
      kind: 'bytes' as const,
      name,
      data: new TextEncoder().encode(JSON.stringify(document)),
    }));
    await expect(readAwsExport(inputs)).rejects.toThrow(
      /describe-network-interfaces\.json.*\$\.NetworkInterfaces\[0\]\.Ipv4Prefixes\[0\]\.Ipv4Prefix.*an IPv4 CIDR/,
    );
  });
});
