import type { IpFamily } from '../domain/ip';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';

const gone = new Set(['disassociating', 'disassociated', 'failing', 'failed']);

/**
 * The CIDRs of a VPC's or subnet's `CidrBlockAssociationSet` (IPv4) or `Ipv6CidrBlockAssociationSet`.
 * AWS keeps a removed block in the set for a while; it no longer holds addresses, so it is left out.
 */
export function activeCidrs(owner: JsonCursor, family: IpFamily): string[] {
  return activeAssociations(owner, family).map((association) =>
    readCidr(association.at(`${family === 6 ? 'Ipv6' : ''}CidrBlock`), family),
  );
}

/**
 * The active IPv6 blocks whose `Ipv6AddressAttribute` is `private` (IPAM's private IPv6 ranges,
 * global unicast or unique local): "Private IP addresses are not and cannot be advertised on the
 * internet from AWS" (VpcIpv6CidrBlockAssociation in the EC2 API Reference).
 */
export function privateIpv6Cidrs(owner: JsonCursor): string[] {
  return activeAssociations(owner, 6)
    .filter((association) => association.optStr('Ipv6AddressAttribute') === 'private')
    .map((association) => readCidr(association.at('Ipv6CidrBlock'), 6));
}

function activeAssociations(owner: JsonCursor, family: IpFamily): JsonCursor[] {
  const prefix = family === 6 ? 'Ipv6' : '';
  return owner
    .list(`${prefix}CidrBlockAssociationSet`)
    .filter(
      (association) =>
        !gone.has(association.at(`${prefix}CidrBlockState`).optional((state) => state.str('State')) ?? ''),
    );
}
