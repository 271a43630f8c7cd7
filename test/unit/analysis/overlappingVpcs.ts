import { AwsExportBuilder, allTraffic, anywhere } from './exportBuilder';
import { allowAll } from './scenario';

type Json = Record<string, unknown>;

/**
 * Two accounts' VPCs reusing one range: vpc-a and vpc-b both 10.0.0.0/16, each with eni-a1/eni-b1 at
 * 10.0.1.10 and eni-a2/eni-b2 at 10.0.1.20 holding the delegated prefix 10.0.3.0/28; and vpc-c
 * 10.9.0.0/16 with eni-c at 10.9.1.5. Groups (sg-a, sg-b, sg-c) and network ACLs are open unless
 * `egressA` gives sg-a's egress rules.
 */
export function overlappingVpcs(options: { egressA?: Json[] } = {}): AwsExportBuilder {
  const builder = new AwsExportBuilder();
  for (const [vpc, cidr] of [
    ['a', '10.0.0.0/16'],
    ['b', '10.0.0.0/16'],
    ['c', '10.9.0.0/16'],
  ] as const) {
    const subnet = `subnet-${vpc}`;
    const egress = vpc === 'a' ? (options.egressA ?? [allTraffic(anywhere)]) : [allTraffic(anywhere)];
    builder
      .vpc(`vpc-${vpc}`, cidr)
      .subnet(subnet, `vpc-${vpc}`, cidr.replace('0.0/16', '1.0/24'))
      .group(`sg-${vpc}`, `vpc-${vpc}`, { egress, ingress: [allTraffic(anywhere)] })
      .acl(`acl-${vpc}`, `vpc-${vpc}`, { subnets: [subnet], entries: allowAll });
    if (vpc === 'c') builder.eni('eni-c', subnet, { ips: ['10.9.1.5'], groups: ['sg-c'] });
    else {
      builder
        .eni(`eni-${vpc}1`, subnet, { ips: ['10.0.1.10'], groups: [`sg-${vpc}`] })
        .eni(`eni-${vpc}2`, subnet, { ips: ['10.0.1.20'], groups: [`sg-${vpc}`], prefixes: ['10.0.3.0/28'] });
    }
  }
  return builder;
}
