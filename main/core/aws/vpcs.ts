import type { Vpc } from '../domain/estate';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { activeCidrs, privateIpv6Cidrs } from './cidrAssociations';
import { perItem } from './draft';
import { readTags } from './tags';

export const vpcsExport = perItem('Vpcs', 'describe-vpcs', (vpc, into) => {
  // Older exports and some tools print only the primary CidrBlock.
  const cidrBlocks = vpc.at('CidrBlockAssociationSet').isMissing
    ? [readCidr(vpc.at('CidrBlock'), 4)]
    : activeCidrs(vpc, 4);
  const block = blockMode(vpc.at('BlockPublicAccessStates'));
  const privateIpv6 = privateIpv6Cidrs(vpc);
  into.vpcs.push({
    id: vpc.str('VpcId'),
    ownerId: vpc.optStr('OwnerId'),
    isDefault: vpc.optBool('IsDefault') ?? false,
    cidrBlocks,
    ipv6CidrBlocks: activeCidrs(vpc, 6),
    ...(privateIpv6.length === 0 ? {} : { privateIpv6CidrBlocks: privateIpv6 }),
    ...(block === null ? {} : { blockPublicAccess: block }),
    tags: readTags(vpc),
    source: vpc.source,
  });
});

/** VPC Block Public Access: null when `off` or not printed; a mode AWS does not list is refused. */
function blockMode(states: JsonCursor): Vpc['blockPublicAccess'] | null {
  const mode = states.isMissing ? null : states.optStr('InternetGatewayBlockMode');
  if (mode === null || mode === 'off') return null;
  if (mode === 'block-bidirectional' || mode === 'block-ingress') return mode;
  return states.at('InternetGatewayBlockMode').fail('"off", "block-bidirectional" or "block-ingress"');
}
