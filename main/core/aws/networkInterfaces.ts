import type { PublicAddress } from '../domain/estate';
import { classifyWorkload } from '../domain/workloadKind';
import { readCidr, readIp } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readTags } from './tags';

export const networkInterfacesExport = perItem(
  'NetworkInterfaces',
  'describe-network-interfaces',
  (eni, into) => {
    const id = eni.str('NetworkInterfaceId');
    const attachment = eni.at('Attachment');
    const instanceId = attachment.optional((a) => a.optStr('InstanceId'));
    const interfaceType = eni.str('InterfaceType');
    const description = eni.optStr('Description') ?? '';
    const requesterId = eni.optStr('RequesterId');
    into.workloads.push({
      id,
      kind: classifyWorkload({ interfaceType, description, requesterId, instanceId }),
      vpcId: into.references.add(id, 'vpc', eni.at('VpcId')),
      subnetId: into.references.add(id, 'subnet', eni.at('SubnetId')),
      instanceId,
      deviceIndex: attachment.optional((a) => a.at('DeviceIndex').optional((index) => index.integer())),
      ...networkCard(attachment),
      interfaceType,
      description,
      requesterId,
      status: eni.str('Status'),
      privateIps: privateIps(eni),
      ipv6Addresses: eni.list('Ipv6Addresses').map((address) => readIp(address.at('Ipv6Address'), 6)),
      publicIp: eni
        .at('Association')
        .optional((association) => association.at('PublicIp').optional((ip) => readIp(ip, 4))),
      ...secondaryPublicIps(eni),
      ...delegatedPrefixes(eni),
      groupIds: eni
        .list('Groups')
        .map((group) => into.references.add(id, 'securityGroup', group.at('GroupId'))),
      tags: readTags(eni, 'TagSet'),
      source: eni.source,
    });
  },
);

/** The attachment's network card when it is not card 0, which is where AWS puts an instance's primary ENI. */
function networkCard(attachment: JsonCursor): { networkCardIndex?: number } {
  const card = attachment.optional((a) =>
    a.at('NetworkCardIndex').isMissing ? null : a.intIn('NetworkCardIndex', 0, 255),
  );
  return card ? { networkCardIndex: card } : {};
}

/** Elastic IPs associated with secondary private addresses; the primary's is the ENI's own Association. */
function secondaryPublicIps(eni: JsonCursor): { secondaryPublicIps?: PublicAddress[] } {
  const pairs = eni
    .list('PrivateIpAddresses')
    .filter((address) => address.optBool('Primary') !== true)
    .flatMap((address) => {
      const publicIp = address
        .at('Association')
        .optional((association) => association.at('PublicIp').optional((ip) => readIp(ip, 4)));
      return publicIp ? [{ privateIp: readIp(address.at('PrivateIpAddress'), 4), publicIp }] : [];
    });
  // Most ENIs have none: no empty list in every stored workload.
  return pairs.length === 0 ? {} : { secondaryPublicIps: pairs };
}

/** Prefixes assigned to the ENI, IPv4 first; absent on most ENIs, so absent from most stored workloads. */
function delegatedPrefixes(eni: JsonCursor): { prefixes?: string[] } {
  const prefixes = [
    ...eni.list('Ipv4Prefixes').map((prefix) => readCidr(prefix.at('Ipv4Prefix'), 4)),
    ...eni.list('Ipv6Prefixes').map((prefix) => readCidr(prefix.at('Ipv6Prefix'), 6)),
  ];
  return prefixes.length === 0 ? {} : { prefixes };
}

/** Primary first: the primary address is the one other tools and DNS name the ENI by. */
function privateIps(eni: JsonCursor): string[] {
  const listed = eni.list('PrivateIpAddresses');
  if (listed.length === 0)
    return eni.at('PrivateIpAddress').optional((address) => [readIp(address, 4)]) ?? [];
  const isPrimary = (address: JsonCursor) => address.optBool('Primary') === true;
  return [...listed.filter(isPrimary), ...listed.filter((address) => !isPrimary(address))].map((address) =>
    readIp(address.at('PrivateIpAddress'), 4),
  );
}
