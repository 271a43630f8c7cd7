import { describe, expect, it } from 'vitest';
import {
  aggregateBySegment,
  computeFlowGraph,
  type FlowGraph,
} from '../../../../main/core/analysis/flowGraph';
import { unpackSegmentEdges } from '../../helpers/segmentEdges';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, permission, tcp } from '../exportBuilder';

/** vpc-a 10.0.0.0/16 with subnets a (10.0.1.0/24) and b (10.0.2.0/24), ACLs open unless a test says otherwise. */
function estate(): AwsExportBuilder {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-a', '10.0.2.0/24');
}

const openAcl = [
  aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
  aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
];

function classOf(graph: FlowGraph, eni: string): number {
  const found = graph.classes.find((one) => one.workloadIds.includes(eni));
  if (found === undefined) throw new Error(`${eni} is in no class`);
  return found.id;
}

/** The edge between the classes of two ENIs, as strings: `{ tcp: '5432 ? none' }`. */
function edges(graph: FlowGraph, from: string, to: string): Record<string, string> {
  const [source, destination] = [classOf(graph, from), classOf(graph, to)];
  return Object.fromEntries(
    [...graph.edges]
      .filter((edge) => edge.from === source && edge.to === destination)
      .map((edge) => [edge.protocol, `${edge.allowed} ? ${edge.unknown}`]),
  );
}

describe('computeFlowGraph on crafted estates', () => {
  it('follows group references one way', async () => {
    const builder = estate()
      .group('sg-web', 'vpc-a', { egress: [allTraffic(anywhere)] })
      .group('sg-db', 'vpc-a', {
        ingress: [tcp(5432, 5432, { groups: ['sg-web'] })],
        egress: [allTraffic(anywhere)],
      })
      .eni('eni-web', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-web'] })
      .eni('eni-db', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-db'] });
    const graph = computeFlowGraph(await builder.estate());
    expect(edges(graph, 'eni-web', 'eni-db')).toEqual({ tcp: '5432 ? none' });
    expect(edges(graph, 'eni-db', 'eni-web')).toEqual({});
  });

  it('splits a subnet by a /32 a rule names, and gives a class of two a self-edge', async () => {
    const builder = estate()
      .group('sg-app', 'vpc-a', {
        ingress: [tcp(22, 22, { groups: ['sg-app'] })],
        egress: [allTraffic(anywhere)],
      })
      .group('sg-db', 'vpc-a', { ingress: [tcp(5432, 5432, { cidrs: ['10.0.1.10/32'] })] })
      .eni('eni-admin', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-app'] })
      .eni('eni-app1', 'subnet-a', { ips: ['10.0.1.11'], groups: ['sg-app'] })
      .eni('eni-app2', 'subnet-a', {
        ips: ['10.0.1.12', '10.0.1.13'],
        groups: ['sg-app'],
      })
      .eni('eni-db', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-db'] });
    const graph = computeFlowGraph(await builder.estate());
    expect(graph.classes.map((one) => one.workloadIds).sort()).toEqual([
      ['eni-admin'],
      ['eni-app1', 'eni-app2'],
      ['eni-db'],
    ]);
    expect(edges(graph, 'eni-admin', 'eni-db')).toEqual({ tcp: '5432 ? none' });
    expect(edges(graph, 'eni-app1', 'eni-db')).toEqual({});
    expect(edges(graph, 'eni-app1', 'eni-app2')).toEqual({ tcp: '22 ? none' });
    expect(edges(graph, 'eni-admin', 'eni-app1')).toEqual({ tcp: '22 ? none' });
    // A class of one has no self-edge: a workload's flow to itself is not a flow between workloads.
    expect(edges(graph, 'eni-admin', 'eni-admin')).toEqual({});
  });

  // Twenty separate ports make 41 tcp intervals (a key of two words), forty make 81 (a string key);
  // every second interval is open, and one more only to sg-b.
  it.each([20, 40])(
    'keeps ports exact when %i ports cut a protocol into more than 32 intervals',
    async (count) => {
      const ports = Array.from({ length: count }, (_, k) => 2000 + 2 * k);
      const builder = estate()
        .group('sg-a', 'vpc-a', { egress: [allTraffic(anywhere)] })
        .group('sg-b', 'vpc-a', { egress: [allTraffic(anywhere)] })
        .group('sg-db', 'vpc-a', {
          ingress: [
            ...ports.map((port) => tcp(port, port, { groups: ['sg-a'] })),
            tcp(9000, 9000, { groups: ['sg-b'] }),
          ],
          egress: [allTraffic(anywhere)],
        })
        .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
        .eni('eni-b', 'subnet-a', { ips: ['10.0.1.11'], groups: ['sg-b'] })
        .eni('eni-db', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-db'] });
      const graph = computeFlowGraph(await builder.estate());
      expect(edges(graph, 'eni-a', 'eni-db')).toEqual({ tcp: `${ports.join(', ')} ? none` });
      expect(edges(graph, 'eni-b', 'eni-db')).toEqual({ tcp: '9000 ? none' });
    },
  );

  it('drops what a NACL denies between two subnets, and keeps the other direction', async () => {
    const builder = estate()
      .group('sg-all', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-all'] })
      .eni('eni-b', 'subnet-b', { ips: ['10.0.2.10'], groups: ['sg-all'] })
      .acl('acl-a', 'vpc-a', {
        subnets: ['subnet-a'],
        entries: [aclEntry(50, true, 'deny', 'tcp', '10.0.2.0/24', { ports: [80, 80] }), ...openAcl],
      })
      .acl('acl-b', 'vpc-a', { subnets: ['subnet-b'], entries: openAcl });
    const graph = computeFlowGraph(await builder.estate());
    expect(edges(graph, 'eni-a', 'eni-b')).toMatchObject({ tcp: '0-79, 81-65535 ? none' });
    // The reply of b → a:80 leaves a from port 80: replies go to client ports 1024-65535, which stay open.
    expect(edges(graph, 'eni-b', 'eni-a')).toMatchObject({ tcp: '0-65535 ? none' });
  });

  it('has no edge between VPCs without an active peering', async () => {
    const builder = estate()
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-c', 'vpc-b', '10.1.1.0/24')
      .group('sg-a', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .group('sg-b', 'vpc-b', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
      .eni('eni-c', 'subnet-c', { ips: ['10.1.1.10'], groups: ['sg-b'] })
      .peering('pcx-1', 'vpc-a', 'vpc-b', 'pending-acceptance');
    const graph = computeFlowGraph(await builder.estate());
    expect(edges(graph, 'eni-a', 'eni-c')).toEqual({});
    expect(graph.edges.count).toBe(0);
    expect([...graph.edges]).toEqual([]);
  });

  it('lets a -1 rule cover tcp, udp, icmp and every protocol another rule names', async () => {
    const builder = estate()
      .group('sg-a', 'vpc-a', { egress: [allTraffic(anywhere)] })
      .group('sg-b', 'vpc-a', {
        ingress: [allTraffic({ groups: ['sg-a'] }), permission('50', null, { cidrs: ['192.0.2.0/24'] })],
      })
      .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
      .eni('eni-b', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-b'] });
    const graph = computeFlowGraph(await builder.estate());
    expect(edges(graph, 'eni-a', 'eni-b')).toEqual({
      tcp: '0-65535 ? none',
      udp: '0-65535 ? none',
      icmp: '0-255 ? none',
      '50': '0-65535 ? none',
    });
  });

  it('puts what a prefix list without entries might admit in the unknown set', async () => {
    const builder = estate()
      .group('sg-a', 'vpc-a', { egress: [allTraffic(anywhere)] })
      .group('sg-b', 'vpc-a', {
        ingress: [tcp(443, 443, { prefixLists: ['pl-corp'] }), tcp(8080, 8080, { groups: ['sg-a'] })],
      })
      .prefixList('pl-corp', 'corp-office-ranges', null)
      .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
      .eni('eni-b', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-b'] });
    const graph = computeFlowGraph(await builder.estate());
    expect(edges(graph, 'eni-a', 'eni-b')).toEqual({ tcp: '8080 ? 443' });
  });
});

describe('aggregateBySegment', () => {
  it('adds each allowed class edge to every group pair, with its workload pairs', async () => {
    const builder = estate()
      .group('sg-web', 'vpc-a', { name: 'web', egress: [allTraffic(anywhere)] })
      .group('sg-shared', 'vpc-a', { name: 'shared', ingress: [tcp(9100, 9100, { groups: ['sg-shared'] })] })
      .group('sg-db', 'vpc-a', { name: 'db', ingress: [tcp(5432, 5432, { groups: ['sg-web'] })] })
      .eni('eni-web1', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-web', 'sg-shared'] })
      .eni('eni-web2', 'subnet-a', { ips: ['10.0.1.11'], groups: ['sg-shared', 'sg-web'] })
      .eni('eni-db', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-db'] });
    const built = await builder.estate();
    const segments = aggregateBySegment(built, computeFlowGraph(built));
    expect(segments.segments).toEqual([
      { groupId: 'sg-db', name: 'db', vpcId: 'vpc-a', members: 1 },
      { groupId: 'sg-shared', name: 'shared', vpcId: 'vpc-a', members: 2 },
      { groupId: 'sg-web', name: 'web', vpcId: 'vpc-a', members: 2 },
    ]);
    const ports = [{ from: 9100, to: 9100 }];
    const edges = unpackSegmentEdges(segments);
    expect(edges).toEqual(
      expect.arrayContaining([
        { fromGroup: 'sg-shared', toGroup: 'sg-shared', protocol: 'tcp', ports, workloadPairs: 2 },
        { fromGroup: 'sg-web', toGroup: 'sg-web', protocol: 'tcp', ports, workloadPairs: 2 },
        {
          fromGroup: 'sg-web',
          toGroup: 'sg-db',
          protocol: 'tcp',
          ports: [{ from: 5432, to: 5432 }],
          workloadPairs: 2,
        },
      ]),
    );
    expect(edges).toHaveLength(6);
    expect(JSON.parse(JSON.stringify(segments))).toEqual(segments);
  });
});
