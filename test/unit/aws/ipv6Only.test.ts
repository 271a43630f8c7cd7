import { describe, expect, it } from 'vitest';
import { computeFlowGraph } from '../../../main/core/analysis/flowGraph';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { AwsExportBuilder, aclEntry, allTraffic } from '../analysis/exportBuilder';

/**
 * vpc-a 10.0.0.0/16 and 2600:1f18:0::/56: subnet-v6 is IPv6-only (eni-v6 2600:1f18:0:9::10, an EKS
 * node of an IPv6 cluster, say), subnet-dual dual-stack (eni-dual 10.0.1.10 and 2600:1f18:0:1::10).
 */
function estate() {
  const open = [allTraffic({ cidrs: ['0.0.0.0/0'], ipv6: ['::/0'] })];
  const entries = [true, false].flatMap((egress) => [
    aclEntry(100, egress, 'allow', 'all', '0.0.0.0/0'),
    aclEntry(101, egress, 'allow', 'all', '::/0'),
  ]);
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .ipv6OnlySubnet('subnet-v6', 'vpc-a', '2600:1f18:0:9::/64')
    .subnet('subnet-dual', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
    .group('sg-open', 'vpc-a', { ingress: open, egress: open })
    .eni('eni-v6', 'subnet-v6', { ips: [], ipv6: ['2600:1f18:0:9::10'], groups: ['sg-open'] })
    .eni('eni-dual', 'subnet-dual', { ips: ['10.0.1.10'], ipv6: ['2600:1f18:0:1::10'], groups: ['sg-open'] })
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-v6', 'subnet-dual'], entries });
}

describe('an IPv6-only subnet (Ipv6Native, no CidrBlock)', () => {
  it('imports, and its workloads are checked over IPv6', async () => {
    const imported = await estate().estate();
    expect(imported.subnets.find((subnet) => subnet.id === 'subnet-v6')).toMatchObject({
      cidrBlock: null,
      ipv6CidrBlocks: ['2600:1f18:0:9::/64'],
    });
    const verdict = new ReachabilityEngine(imported).check({
      source: 'eni-dual',
      destination: 'eni-v6',
      protocol: 'tcp',
      port: 443,
    });
    expect(verdict.allowed).toBe(true);
    expect(verdict.destination.address).toBe('2600:1f18:0:9::10');
    // The graph is of IPv4 flows: the IPv6-only workload is not in it, and nothing fails.
    const graph = computeFlowGraph(imported);
    expect(graph.classes.flatMap((one) => one.workloadIds)).toEqual(['eni-dual']);
  });

  it('still needs a CidrBlock on a subnet that is not IPv6-only', async () => {
    const builder = estate();
    const documents = builder.documents();
    const subnets = (documents['describe-subnets.json'] as { Subnets: Record<string, unknown>[] }).Subnets;
    delete (subnets.find((one) => one.SubnetId === 'subnet-dual') as Record<string, unknown>).CidrBlock;
    await expect(
      readAwsExport([
        {
          kind: 'bytes',
          name: 'describe-subnets.json',
          data: new TextEncoder().encode(JSON.stringify(documents['describe-subnets.json'])),
        },
      ]),
    ).rejects.toThrow('describe-subnets.json $.Subnets[1].CidrBlock: expected a string, got nothing');
  });
});
