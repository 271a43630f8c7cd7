import { readCidr } from '../input/addressFields';
import { activeCidrs } from './cidrAssociations';
import { perItem } from './draft';
import { readTags } from './tags';

export const vpcsExport = perItem('Vpcs', 'describe-vpcs', (vpc, into) => {
  // Older exports and some tools print only the primary CidrBlock.
  const cidrBlocks = vpc.at('CidrBlockAssociationSet').isMissing
    ? [readCidr(vpc.at('CidrBlock'), 4)]
    : activeCidrs(vpc, 4);
  into.vpcs.push({
    id: vpc.str('VpcId'),
    ownerId: vpc.optStr('OwnerId'),
    isDefault: vpc.optBool('IsDefault') ?? false,
    cidrBlocks,
    ipv6CidrBlocks: activeCidrs(vpc, 6),
    tags: readTags(vpc),
    source: vpc.source,
  });
});
