/** Deterministic ids, addresses and time stamps for the sample estate. Everything derives from a name. */
import { createHash } from 'node:crypto';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export function hex(key: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += createHash('sha256').update(`northwind/${key}/${round}`).digest('hex');
  }
  return out.slice(0, length);
}

export function hashInt(key: string): number {
  return Number.parseInt(hex(key, 8), 16);
}

/** A modern 17-hex EC2 id such as `vpc-0a1b2c3d4e5f60718`. */
export function awsId(prefix: string, key: string): string {
  return `${prefix}-0${hex(`${prefix}/${key}`, 16)}`;
}

/** Upper-case base32-looking id as IAM prints them (`AIPA…`). */
export function iamId(prefix: string, key: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const h = hex(`iam/${key}`, 34);
  let out = prefix;
  for (let i = 0; i < 17; i++) out += alphabet[Number.parseInt(h.slice(i * 2, i * 2 + 2), 16) % 32];
  return out;
}

export function macAddress(key: string): string {
  const h = hex(`mac/${key}`, 10);
  const bytes = ['06'];
  for (let i = 0; i < 10; i += 2) bytes.push(h.slice(i, i + 2));
  return bytes.join(':');
}

export function uuid(key: string): string {
  const h = hex(`uuid/${key}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`bad IPv4 address ${ip}`);
  }
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): { base: number; bits: number; size: number } {
  const [addr, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (addr === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    throw new Error(`bad CIDR ${cidr}`);
  const size = 2 ** (32 - bits);
  const base = ipToInt(addr);
  if (base % size !== 0) throw new Error(`CIDR ${cidr} is not aligned`);
  return { base, bits, size };
}

export function cidrContains(cidr: string, ip: string): boolean {
  if (cidr.includes(':')) return false;
  const { base, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + size;
}

/** ISO 8601 as the AWS CLI v2 prints time stamps. */
export function isoTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

export function at(day: string, seconds: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000);
}

export interface AwsTag {
  Key: string;
  Value: string;
}

export function tagList(tags: Record<string, string>): AwsTag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
