import { AwsExportBuilder, allTraffic, anywhere } from './exportBuilder';
import { allowAll } from './scenario';

type Json = Record<string, unknown>;

/**
 * vpc-a 10.0.0.0/16 (eni-a 10.0.1.10 in subnet-a) and vpc-b 10.1.0.0/16 (eni-b 10.1.1.20 in subnet-b),
 * security groups and NACLs wide open, so only routing decides.
 */
export function twoVpcs(options: { peering?: string; routesA?: Json[] | null; routesB?: Json[] | null }) {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .group('sg-a', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .group('sg-b', 'vpc-b', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
    .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-a'] })
    .eni('eni-b', 'subnet-b', { ips: ['10.1.1.20'], groups: ['sg-b'] })
    .acl('acl-a', 'vpc-a', { subnets: [], entries: allowAll, isDefault: true })
    .acl('acl-b', 'vpc-b', { subnets: [], entries: allowAll, isDefault: true });
  if (options.peering !== undefined) builder.peering('pcx-ab', 'vpc-a', 'vpc-b', options.peering);
  if (options.routesA)
    builder.routeTable('rtb-a', 'vpc-a', { subnets: ['subnet-a'], routes: options.routesA });
  if (options.routesB) builder.routeTable('rtb-b', 'vpc-b', { main: true, routes: options.routesB });
  return builder;
}
