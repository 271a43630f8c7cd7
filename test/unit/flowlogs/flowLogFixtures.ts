import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import type { ImportInput } from '../../../main/core/input/importInput';

export const v2Header =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** A default-format record; ports and action as given, the rest fixed. */
export function v2(src: string, dst: string, srcPort: number, dstPort: number, extra: Partial<V2Extra> = {}) {
  const { protocol, packets, bytes, start, end, action } = { ...defaults, ...extra };
  return `2 123456789012 eni-1 ${src} ${dst} ${srcPort} ${dstPort} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} OK`;
}

interface V2Extra {
  protocol: number;
  packets: number;
  bytes: number;
  start: number;
  end: number;
  action: 'ACCEPT' | 'REJECT';
}

const defaults: V2Extra = { protocol: 6, packets: 10, bytes: 1000, start: 100, end: 160, action: 'ACCEPT' };

export const bytesInput = (name: string, text: string, gzip = false): ImportInput => ({
  kind: 'bytes',
  name,
  data: gzip ? gzipSync(text) : Buffer.from(text),
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A temporary folder, removed after the test, with the given files (relative path → content). */
export async function tempTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-flowlogs-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
