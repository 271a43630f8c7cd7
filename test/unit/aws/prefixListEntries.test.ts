import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../main/core/domain/estate';
import type { ImportInput } from '../../../main/core/input/importInput';
import { estateDir, jsonInput, refusal } from './fixtures';

const entriesName = 'get-managed-prefix-list-entries.pl-0corp00000000001.json';
const entriesPath = `${estateDir}/../${entriesName}`;
const entriesFile: ImportInput = { kind: 'path', path: entriesPath };
const estateFolder: ImportInput = { kind: 'path', path: estateDir };
const entries = JSON.parse(readFileSync(entriesPath, 'utf8'));

const corp = (estate: Estate) => estate.prefixLists.find((list) => list.id === 'pl-0corp00000000001');

describe('get-managed-prefix-list-entries', () => {
  it('gives a listed prefix list its entries, whichever file comes first', async () => {
    for (const inputs of [
      [estateFolder, entriesFile],
      [entriesFile, estateFolder],
    ]) {
      const { estate, files } = await readAwsExport(inputs);
      expect(corp(estate)).toEqual({
        id: 'pl-0corp00000000001',
        name: 'corporate',
        addressFamily: 'IPv4',
        entries: ['198.51.100.0/24', '203.0.113.0/25'],
        source: { file: entriesName, path: '$.Entries' },
      });
      expect(files.find((file) => file.file === entriesName)).toMatchObject({
        status: 'imported',
        kind: 'get-managed-prefix-list-entries',
        records: 2,
      });
    }
  });

  it('reads entries of a list that describe-managed-prefix-lists did not name, without a name', async () => {
    const { estate } = await readAwsExport([
      jsonInput('pl-0a1b2c3d4e5f60789.json', { Entries: [{ Cidr: '2001:db8::/32' }] }),
      jsonInput('pl-0fedcba9876543210.json', { Entries: [] }),
    ]);
    expect(estate.prefixLists.map((list) => [list.id, list.name, list.addressFamily, list.entries])).toEqual([
      ['pl-0a1b2c3d4e5f60789', null, 'IPv6', ['2001:db8::/32']],
      ['pl-0fedcba9876543210', null, null, []],
    ]);
  });

  it('decides the rules that name the list, at the edges of its entries', async () => {
    const check = (estate: Estate, source: string) =>
      new ReachabilityEngine(estate)
        .check({ source, destination: 'eni-0web00000000000001', protocol: 'tcp', port: 8080 })
        .explanation.find((layer) => layer.layer === 'sg-ingress');
    const without = (await readAwsExport([estateFolder])).estate;
    expect(check(without, '198.51.100.7')).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringContaining(
        'the entries of prefix list pl-0corp00000000001 (corporate) are not in the export (aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-0corp00000000001 prints them',
      ),
    });
    const withEntries = (await readAwsExport([estateFolder, entriesFile])).estate;
    const inside = check(withEntries, '203.0.113.127');
    expect(inside?.verdict).toBe('allow');
    expect(inside?.rules.map((rule) => rule.source)).toContainEqual({
      file: 'estate/security-groups.json',
      path: '$.SecurityGroups[0].IpPermissions[2].PrefixListIds[0]',
    });
    expect(check(withEntries, '203.0.113.128')?.verdict).toBe('deny');
    expect(check(withEntries, '198.51.101.0')?.verdict).toBe('deny');
  });

  it('refuses entries that contradict describe-prefix-lists', async () => {
    const cidrs = {
      PrefixLists: [
        { PrefixListId: 'pl-0corp00000000001', PrefixListName: 'corporate', Cidrs: ['198.51.100.0/24'] },
      ],
    };
    expect(await refusal([jsonInput('describe-prefix-lists.json', cidrs), entriesFile])).toBe(
      `duplicate prefix list pl-0corp00000000001: describe-prefix-lists.json $.PrefixLists[0] and ${entriesName} $.Entries, with different entries`,
    );
  });

  it('refuses a file whose name does not say which list it holds', async () => {
    expect(await refusal([jsonInput('entries.json', entries)])).toBe(
      "entries.json $.Entries: get-managed-prefix-list-entries output does not say which prefix list it holds, so Faultline reads the list's id from the file name, and it names none: save each list's entries as its id, such as pl-0123456789abcdef0.json",
    );
    expect(
      await refusal([jsonInput('pl-0a1b2c3d4e5f60789-and-pl-0fedcba9876543210.json', entries)]),
    ).toContain('and it names pl-0a1b2c3d4e5f60789 and pl-0fedcba9876543210:');
    // The folder's name is not the file's: an id there says nothing about which list this file holds.
    expect(await refusal([jsonInput('pl-0a1b2c3d4e5f60789/entries.json', entries)])).toContain(
      'it names none',
    );
    expect(await refusal([jsonInput('sample-pl-0a1b2.json', entries)])).toContain('it names none');
  });

  it('refuses entries of two address families in one list, at the entry', async () => {
    const mixed = { Entries: [{ Cidr: '198.51.100.0/24' }, { Cidr: '2001:db8::/32' }] };
    expect(await refusal([jsonInput('pl-0a1b2c3d4e5f60789.json', mixed)])).toBe(
      'pl-0a1b2c3d4e5f60789.json $.Entries[1].Cidr: expected an IPv4 CIDR such as 10.0.0.0/16, got "2001:db8::/32"',
    );
  });
});
