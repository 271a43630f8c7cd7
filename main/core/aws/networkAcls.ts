import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readIcmpValue, readPortRange, readProtocol } from './protocol';
import { readTags } from './tags';

export const networkAclsExport = perItem('NetworkAcls', 'describe-network-acls', (acl, into) => {
  const aclId = acl.str('NetworkAclId');
  into.networkAcls.push({
    id: aclId,
    vpcId: into.references.add(aclId, 'vpc', acl.at('VpcId')),
    isDefault: acl.optBool('IsDefault') ?? false,
    subnetIds: acl
      .list('Associations')
      .map((association) => into.references.add(aclId, 'subnet', association.at('SubnetId'))),
    tags: readTags(acl),
    source: acl.source,
  });
  for (const entry of acl.list('Entries')) {
    const protocol = readProtocol(entry.at('Protocol'));
    into.networkAclEntries.push({
      aclId,
      // 1-32766 are the user's; AWS prints the catch-all `*` as 32767 (IPv4) and 32768 (IPv6).
      ruleNumber: entry.intIn('RuleNumber', 1, 32768),
      egress: entry.bool('Egress'),
      protocol,
      action: readAction(entry.at('RuleAction')),
      cidr: readEntryCidr(entry),
      // Absent for tcp/udp means every port; AWS prints PortRange only when the rule narrows it.
      portRange: hasPortRange(protocol)
        ? entry.at('PortRange').optional((range) => readPortRange(range, 'From', 'To'))
        : null,
      icmp: isIcmp(protocol)
        ? entry
            .at('IcmpTypeCode')
            .optional((icmp) => ({ type: readIcmpValue(icmp, 'Type'), code: readIcmpValue(icmp, 'Code') }))
        : null,
      source: entry.source,
    });
  }
});

function readEntryCidr(entry: JsonCursor): string {
  const { key, field } = entry.oneOf(['CidrBlock', 'Ipv6CidrBlock']);
  return readCidr(field, key === 'CidrBlock' ? 4 : 6);
}

function readAction(field: JsonCursor): 'allow' | 'deny' {
  const action = field.string();
  return action === 'allow' || action === 'deny' ? action : field.fail('"allow" or "deny"');
}
