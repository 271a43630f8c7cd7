import type { NetworkPlan, SubnetPlan, Tier, VpcPlan } from '../plan/network';
import { awsId } from '../random';
import { ACCOUNT, type Json, tagList } from './common';

type Entry = Json & { RuleNumber: number };

const entry = (
  egress: boolean,
  ruleNumber: number,
  protocol: string,
  action: string,
  cidr: string,
): Entry => ({
  CidrBlock: cidr,
  Egress: egress,
  Protocol: protocol,
  RuleAction: action,
  RuleNumber: ruleNumber,
});
const ports = (from: number, to: number) => ({ PortRange: { From: from, To: to } });

/** The two entries AWS puts in every ACL and nobody can remove. */
const finalDeny = [
  entry(true, 32767, '-1', 'deny', '0.0.0.0/0'),
  entry(false, 32767, '-1', 'deny', '0.0.0.0/0'),
];

const defaultEntries = [
  entry(true, 100, '-1', 'allow', '0.0.0.0/0'),
  entry(false, 100, '-1', 'allow', '0.0.0.0/0'),
  ...finalDeny,
];

/** A hardened tier ACL as teams write them: a few blocked ranges, the service ports, ephemeral replies. */
function customEntries(vpc: VpcPlan, tier: Tier): Entry[] {
  const servicePorts = tier === 'public' ? [443, 80] : [5432, 3306, 6379, 27017];
  const source = tier === 'public' ? '0.0.0.0/0' : vpc.cidr;
  const blocked = ['198.51.100.0/24', '203.0.113.0/24', '192.0.2.0/24'];
  return [
    ...blocked.map((cidr, k) => entry(false, 10 + k, '-1', 'deny', cidr)),
    ...servicePorts.map((port, k) => ({
      ...entry(false, 100 + k * 10, '6', 'allow', source),
      ...ports(port, port),
    })),
    { ...entry(false, 200, '6', 'allow', '0.0.0.0/0'), ...ports(1024, 65535) },
    { ...entry(false, 210, '17', 'allow', vpc.cidr), ...ports(53, 53) },
    { ...entry(false, 220, '1', 'allow', '0.0.0.0/0'), IcmpTypeCode: { Code: 4, Type: 3 } },
    { ...entry(false, 300, '-1', 'allow', vpc.cidr) },
    ...blocked.map((cidr, k) => entry(true, 10 + k, '-1', 'deny', cidr)),
    { ...entry(true, 100, '6', 'allow', '0.0.0.0/0'), ...ports(443, 443) },
    { ...entry(true, 110, '6', 'allow', '0.0.0.0/0'), ...ports(1024, 65535) },
    { ...entry(true, 120, '-1', 'allow', vpc.cidr) },
    ...finalDeny,
  ].sort((a, b) => a.RuleNumber - b.RuleNumber);
}

/**
 * Per VPC: the default ACL keeps the app subnets; public and data subnets get a custom ACL each,
 * so every subnet is associated with exactly one ACL, as in AWS.
 */
export function renderNetworkAcls(plan: NetworkPlan): Json {
  let associationIndex = 0;
  const acl = (vpc: VpcPlan, index: number, tier: Tier | null, subnets: readonly SubnetPlan[]) => {
    const id = awsId('acl', vpc.index * 3 + index);
    return {
      Associations: subnets.map((subnet) => ({
        NetworkAclAssociationId: awsId('aclassoc', associationIndex++),
        NetworkAclId: id,
        SubnetId: subnet.id,
      })),
      Entries: tier === null ? defaultEntries : customEntries(vpc, tier),
      IsDefault: tier === null,
      NetworkAclId: id,
      Tags: tier === null ? [] : tagList({ Name: `${tier}-nacl-${vpc.index}` }),
      VpcId: vpc.id,
      OwnerId: ACCOUNT,
    };
  };
  return {
    NetworkAcls: plan.vpcs.flatMap((vpc) => {
      const own = plan.subnets.filter((subnet) => subnet.vpc === vpc);
      const ofTier = (tier: Tier) => own.filter((subnet) => subnet.tier === tier);
      const custom = (['public', 'data'] as const).filter((tier) => ofTier(tier).length > 0);
      const inDefault = own.filter((subnet) => !custom.includes(subnet.tier as 'public' | 'data'));
      return [
        acl(vpc, 0, null, inDefault),
        ...custom.map((tier) => acl(vpc, tier === 'public' ? 1 : 2, tier, ofTier(tier))),
      ];
    }),
  };
}
