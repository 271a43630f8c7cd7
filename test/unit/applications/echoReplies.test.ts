import { describe, expect, it } from 'vitest';
import { echoRequestCheck } from '../../../main/core/analysis/echoRequests';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { type EchoRequestCheck, foldEchoReplies } from '../../../main/core/applications/echoReplies';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { ObservedFlow } from '../../../main/core/domain/applications';
import type { Estate } from '../../../main/core/domain/estate';
import { computeFindings } from '../../../main/core/findings/computeFindings';
import { FindingContext } from '../../../main/core/findings/context';
import { AwsExportBuilder, allTraffic, anywhere, permission } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

const ping = (client: string, server: string, more: Partial<ObservedFlow> = {}): ObservedFlow => ({
  client,
  server,
  protocol: 1,
  serverPort: null,
  action: 'ACCEPT',
  records: 2,
  packets: 8,
  bytes: 672,
  firstSeen: 1_795_418_491,
  lastSeen: 1_795_418_551,
  ...more,
});

/** Admits echo requests only along the given `source>destination` pairs; null for any pair in `unknown`. */
const admitting =
  (pairs: readonly string[], unknown: readonly string[] = []): EchoRequestCheck =>
  (source, destination) =>
    unknown.includes(`${source}>${destination}`) ? null : pairs.includes(`${source}>${destination}`);

const byAddress = (address: string) => address;

describe('foldEchoReplies', () => {
  it('turns the replies of a ping the snapshot admits one way round into its conversation, keeping their action', () => {
    const flows = [
      ping('10.30.1.33', '10.20.16.233'),
      ping('10.20.16.233', '10.30.1.33'),
      // As in AWS's example: the network ACL rejects the response ping.
      ping('10.20.16.233', '10.30.1.33', { action: 'REJECT', records: 1, lastSeen: 1_795_418_600 }),
      { ...ping('10.30.1.33', '10.20.16.233'), protocol: 6, serverPort: 9100 },
    ];
    expect(foldEchoReplies(flows, byAddress, admitting(['10.30.1.33>10.20.16.233']))).toEqual([
      ping('10.30.1.33', '10.20.16.233', { records: 4, packets: 16, bytes: 1344 }),
      ping('10.30.1.33', '10.20.16.233', { action: 'REJECT', records: 1, lastSeen: 1_795_418_600 }),
      flows[3],
    ]);
  });

  it('keeps both ways when the snapshot admits both, neither, or cannot tell', () => {
    const flows = [ping('10.0.1.10', '10.0.2.20'), ping('10.0.2.20', '10.0.1.10')];
    const both = admitting(['10.0.1.10>10.0.2.20', '10.0.2.20>10.0.1.10']);
    expect(foldEchoReplies(flows, byAddress, both)).toEqual(flows);
    expect(foldEchoReplies(flows, byAddress, admitting([]))).toEqual(flows);
    const unknown = admitting(['10.0.1.10>10.0.2.20'], ['10.0.2.20>10.0.1.10']);
    expect(foldEchoReplies(flows, byAddress, unknown)).toEqual(flows);
  });

  it('asks nothing of a ping seen one way only, nor of conversations logged on different interfaces', () => {
    const asked: string[] = [];
    const check: EchoRequestCheck = (source, destination) => {
      asked.push(`${source}>${destination}`);
      return true;
    };
    const flows = [
      ping('10.0.1.10', '10.0.2.20'),
      ping('10.0.1.10', '10.0.2.30', { interfaceId: 'eni-a' }),
      ping('10.0.2.30', '10.0.1.10', { interfaceId: 'eni-b' }),
    ];
    expect(foldEchoReplies(flows, byAddress, check)).toEqual(flows);
    expect(asked).toEqual([]);
  });
});

/**
 * monitoring (10.0.1.10) pings web (10.0.1.20), logged as AWS logs a ping: "two ACCEPT records (one
 * for the originating ping and one for the response ping)". web admits echo requests from
 * monitoring; monitoring admits them from web only where both ping each other.
 */
describe('an observed ping, with the snapshot that tells its direction', () => {
  const echoFrom = (group: string) => permission('icmp', [8, -1], { groups: [group] });
  const estateOf = async (pingsBothWays: boolean): Promise<Estate> => {
    const estate = await new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .group('sg-monitoring', 'vpc-a', {
        name: 'monitoring',
        ingress: pingsBothWays ? [echoFrom('sg-web')] : [],
        egress: [allTraffic(anywhere)],
      })
      .group('sg-web', 'vpc-a', {
        name: 'web',
        ingress: [echoFrom('sg-monitoring')],
        egress: [allTraffic(anywhere)],
      })
      .eni('eni-monitoring', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-monitoring'] })
      .eni('eni-web', 'subnet-a', { ips: ['10.0.1.20'], groups: ['sg-web'] })
      .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
      .estate();
    return {
      ...estate,
      workloads: estate.workloads.map((w) => ({ ...w, tags: { service: w.id.slice('eni-'.length) } })),
    };
  };
  const analyse = (estate: Estate) => {
    const engine = new ReachabilityEngine(estate);
    const flows = [ping('10.0.1.10', '10.0.1.20'), ping('10.0.1.20', '10.0.1.10')];
    const applications = buildApplicationModel(
      estate,
      { services: [], dependencies: [], providedApis: [], unresolvedApis: [], flows },
      defaultTagKeys,
      echoRequestCheck(() => engine),
    );
    const findings = computeFindings(new FindingContext(estate, applications, defaultTagKeys, engine));
    return {
      dependencies: applications.dependencies.map((d) => [d.from, d.to, d.protocol, d.observed?.records]),
      blocked: findings.findings.filter((f) => f.kind === 'blocked-dependency').length,
    };
  };

  it('reads the response ping as the reply it is: one dependency, no blocked dependency the other way', async () => {
    expect(analyse(await estateOf(false))).toEqual({
      dependencies: [['monitoring', 'web', 'icmp', 4]],
      blocked: 0,
    });
  });

  it("keeps both ways where each end admits the other's pings: nothing tells a request from a reply", async () => {
    expect(analyse(await estateOf(true))).toEqual({
      dependencies: [
        ['monitoring', 'web', 'icmp', 2],
        ['web', 'monitoring', 'icmp', 2],
      ],
      blocked: 0,
    });
  });
});
