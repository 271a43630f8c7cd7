import { type IpFamily, parseCidr, parseIp } from '../domain/ip';
import type { JsonCursor } from './jsonCursor';

const familyName: Record<IpFamily, string> = { 4: 'IPv4', 6: 'IPv6' };
const cidrExample: Record<IpFamily, string> = { 4: '10.0.0.0/16', 6: '2600:1f18::/56' };
const addressExample: Record<IpFamily, string> = { 4: '10.0.1.15', 6: '2600:1f18::15' };

/**
 * A CIDR field, checked at import: analysis reads every CIDR, and one it cannot read would fail the
 * views long after the import had said yes. `family` when the field holds only one (AWS prints IPv4
 * and IPv6 blocks in separate fields).
 */
export function readCidr(field: JsonCursor, family?: IpFamily): string {
  const text = field.string();
  const found = cidrFamily(text);
  if (found === null || (family !== undefined && found !== family)) {
    field.fail(
      family === undefined
        ? `an IPv4 or IPv6 CIDR such as ${cidrExample[4]}`
        : `an ${familyName[family]} CIDR such as ${cidrExample[family]}`,
    );
  }
  return text;
}

/** An address field, checked at import for the same reason as readCidr. */
export function readIp(field: JsonCursor, family?: IpFamily): string {
  const text = field.string();
  const address = parseIp(text);
  if (address === null || (family !== undefined && address.family !== family)) {
    field.fail(
      family === undefined
        ? 'an IP address'
        : `an ${familyName[family]} address such as ${addressExample[family]}`,
    );
  }
  return text;
}

/**
 * Exports repeat a few CIDRs many thousands of times (`0.0.0.0/0`, each VPC's block): each is parsed
 * once. Bounded, as the texts come from untrusted files.
 */
const cidrFamilies = new Map<string, IpFamily | null>();

function cidrFamily(text: string): IpFamily | null {
  let family = cidrFamilies.get(text);
  if (family === undefined) {
    family = parseCidr(text)?.family ?? null;
    if (cidrFamilies.size >= 65_536) cidrFamilies.clear();
    cidrFamilies.set(text, family);
  }
  return family;
}
