/**
 * IPv4 and IPv6 addresses as numbers, so that CIDR containment is a shift and a compare.
 * bigint for both families: IPv6 needs 128 bits, and one representation keeps the code single-path.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

export interface Cidr {
  readonly family: IpFamily;
  /** The address with its host bits cleared: AWS prints networks, but a stray host bit must not break matching. */
  readonly network: bigint;
  readonly prefixLength: number;
  readonly text: string;
}

export const addressBits: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function parseIp(text: string): IpAddress | null {
  const value = text.includes(':') ? ipv6Value(text) : ipv4Value(text);
  if (value === null) return null;
  return { family: text.includes(':') ? 6 : 4, value };
}

export function parseCidr(text: string): Cidr | null {
  const [address, length, ...rest] = text.split('/');
  if (address === undefined || length === undefined || rest.length > 0 || !/^\d{1,3}$/.test(length)) {
    return null;
  }
  const ip = parseIp(address);
  const prefixLength = Number(length);
  if (ip === null || prefixLength > addressBits[ip.family]) return null;
  const shift = BigInt(addressBits[ip.family] - prefixLength);
  return { family: ip.family, network: (ip.value >> shift) << shift, prefixLength, text };
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.family !== address.family) return false;
  const shift = BigInt(addressBits[cidr.family] - cidr.prefixLength);
  return address.value >> shift === cidr.network >> shift;
}

/** Whether every address of `inner` is in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    outer.prefixLength <= inner.prefixLength &&
    cidrContains(outer, { family: inner.family, value: inner.network })
  );
}

/**
 * Dotted quad, or IPv6 in the short form AWS prints and RFC 5952 recommends (lower case, no leading
 * zeros, the longest run of zero words as `::`), as AWS and most tools print it.
 */
export function formatIp(address: IpAddress): string {
  if (address.family === 6) return shortIpv6(address.value);
  return Array.from({ length: 4 }, (_, i) => (address.value >> BigInt(8 * (3 - i))) & 0xffn).join('.');
}

/**
 * The network as AWS stores a CIDR it is given: host bits cleared ("if you specify 100.68.0.18/18 …
 * AWS canonicalizes the CIDR block to 100.68.0.0/18", IpRange in the EC2 API reference), IPv6 in the
 * short form AWS prints.
 */
export function canonicalCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.network })}/${cidr.prefixLength}`;
}

function shortIpv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(16 * (7 - i))) & 0xffffn));
  // RFC 5952 4.2: only a run of two or more zero words is shortened, the first of equally long ones.
  let run = { at: -1, length: 1 };
  for (let at = 0; at < 8; at += 1) {
    let end = at;
    while (end < 8 && words[end] === 0) end += 1;
    if (end - at > run.length) run = { at, length: end - at };
    at = Math.max(at, end);
  }
  const hex = (part: number[]) => part.map((word) => word.toString(16)).join(':');
  return run.at < 0 ? hex(words) : `${hex(words.slice(0, run.at))}::${hex(words.slice(run.at + run.length))}`;
}

/** One key per network however it was written (`10.9.0.0/16` and `10.9.44.1/16` are one network). */
export function cidrKey(cidr: Cidr): string {
  return `${cidr.family}/${cidr.network}/${cidr.prefixLength}`;
}

/** One key per address however it was written (`2600:1f18::10` and `2600:1f18:0:0::10` are the same). */
export function addressKey(address: IpAddress): string {
  return `${address.family}/${address.value}`;
}

// RFC 1918, the RFC 6598 shared space AWS allows in VPCs, and IPv6 unique local addresses (RFC 4193).
const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map(
  (text) => parseCidr(text) as Cidr,
);

export function isPrivateAddress(address: IpAddress): boolean {
  return privateRanges.some((range) => cidrContains(range, address));
}

/**
 * Four dot-separated parts of one to three digits, each at most 255. Read character by character
 * into a number and made a bigint once: every workload's and rule's address is parsed, often more
 * than once, and splitting with a regular expression per part took eight times as long.
 */
function ipv4Value(text: string): bigint | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i === text.length ? 46 : text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || part > 255 || parts === 4) return null;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && digits < 3) {
      part = part * 10 + code - 48;
      digits++;
    } else {
      return null;
    }
  }
  return parts === 4 ? BigInt(value) : null;
}

function ipv6Value(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = words(halves[0] ?? '');
  const tail = halves.length === 2 ? words(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  // `::` stands for at least one zero word; without it the address must spell all eight.
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail].reduce(
    (value, word) => (value << 16n) | BigInt(word),
    0n,
  );
}

/** The 16-bit words of one side of `::`; a trailing dotted IPv4 (`::ffff:10.0.0.1`) is two words. */
function words(part: string): number[] | null {
  if (part === '') return [];
  const pieces = part.split(':');
  const result: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index === pieces.length - 1 && piece.includes('.')) {
      const v4 = ipv4Value(piece);
      if (v4 === null) return null;
      result.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
      result.push(Number.parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return result;
}

// Addresses no internet client has: RFC 6890's special-purpose blocks that are not globally reachable,
// plus the private ranges a VPC uses. Everything else is taken to be somewhere on the internet.
export const notInternet: readonly Cidr[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
  '::/3',
  '4000::/2',
  '8000::/1',
].map((text) => parseCidr(text) as Cidr);

/** An address a client on the internet can have (IPv6: global unicast 2000::/3 only). */
export function isInternetAddress(address: IpAddress): boolean {
  return !notInternet.some((range) => cidrContains(range, address));
}

/** The text as an internet address, or null when it is not an address or not one on the internet. */
export function parseInternetAddress(text: string): IpAddress | null {
  const address = parseIp(text);
  return address !== null && isInternetAddress(address) ? address : null;
}
