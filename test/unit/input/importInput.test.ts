import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ImportInput,
  type ListedFile,
  listFiles,
  readAhead,
} from '../../../main/core/input/importInput';
import { formatSize, type ImportLimits, resolveLimits } from '../../../main/core/input/limits';
import { collectFiles } from './collect';
import { refusal } from './refusal';
import { buildZip, type ZipMember } from './zipBuilder';

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');
const zipInput = (name: string, members: ZipMember[]): ImportInput => ({
  kind: 'bytes',
  name,
  data: buildZip(members),
});

const refused = (inputs: ImportInput[], limits: Partial<ImportLimits> = {}) =>
  refusal(collectFiles(inputs, resolveLimits(limits)));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-input-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectFiles from disk', () => {
  it('reads a folder recursively in name order, leaving out hidden entries and symlinks', async () => {
    const root = join(dir, 'export');
    await mkdir(join(root, 'nested'), { recursive: true });
    await mkdir(join(root, '.git'));
    await writeFile(join(root, 'b.json'), '{"b":1}');
    await writeFile(join(root, 'a.json'), '{"a":1}');
    await writeFile(join(root, 'nested', 'c.json'), '{"c":1}');
    await writeFile(join(root, '.DS_Store'), 'junk');
    await writeFile(join(root, '.git', 'config'), 'junk');
    await writeFile(join(dir, 'outside.json'), '{"outside":1}');
    await symlink(join(dir, 'outside.json'), join(root, 'link.json'));

    const files = await collectFiles([{ kind: 'path', path: root }], resolveLimits());
    expect(files.map((file) => file.name)).toEqual([
      'export/a.json',
      'export/b.json',
      'export/nested/c.json',
    ]);
    expect(text(files[2]?.data ?? new Uint8Array())).toBe('{"c":1}');
  });

  it('opens a zip by its magic bytes, whatever its name', async () => {
    const path = join(dir, 'snapshot.bin');
    await writeFile(path, buildZip([{ name: 'inner/vpcs.json', data: '{"Vpcs":[]}' }]));
    const files = await collectFiles([{ kind: 'path', path }], resolveLimits());
    expect(files.map((file) => [file.name, text(file.data)])).toEqual([
      ['snapshot.bin!/inner/vpcs.json', '{"Vpcs":[]}'],
    ]);
  });

  it('refuses a file over the size limit before reading it, naming the file and the option', async () => {
    const path = join(dir, 'big.json');
    await writeFile(path, Buffer.alloc(3 * 1024 * 1024, 0x20));
    const error = await refused([{ kind: 'path', path }], { maxFileBytes: 2 * 1024 * 1024 });
    expect(error.message).toBe('file big.json is 3 MB, over the 2 MB limit (set with --max-file-mb)');
    expect(error.file).toBe('big.json');
  });

  it('names a path that does not exist', async () => {
    const error = await refused([{ kind: 'path', path: join(dir, 'nope.json') }]);
    expect(error.message).toMatch(/cannot read .*nope\.json: no such file or folder/);
  });
});

describe('reading the listed files', () => {
  /** Files that record when their reads start; `bytes` is the size each has on disk. */
  const onDisk = (bytes: Record<string, number>) => {
    const started: string[] = [];
    const listed = Object.entries(bytes).map(
      ([name, diskBytes]): ListedFile => ({
        name,
        skipReason: null,
        diskBytes,
        load: async () => {
          started.push(name);
          return new TextEncoder().encode(name);
        },
      }),
    );
    return { listed, started };
  };
  const mib = 1024 * 1024;

  it('reads ahead past small files until a large one is on its way, and reads each once', async () => {
    const { listed, started } = onDisk({ a: 2 * mib, b: 10, c: 10, d: 2 * mib, e: 2 * mib });
    const seen: string[][] = [];
    for await (const file of readAhead(listed)) seen.push([file.name, text(file.data), started.join()]);
    expect(seen).toEqual([
      ['a', 'a', 'a,b,c,d'],
      ['b', 'b', 'a,b,c,d'],
      ['c', 'c', 'a,b,c,d'],
      ['d', 'd', 'a,b,c,d,e'],
      ['e', 'e', 'a,b,c,d,e'],
    ]);
  });

  it('reads no more than sixteen small files ahead', async () => {
    const { listed, started } = onDisk(
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 10])),
    );
    const ahead: number[] = [];
    let handedOver = 0;
    for await (const _ of readAhead(listed)) ahead.push(started.length - ++handedOver);
    expect(ahead.slice(0, 3)).toEqual([16, 16, 16]);
    expect(ahead.at(-1)).toBe(0);
    expect(started).toEqual(listed.map((file) => file.name));
  });

  it('hands each file over without waiting for its sha256, which follows', async () => {
    const names = ['a.json', 'b.json', 'c.json'];
    const listed = names.map(
      (name): ListedFile => ({
        name,
        skipReason: null,
        diskBytes: 0,
        load: async () => new TextEncoder().encode(name),
      }),
    );
    const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
    // The hashes are only made once every file has been handed over: a reader waiting for them hangs.
    const hashing: (() => void)[] = [];
    const digest = (data: Uint8Array) =>
      new Promise<string>((resolve) => hashing.push(() => resolve(sha256(data))));
    const seen: [string, Promise<string>][] = [];
    for await (const file of readAhead(listed, { digest })) seen.push([file.name, file.sha256]);
    for (const hash of hashing) hash();
    expect(await Promise.all(seen.map(async ([name, hash]) => [name, await hash]))).toEqual(
      names.map((name) => [name, sha256(name)]),
    );
  });

  it('refuses a file that grew or shrank after its size was checked, naming it', async () => {
    for (const change of [(path: string) => appendFile(path, ' '), (path: string) => truncate(path, 3)]) {
      const path = join(dir, 'vpcs.json');
      await writeFile(path, '{"Vpcs":[]}');
      const listed = await listFiles([{ kind: 'path', path }], resolveLimits());
      await change(path);
      const error = await refusal(readAhead(listed).next());
      expect(error.message).toBe(`${path} changed while it was being read: import it again`);
      expect(error.file).toBe('vpcs.json');
    }
  });

  it('reads a large file in parts, byte for byte, and refuses it once it changed', async () => {
    const path = join(dir, 'enis.json');
    const bytes = Buffer.alloc(33 * 1024 * 1024 + 7);
    for (let at = 0; at < bytes.length; at += 4096) bytes.writeUInt32LE(at, at);
    await writeFile(path, bytes);
    const read = async () => {
      const listed = await listFiles([{ kind: 'path', path }], resolveLimits());
      return readAhead(listed).next();
    };
    const whole = await read();
    expect(Buffer.from(whole.value?.data ?? []).equals(bytes)).toBe(true);
    for (const change of [
      (at: string) => appendFile(at, ' '),
      (at: string) => truncate(at, 9 * 1024 * 1024),
    ]) {
      await writeFile(path, bytes);
      const listed = await listFiles([{ kind: 'path', path }], resolveLimits());
      await change(path);
      const error = await refusal(readAhead(listed).next());
      expect(error.message).toBe(`${path} changed while it was being read: import it again`);
    }
  });

  it('names a file removed after it was listed', async () => {
    const path = join(dir, 'vpcs.json');
    await writeFile(path, '{"Vpcs":[]}');
    const listed = await listFiles([{ kind: 'path', path }], resolveLimits());
    await rm(path);
    const error = await refusal(readAhead(listed).next());
    expect(error.message).toMatch(/cannot read .*vpcs\.json: no such file or folder/);
  });
});

describe('collectFiles from bytes', () => {
  it('passes plain bytes through and refuses oversize ones', async () => {
    const data = new TextEncoder().encode('{"Vpcs":[]}');
    const files = await collectFiles([{ kind: 'bytes', name: 'vpcs.json', data }], resolveLimits());
    expect(files).toEqual([{ name: 'vpcs.json', data, skipReason: null }]);
    const error = await refused([{ kind: 'bytes', name: 'vpcs.json', data }], { maxFileBytes: 4 });
    expect(error.message).toBe('file vpcs.json is 11 bytes, over the 4 bytes limit (set with --max-file-mb)');
  });

  it('reads zip members with nested folders, skips hidden ones and marks nested zips', async () => {
    const inner = buildZip([{ name: 'x.json', data: '{}' }]);
    const files = await collectFiles(
      [
        zipInput('export.zip', [
          { name: 'export/', data: '', store: true },
          { name: 'export/ec2/subnets.json', data: '{"Subnets":[]}' },
          { name: 'export/raw.json', data: '{"Vpcs":[]}', store: true },
          { name: '__MACOSX/export/._raw.json', data: 'junk' },
          { name: 'export/.hidden.json', data: '{}' },
          { name: 'export/inner.zip', data: inner, store: true },
        ]),
      ],
      resolveLimits(),
    );
    expect(files.map((file) => [file.name, file.skipReason])).toEqual([
      ['export.zip!/export/ec2/subnets.json', null],
      ['export.zip!/export/raw.json', null],
      [
        'export.zip!/export/inner.zip',
        expect.stringContaining('zip archive inside a zip archive is not opened'),
      ],
    ]);
    expect(text(files[0]?.data ?? new Uint8Array())).toBe('{"Subnets":[]}');
  });

  it.each([
    ['../evil.json', '../evil.json', 'climbs out of the archive'],
    ['ok/../../evil.json', 'ok/../../evil.json', 'climbs out of the archive'],
    ['dir\\..\\..\\evil.json', 'dir/../../evil.json', 'climbs out of the archive'],
    ['/etc/evil.json', '/etc/evil.json', 'an absolute path'],
    ['C:/evil.json', 'C:/evil.json', 'an absolute path'],
  ])('refuses the whole archive for a member named %s', async (name, shown, why) => {
    const error = await refused([
      zipInput('bad.zip', [
        { name: 'good.json', data: '{}' },
        { name, data: '{}' },
      ]),
    ]);
    expect(error.message).toContain(`archive bad.zip has a member named ${JSON.stringify(shown)}`);
    expect(error.message).toContain(why);
    expect(error.file).toBe(`bad.zip!/${shown}`);
  });

  it('refuses encrypted members', async () => {
    const error = await refused([
      zipInput('secret.zip', [{ name: 'vpcs.json', data: '{}', encrypted: true }]),
    ]);
    expect(error.message).toBe(
      'archive secret.zip member vpcs.json is encrypted; Faultline reads only unencrypted archives',
    );
  });

  const zeros = Buffer.alloc(8 * 1024 * 1024);

  it('refuses a zip bomb by its compression ratio while inflating', async () => {
    const error = await refused([zipInput('bomb.zip', [{ name: 'bomb.json', data: zeros }])]);
    expect(error.message).toContain(
      'archive member bomb.zip!/bomb.json inflates to over 200 times its compressed size',
    );
    expect(error.message).toContain('--max-compression-ratio');
  });

  it('counts inflated bytes, not the sizes the header claims', async () => {
    const member = { name: 'liar.json', data: zeros, declaredSize: 100 };
    const error = await refused([zipInput('liar.zip', [member])], {
      maxFileBytes: 1024 * 1024,
      maxCompressionRatio: 100_000,
    });
    expect(error.message).toBe(
      'archive member liar.zip!/liar.json inflates to more than 1 MB, over the file size limit (set with --max-file-mb)',
    );
  });

  it('refuses a member whose header declares more than the file limit without inflating it', async () => {
    const member = { name: 'big.json', data: '{}', declaredSize: 5 * 1024 * 1024 };
    const error = await refused([zipInput('big.zip', [member])], { maxFileBytes: 1024 * 1024 });
    expect(error.message).toBe(
      'file big.zip!/big.json is 5 MB, over the 1 MB limit (set with --max-file-mb)',
    );
  });

  it('refuses a member that inflates to other than its declared size', async () => {
    const error = await refused([
      zipInput('odd.zip', [{ name: 'odd.json', data: '{"a":1}', declaredSize: 3 }]),
    ]);
    expect(error.message).toContain('inflates to 7 bytes but its header says 3');
  });

  it('enforces the total limit across inputs and archive members', async () => {
    const member = { name: 'a.json', data: Buffer.alloc(600, 0x20) };
    const error = await refused([zipInput('one.zip', [member]), zipInput('two.zip', [member])], {
      maxTotalBytes: 1000,
    });
    expect(error.message).toBe(
      'reading two.zip!/a.json takes the import over the 1000 bytes total limit (set with --max-total-mb)',
    );
  });

  it('enforces the entry limit', async () => {
    const members = ['a', 'b', 'c'].map((name) => ({ name: `${name}.json`, data: '{}' }));
    const error = await refused([zipInput('many.zip', members)], { maxArchiveEntries: 2 });
    expect(error.message).toBe(
      'archive many.zip has 3 entries, over the 2 entry limit (set with --max-archive-entries)',
    );
  });

  it('names a damaged archive', async () => {
    const damaged = buildZip([{ name: 'a.json', data: '{}' }]).subarray(0, 40);
    const error = await refused([{ kind: 'bytes', name: 'cut.zip', data: damaged }]);
    expect(error.message).toMatch(/^cut\.zip is not a readable zip archive: /);
  });
});

describe('limits', () => {
  it('fills defaults and refuses non-positive overrides', () => {
    expect(resolveLimits({ maxArchiveEntries: 5 })).toEqual({
      maxFileBytes: 256 * 1024 * 1024,
      maxTotalBytes: 2048 * 1024 * 1024,
      maxArchiveEntries: 5,
      maxCompressionRatio: 200,
    });
    expect(() => resolveLimits({ maxFileBytes: 0 })).toThrow(/maxFileBytes must be a positive number/);
  });

  it('formats sizes the way messages print them', () => {
    expect([formatSize(300 * 1024 * 1024), formatSize(1536), formatSize(12)]).toEqual([
      '300 MB',
      '1.5 KB',
      '12 bytes',
    ]);
  });
});
