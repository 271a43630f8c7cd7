import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../main/core/domain/errors';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { ImportFile } from '../../../preload/contract';
import { altered, fixture } from '../aws/fixtures';
import { sampleDir } from '../helpers/sampleCounts';
import { dumpDatabase, tempDbFile } from '../helpers/tempWorkspace';
import { buildZip } from '../input/zipBuilder';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (name: string, document: unknown): ImportFile => ({
  name,
  data: bytes(JSON.stringify(document)),
});
const context = ['vpcs.json', 'subnets.json', 'security-groups.json'].map((name) =>
  json(name, fixture(name)),
);

/**
 * Every kind of bad input, through the service as the app and the CLI use it, into a workspace that
 * already holds a snapshot: the error names file and place, and the workspace file is byte-for-byte
 * the same afterwards (schema, version and every row).
 */
interface Case {
  name: string;
  files: ImportFile[];
  file: string;
  place: RegExp | null;
  message: RegExp;
}

const cases: Case[] = [
  {
    name: 'invalid JSON',
    files: [...context, { name: 'enis.json', data: bytes('{\n  "NetworkInterfaces": [\n    {,}\n  ]\n}') }],
    file: 'enis.json',
    place: /^line 3, column 6$/,
    message: /enis\.json is not valid JSON at line 3, column 6/,
  },
  {
    name: 'a wrong shape',
    files: [
      json('subnets.json', altered('subnets.json', ['Subnets', 1, 'CidrBlock'], 42)),
      json('vpcs.json', fixture('vpcs.json')),
    ],
    file: 'subnets.json',
    place: /^\$\.Subnets\[1\]\.CidrBlock$/,
    message: /expected a string, got 42/,
  },
  {
    name: 'a dangling reference',
    files: [
      ...context,
      json(
        'enis.json',
        altered('network-interfaces-1.json', ['NetworkInterfaces', 0, 'Groups', 0, 'GroupId'], 'sg-0nowhere'),
      ),
    ],
    file: 'enis.json',
    place: /^\$\.NetworkInterfaces\[0\]\.Groups\[0\]\.GroupId$/,
    message: /names security group sg-0nowhere which is not in the export/,
  },
  {
    name: 'a duplicate id',
    files: [
      ...context,
      // Another read of the VPC that disagrees: two reads that agree are one object (several accounts).
      json(
        'more-vpcs.json',
        altered('vpcs.json', ['Vpcs', 0, 'CidrBlockAssociationSet', 0, 'CidrBlock'], '10.99.0.0/16'),
      ),
    ],
    file: 'more-vpcs.json',
    place: /^\$\.Vpcs\[0\]$/,
    message: /^duplicate VPC vpc-\w+: vpcs\.json \$\.Vpcs\[0\] and more-vpcs\.json \$\.Vpcs\[0\]$/,
  },
  {
    name: 'an oversize file',
    files: [...context, { name: 'huge.json', data: bytes(`{"Vpcs": [], "Pad": "${'x'.repeat(300_000)}"}`) }],
    file: 'huge.json',
    place: null,
    message: /file huge\.json is 293 KB, over the 256 KB limit \(set with --max-file-mb\)/,
  },
  {
    name: 'a hostile key',
    files: [
      ...context,
      { name: 'evil.json', data: bytes('{"Vpcs": [{"VpcId": "vpc-1", "__proto__": {"polluted": true}}]}') },
    ],
    file: 'evil.json',
    place: /^\$\.Vpcs\[0\]\.__proto__$/,
    message: /__proto__/,
  },
  {
    name: 'a catalog with a YAML syntax error',
    files: [
      ...context,
      {
        name: 'catalog-info.yaml',
        data: bytes(
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [api\nspec: {}\n',
        ),
      },
    ],
    file: 'catalog-info.yaml',
    place: /^line \d+, column \d+$/,
    message: /catalog-info\.yaml/,
  },
  {
    name: 'a dependencies file with a bad row',
    files: [
      ...context,
      { name: 'deps.csv', data: bytes('service,depends_on,protocol,port\nweb,api,tcp,http\n') },
    ],
    file: 'deps.csv',
    place: /^line 2$/,
    message: /port/,
  },
  {
    name: 'a zip with ../ paths',
    files: [
      {
        name: 'export.zip',
        data: buildZip([{ name: '../../etc/vpcs.json', data: JSON.stringify(fixture('vpcs.json')) }]),
      },
    ],
    file: 'export.zip!/../../etc/vpcs.json',
    place: null,
    message: /\.\.\/\.\.\/etc\/vpcs\.json.*climbs out of the archive/,
  },
  {
    name: 'a zip bomb',
    files: [
      { name: 'bomb.zip', data: buildZip([{ name: 'vpcs.json', data: new Uint8Array(20 * 1024 * 1024) }]) },
    ],
    file: 'bomb.zip!/vpcs.json',
    place: null,
    message: /inflates to over 200 times its compressed size/,
  },
];

/**
 * A flow log of 3,000 records gzipped to a few KB, well inside the 64 KiB the import sniffs, with 40
 * bytes in its middle damaged: `gzip -t` says "crc error".
 */
function damagedSmallLog(): Uint8Array {
  const record = (n: number) =>
    `2 123456789012 eni-0a1b2c3d4e5f60001 10.0.1.10 10.0.2.20 ${40000 + n} 443 6 10 840 1700000000 1700000060 ACCEPT OK`;
  const data = gzipSync(`${Array.from({ length: 3000 }, (_, n) => record(n)).join('\n')}\n`);
  const middle = data.byteLength >> 1;
  for (let i = middle; i < middle + 40; i++) data[i] = (data[i] as number) ^ 0x5a;
  return data;
}

/** One of the sample's gzip flow logs, as S3 writes them, changed by `damage`. */
function sampleLog(damage: (data: Uint8Array) => Uint8Array): Uint8Array {
  const day = join(sampleDir, '../flowlogs/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/23');
  const [name] = readdirSync(day)
    .filter((file) => file.endsWith('.log.gz'))
    .sort();
  return damage(new Uint8Array(readFileSync(join(day, name as string))));
}

describe('a refused import leaves the workspace exactly as it was', () => {
  it.each(cases)('$name', async ({ name, files, file, place, message }) => {
    const dbFile = tempDbFile();
    // A small file limit for the oversize case; the bomb must be caught by its ratio, under the default limit.
    const limits = name === 'an oversize file' ? { maxFileBytes: 256 * 1024 } : {};
    const { service, close } = await createService({ dbFile, seedSampleFrom: sampleDir, limits });
    const before = dumpDatabase(dbFile);
    const result = await dispatch(service, 'importFiles', { files });
    close();
    if (result.ok) throw new Error('the import should have been refused');
    expect(result.error.code).toBe('bad-input');
    expect(result.error.message).toMatch(message);
    expect(result.error.file).toBe(file);
    if (place) expect(result.error.place).toMatch(place);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(dumpDatabase(dbFile)).toBe(before);
  });

  it('holds flow logs read from a folder to the file and total limits too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-limits-'));
    for (const { name, data } of context) writeFileSync(join(dir, name), data);
    const record = (n: number) =>
      `2 123456789012 eni-0a1b2c3d4e5f60001 10.0.1.10 10.0.2.20 ${40000 + (n % 20000)} 443 6 10 840 1700000000 1700000060 ACCEPT OK`;
    writeFileSync(join(dir, 'flow.log'), `${Array.from({ length: 4000 }, (_, n) => record(n)).join('\n')}\n`);
    for (const limits of [{ maxFileBytes: 256 * 1024 }, { maxTotalBytes: 300 * 1024 }]) {
      const dbFile = tempDbFile();
      const { service, close } = await createService({ dbFile, limits });
      const before = dumpDatabase(dbFile);
      const error = await service.importPaths([dir]).then(
        () => null,
        (refused: unknown) => refused as Error & { file?: string },
      );
      close();
      expect(error?.message).toMatch(/flow\.log .*limit \(set with --max-(file|total)-mb\)/);
      expect(dumpDatabase(dbFile)).toBe(before);
    }
  });

  it.each([
    ['small enough to be sniffed whole', damagedSmallLog(), /incorrect data check$/],
    // Until 2026-12-08 these were skipped as "not JSON" and the import went on without them.
    [
      'damaged in its first 512 bytes',
      sampleLog((data) => data.fill((data[400] as number) ^ 0xff, 400, 401)),
      /: \w/,
    ],
    ['cut to 100 bytes', sampleLog((data) => data.subarray(0, 100)), /unexpected end of file$/],
    ['with unknown header flags', sampleLog((data) => data.fill(0xe0, 3, 4)), /: \w/],
    ['of the magic bytes only', new Uint8Array([0x1f, 0x8b]), /unexpected end of file$/],
  ])('refuses a damaged gzip flow log %s, dropped or read from a folder', async (_, data, problem) => {
    const log = { name: 'flow.log.gz', data };
    expect(log.data.byteLength).toBeLessThan(64 * 1024);
    const dir = mkdtempSync(join(tmpdir(), 'faultline-damaged-'));
    for (const { name, data } of [...context, log]) writeFileSync(join(dir, name), data);
    for (const importing of ['files', 'folder']) {
      const dbFile = tempDbFile();
      const { service, close } = await createService({ dbFile, seedSampleFrom: sampleDir });
      const before = dumpDatabase(dbFile);
      const error = await (importing === 'files'
        ? service.importFiles({ files: [...context, log] })
        : service.importPaths([dir])
      ).then(
        () => null,
        (refused: unknown) => refused as BadInputError,
      );
      close();
      expect(error).toBeInstanceOf(BadInputError);
      // A folder's files are named by their path from the folder's parent.
      const name = importing === 'files' ? 'flow.log.gz' : `${basename(dir)}/flow.log.gz`;
      expect(error?.file).toBe(name);
      expect(error?.place).toMatch(/^line \d+$/);
      expect(error?.message).toMatch(/: it breaks off in line \d+, after \d+ whole lines: /);
      expect(error?.message).toMatch(problem);
      expect(error?.message.startsWith(`cannot read ${name}: `)).toBe(true);
      // The CLI lists every file's outcome: the refused log among them, in error at its place.
      expect(error?.files.find((f) => f.file === name)).toMatchObject({
        status: 'error',
        place: error?.place,
      });
      expect(dumpDatabase(dbFile)).toBe(before);
    }
  });
});
