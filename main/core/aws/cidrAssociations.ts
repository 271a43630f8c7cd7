import type { IpFamily } from '../domain/ip';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';

const gone = new Set(['disassociating', 'disassociated', 'failing', 'failed']);

/**
 * The CIDRs of a `…CidrBlockAssociationSet`. AWS keeps a removed block in the set for a while; it no
 * longer holds addresses, so it is left out.
 */
export function activeCidrs(
  owner: JsonCursor,
  setKey: string,
  cidrKey: string,
  stateKey: string,
  family: IpFamily,
): string[] {
  return owner
    .list(setKey)
    .filter(
      (association) => !gone.has(association.at(stateKey).optional((state) => state.str('State')) ?? ''),
    )
    .map((association) => readCidr(association.at(cidrKey), family));
}
