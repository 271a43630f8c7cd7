/**
 * Seeded randomness for the bench estate: the same seed and sizes give byte-identical files, so
 * figures from two runs (or two machines) compare the same input.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast and good enough to spread ports and peers; not for anything secret. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** murmur3's finaliser: a bijection on 32 bits, so distinct indexes give distinct, random-looking ids. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (value: number) => value.toString(16).padStart(8, '0');

/** A modern 17-hex EC2 id (`sg-0a1b2c3d4e5f60718`), unique per prefix and index. */
export function awsId(prefix: string, index: number): string {
  let salt = 0;
  for (const char of prefix) salt = Math.imul(salt, 31) + char.charCodeAt(0);
  return `${prefix}-0${hex8(mix(index ^ salt))}${hex8(mix(index + salt + 1))}`;
}

export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
