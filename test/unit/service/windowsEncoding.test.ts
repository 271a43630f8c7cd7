import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { tempDbFile } from '../helpers/tempWorkspace';

const fixtures = join(import.meta.dirname, '../../fixtures');
const estate = join(fixtures, 'aws/estate');

/** What Windows PowerShell 5.1's `>` writes: UTF-16 with a byte order mark, lines ending in CRLF. */
function asPowerShellWrites(text: string, order: 'le' | 'be' = 'le'): Uint8Array {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
  return order === 'le' ? little : little.swap16();
}

/** The fixture estate's exports, a kubectl export and a dependencies file, as files handed over. */
function files(encode: (text: string, at: number) => Uint8Array) {
  const paths = [
    ...readdirSync(estate)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(estate, name)),
    join(fixtures, 'kubernetes/cluster.json'),
    join(fixtures, 'impact/kubernetes/dependencies.csv'),
  ];
  return paths.map((path, at) => ({
    name: path.slice(fixtures.length + 1),
    data: encode(readFileSync(path, 'utf8'), at),
  }));
}

describe('exports saved by Windows PowerShell (UTF-16)', () => {
  it('imports them as it does the same exports in UTF-8, keeping the bytes as exported', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    try {
      const utf8 = await service.importFiles({ name: 'utf-8', files: files((text) => Buffer.from(text)) });
      // Little-endian, as PowerShell writes it, and one file big-endian.
      const utf16 = files((text, at) => asPowerShellWrites(text, at === 0 ? 'be' : 'le'));
      const windows = await service.importFiles({ name: 'powershell', files: utf16 });
      expect(windows.snapshot.counts).toEqual(utf8.snapshot.counts);
      expect(windows.snapshot.kubernetesCounts).toEqual(utf8.snapshot.kubernetesCounts);
      expect(windows.snapshot.counts.workloads).toBeGreaterThan(0);
      const outcome = ({ file, status, kind, records }: (typeof windows.files)[number]) => ({
        file,
        status,
        kind,
        records,
      });
      expect(windows.files.map(outcome)).toEqual(utf8.files.map(outcome));
      expect(windows.files.every((file) => file.status !== 'error')).toBe(true);
      // The size reported is the file's own, UTF-16 and all.
      const vpcs = utf16.find((file) => file.name.endsWith('vpcs.json') && !file.name.includes('peering'));
      expect(windows.files.find((file) => file.file === vpcs?.name)?.size).toBe(vpcs?.data.byteLength);
    } finally {
      close();
    }
  });

  it('refuses a file that starts as UTF-16 but is cut short, naming it, and keeps the workspace as it was', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    try {
      const whole = asPowerShellWrites(readFileSync(join(estate, 'vpcs.json'), 'utf8'));
      const answer = await dispatch(service, 'importFiles', {
        name: 'cut',
        files: [{ name: 'vpcs.json', data: whole.subarray(0, whole.byteLength - 1) }],
      });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          message: expect.stringContaining(
            'vpcs.json starts with a UTF-16 byte order mark but is not valid UTF-16 text',
          ),
        },
      });
      expect(await service.listSnapshots()).toEqual([]);
    } finally {
      close();
    }
  });
});
