import { isIPv6 } from 'node:net';

/**
 * Whether text[start, end) is an IP address. IPv4 is checked by hand because it is nearly every
 * address in a flow log and this runs twice per line; IPv6 is rare enough to leave to node:net.
 */
export function isAddressAt(text: string, start: number, end: number): boolean {
  // Checked as IPv4 first, within the field only: an indexOf(':') would scan the rest of the chunk.
  return isIPv4At(text, start, end) || isIPv6(text.slice(start, end));
}

function isIPv4At(text: string, start: number, end: number): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i <= end; i++) {
    const code = i === end ? 46 : text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (code >= 48 && code <= 57) {
      // A leading zero is refused as inet_pton does: 010 would mean 8 to some readers and 10 to others.
      if (digits === 1 && value === 0) return false;
      digits++;
      value = value * 10 + code - 48;
    } else {
      return false;
    }
  }
  return parts === 4;
}
