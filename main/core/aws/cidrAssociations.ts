import type { IpFamily } from '../domain/ip';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';

const gone = new Set(['disassociating', 'disassociated', 'failing', 'failed']);

/**
 * The CIDRs of a VPC's or subnet's `CidrBlockAssociationSet` (IPv4) or `Ipv6CidrBlockAssociationSet`.
 * AWS keeps a removed block in the set for a while; it no longer holds addresses, so it is left out.
 */
export function activeCidrs(owner: JsonCursor, family: IpFamily): string[] {
  const prefix = family === 6 ? 'Ipv6' : '';
  return owner
    .list(`${prefix}CidrBlockAssociationSet`)
    .filter(
      (association) =>
        !gone.has(association.at(`${prefix}CidrBlockState`).optional((state) => state.str('State')) ?? ''),
    )
    .map((association) => readCidr(association.at(`${prefix}CidrBlock`), family));
}
