import { readCidr } from '../input/addressFields';
import { activeCidrs } from './cidrAssociations';
import { perItem } from './draft';
import { readTags } from './tags';

export const subnetsExport = perItem('Subnets', 'describe-subnets', (subnet, into) => {
  const id = subnet.str('SubnetId');
  const zoneId = subnet.optStr('AvailabilityZoneId');
  into.subnets.push({
    id,
    vpcId: into.references.add(id, 'vpc', subnet.at('VpcId')),
    // An IPv6-only subnet has no IPv4 block: "Indicates whether this is an IPv6 only subnet" (Subnet.ipv6Native).
    cidrBlock:
      subnet.optBool('Ipv6Native') === true && subnet.at('CidrBlock').isMissing
        ? null
        : readCidr(subnet.at('CidrBlock'), 4),
    ipv6CidrBlocks: activeCidrs(subnet, 6),
    availabilityZone: subnet.optStr('AvailabilityZone'),
    ...(zoneId === null ? {} : { availabilityZoneId: zoneId }),
    tags: readTags(subnet),
    source: subnet.source,
  });
});
