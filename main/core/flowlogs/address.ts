import { isIPv6 } from 'node:net';

/**
 * An address as a map key: IPv4 as its 32-bit value (an int32, which V8 keeps unboxed and hashes as
 * a number), IPv6 as its text. Flow logs are nearly all IPv4, and keying by number spares slicing
 * two strings out of every line and hashing them.
 */
export type AddressKey = number | string;

/**
 * The key of text[start, end) if it is an IP address, else null. IPv4 is read by hand, within the
 * field only (an indexOf(':') would scan the rest of the chunk); IPv6 is rare enough for node:net.
 */
export function addressKeyAt(text: string, start: number, end: number): AddressKey | null {
  const v4 = ipv4At(text, start, end);
  if (v4 !== null) return v4;
  const slice = text.slice(start, end);
  // node:net accepts a zone (fe80::1%eth0), which names an interface of the logging host, not an address.
  return isIPv6(slice) && !slice.includes('%') ? slice : null;
}

/** The address a key stands for, as the log wrote it (IPv4 without leading zeros, which are refused). */
export function addressText(key: AddressKey): string {
  if (typeof key === 'string') return key;
  return `${key >>> 24}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.${key & 255}`;
}

function ipv4At(text: string, start: number, end: number): number | null {
  let parts = 0;
  let digits = 0;
  let value = 0;
  let address = 0;
  for (let i = start; i <= end; i++) {
    const code = i === end ? 46 : text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || value > 255) return null;
      address = (address << 8) | value;
      parts++;
      digits = 0;
      value = 0;
    } else if (code >= 48 && code <= 57) {
      // A leading zero is refused as inet_pton does: 010 would mean 8 to some readers and 10 to others.
      if (digits === 1 && value === 0) return null;
      digits++;
      value = value * 10 + code - 48;
    } else {
      return null;
    }
  }
  return parts === 4 ? address : null;
}
