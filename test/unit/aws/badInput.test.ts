import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { ImportInput } from '../../../main/core/input/importInput';
import { childPath } from '../../../main/core/input/jsonPath';
import type { ImportLimits } from '../../../main/core/input/limits';
import { refusal } from '../input/refusal';
import { buildZip } from '../input/zipBuilder';
import { altered, eniContext, fixture, fixtureList, jsonInput } from './fixtures';

const refused = (inputs: ImportInput[], limits?: Partial<ImportLimits>) =>
  refusal(readAwsExport(inputs, limits ? { limits } : {}));

const text = (name: string, content: string): ImportInput => ({
  kind: 'bytes',
  name,
  data: new TextEncoder().encode(content),
});

describe('readAwsExport refuses bad input', () => {
  it('names the file, line and column of invalid JSON, with the outcomes so far', async () => {
    const error = await refused([
      jsonInput('vpcs.json', fixture('vpcs.json')),
      text('groups.json', '{\n  "SecurityGroups": [\n    {"GroupId": "sg-1",}\n  ]\n}'),
    ]);
    expect(error.message).toBe(
      'groups.json is not valid JSON at line 3, column 24: expected a property name in double quotes, found "}"',
    );
    expect([error.file, error.place]).toEqual(['groups.json', 'line 3, column 24']);
    expect(error.files.map((f) => [f.file, f.status, f.place])).toEqual([
      ['vpcs.json', 'imported', null],
      ['groups.json', 'error', 'line 3, column 24'],
    ]);
  });

  it('refuses a file that changed after it was listed, after the outcomes of the files before it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-changed-'));
    try {
      await writeFile(join(dir, 'a-vpcs.json'), JSON.stringify(fixture('vpcs.json')));
      await writeFile(join(dir, 'b-subnets.json'), JSON.stringify(fixture('subnets.json')));
      // Asked about each file once its size is known: the second one grows right then.
      const divert = async (path: string) => {
        if (path.endsWith('b-subnets.json')) await appendFile(path, '\n');
        return false;
      };
      const error = await refusal(readAwsExport([{ kind: 'path', path: dir }], { divert }));
      const name = `${basename(dir)}/b-subnets.json`;
      expect(error.message).toBe(
        `${join(dir, 'b-subnets.json')} changed while it was being read: import it again`,
      );
      expect(error.files.map((f) => [f.file, f.status])).toEqual([
        [`${basename(dir)}/a-vpcs.json`, 'imported'],
        [name, 'error'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a list that is not an array, and a list given twice at the top level', async () => {
    const notAList = await refused([text('vpcs.json', '{"Vpcs": {"VpcId": "vpc-1"}}')]);
    expect(notAList.message).toBe('vpcs.json $.Vpcs: expected an array, got an object');
    const twice = await refused([text('vpcs.json', '{"Vpcs": [],\n "NextToken": "a",\n "Vpcs": []}')]);
    expect(twice.message).toBe(
      'vpcs.json $.Vpcs: Vpcs appears twice at the top level; JSON would keep only the last, so neither is read',
    );
    expect(twice.place).toBe('$.Vpcs');
  });

  it('names the JSON path of a field of the wrong type', async () => {
    const groups = altered(
      'security-groups.json',
      ['SecurityGroups', 0, 'IpPermissions', 0, 'FromPort'],
      'eighty',
    );
    const error = await refused([jsonInput('groups.json', groups)]);
    expect(error.message).toBe(
      'groups.json $.SecurityGroups[0].IpPermissions[0].FromPort: expected a number, got "eighty"',
    );
    expect(error.place).toBe('$.SecurityGroups[0].IpPermissions[0].FromPort');
  });

  it.each([
    [
      'a missing id',
      'VpcId',
      undefined,
      '$.Vpcs[0].VpcId: expected a string, got nothing (the field is missing)',
    ],
    ['a list that is not one', 'Tags', 'x', '$.Vpcs[0].Tags: expected an array, got "x"'],
    ['a tag without a value', 'Tags', [{ Key: 'a' }], '$.Vpcs[0].Tags[0].Value: expected a string'],
  ])('refuses %s', async (_, field, value, expected) => {
    const vpcs = altered('vpcs.json', ['Vpcs', 0, field], value);
    expect((await refused([jsonInput('vpcs.json', vpcs)])).message).toContain(`vpcs.json ${expected}`);
  });

  it('refuses an export list that is not a list', async () => {
    const error = await refused([jsonInput('vpcs.json', { Vpcs: { VpcId: 'vpc-1' } })]);
    expect(error.message).toBe('vpcs.json $.Vpcs: expected an array, got an object');
  });

  it('refuses an unknown protocol and an unknown NACL action', async () => {
    const groups = altered(
      'security-groups.json',
      ['SecurityGroups', 0, 'IpPermissions', 0, 'IpProtocol'],
      'http',
    );
    expect((await refused([jsonInput('groups.json', groups)])).message).toBe(
      'groups.json $.SecurityGroups[0].IpPermissions[0].IpProtocol: expected a protocol: -1, tcp, udp, icmp, icmpv6 or a number from 0 to 255, got "http"',
    );
    const acls = altered('network-acls.json', ['NetworkAcls', 0, 'Entries', 0, 'RuleAction'], 'permit');
    expect((await refused([jsonInput('acls.json', acls)])).place).toBe(
      '$.NetworkAcls[0].Entries[0].RuleAction',
    );
  });

  // Analysis reads every one of these; a value it cannot read used to pass the import and fail the
  // views later, with no file or place to show.
  it.each([
    [
      'security-groups.json',
      ['SecurityGroups', 0, 'IpPermissionsEgress', 0, 'IpRanges', 0, 'CidrIp'],
      'tcp',
      'an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      'security-groups.json',
      ['SecurityGroups', 0, 'IpPermissions', 0, 'Ipv6Ranges', 0, 'CidrIpv6'],
      '0.0.0.0/0',
      'an IPv6 CIDR such as 2600:1f18::/56',
    ],
    [
      'security-group-rules.json',
      ['SecurityGroupRules', 1, 'CidrIpv4'],
      '10.0.0.0/33',
      'an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      'network-acls.json',
      ['NetworkAcls', 0, 'Entries', 0, 'CidrBlock'],
      '2001:db8::/129',
      'an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      'network-acls.json',
      ['NetworkAcls', 0, 'Entries', 5, 'Ipv6CidrBlock'],
      '10.0.0.0/8',
      'an IPv6 CIDR such as 2600:1f18::/56',
    ],
    [
      'route-tables.json',
      ['RouteTables', 0, 'Routes', 0, 'DestinationCidrBlock'],
      '',
      'an IPv4 CIDR such as 10.0.0.0/16',
    ],
    ['subnets.json', ['Subnets', 0, 'CidrBlock'], '10.0.0.0', 'an IPv4 CIDR such as 10.0.0.0/16'],
    [
      'route-tables.json',
      ['RouteTables', 1, 'Routes', 2, 'DestinationPrefixListId'],
      '',
      'a prefix list id such as pl-6da54004',
    ],
    [
      'subnets.json',
      ['Subnets', 0, 'Ipv6CidrBlockAssociationSet', 0, 'Ipv6CidrBlock'],
      '2600:1f18:1234:5600::/64 ',
      'an IPv6 CIDR such as 2600:1f18::/56',
    ],
    [
      'vpcs.json',
      ['Vpcs', 0, 'CidrBlockAssociationSet', 0, 'CidrBlock'],
      '300.0.0.0/16',
      'an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      'network-interfaces-1.json',
      ['NetworkInterfaces', 0, 'PrivateIpAddresses', 1, 'PrivateIpAddress'],
      'vpc-x',
      'an IPv4 address such as 10.0.1.15',
    ],
    [
      'network-interfaces-1.json',
      ['NetworkInterfaces', 0, 'Ipv6Addresses', 0, 'Ipv6Address'],
      '10.0.0.10',
      'an IPv6 address such as 2600:1f18::15',
    ],
    [
      'instances.json',
      ['Reservations', 0, 'Instances', 0, 'PrivateIpAddress'],
      '10.0.0.256',
      'an IPv4 address such as 10.0.1.15',
    ],
  ])('refuses an address %s %j cannot be analysed with: %j', async (name, path, value, expected) => {
    const error = await refused([jsonInput(name, altered(name, path, value))]);
    const place = path.reduce(childPath, '$');
    expect(error.message).toBe(`${name} ${place}: expected ${expected}, got ${JSON.stringify(value)}`);
    expect([error.file, error.place]).toEqual([name, place]);
  });

  // Each of these imported before and changed verdicts without a word: a reversed or out-of-range
  // port range matches nothing (or too much), a rule number out of range reorders the ACL.
  it.each([
    [
      ['SecurityGroups', 1, 'IpPermissions', 0, 'FromPort'],
      'security-groups.json',
      5433,
      'a port from FromPort (5433) to 65535',
      'ToPort',
    ],
    [
      ['SecurityGroups', 1, 'IpPermissions', 0, 'FromPort'],
      'security-groups.json',
      -1,
      'a whole number from 0 to 65535',
      null,
    ],
    [
      ['SecurityGroups', 0, 'IpPermissions', 2, 'ToPort'],
      'security-groups.json',
      70000,
      'a whole number from 0 to 65535',
      null,
    ],
    [
      ['SecurityGroups', 2, 'IpPermissions', 0, 'FromPort'],
      'security-groups.json',
      256,
      'a whole number from -1 to 255',
      null,
    ],
    [
      ['SecurityGroupRules', 0, 'ToPort'],
      'security-group-rules.json',
      1e20,
      'a whole number from 0 to 65535',
      null,
    ],
    [
      ['NetworkAcls', 0, 'Entries', 0, 'RuleNumber'],
      'network-acls.json',
      -1,
      'a whole number from 1 to 32768',
      null,
    ],
    [
      ['NetworkAcls', 0, 'Entries', 0, 'RuleNumber'],
      'network-acls.json',
      32769,
      'a whole number from 1 to 32768',
      null,
    ],
    [
      ['NetworkAcls', 0, 'Entries', 2, 'PortRange', 'From'],
      'network-acls.json',
      70000,
      'a whole number from 0 to 65535',
      null,
    ],
    [
      ['NetworkAcls', 0, 'Entries', 3, 'PortRange', 'To'],
      'network-acls.json',
      1000,
      'a port from From (1024) to 65535',
      null,
    ],
    [
      ['NetworkAcls', 0, 'Entries', 4, 'IcmpTypeCode', 'Code'],
      'network-acls.json',
      65535,
      'a whole number from -1 to 255',
      null,
    ],
  ])('refuses %j = %s out of range', async (path, name, value, expected, failingKey) => {
    const error = await refused([jsonInput(name, altered(name, path, value))]);
    const failing = failingKey === null ? path : [...path.slice(0, -1), failingKey];
    const place = failing.reduce(childPath, '$');
    expect(error.message).toContain(`${name} ${place}: expected ${expected}, got `);
    expect(error.place).toBe(place);
  });

  it('refuses a described rule without a peer', async () => {
    const rules = altered(
      'security-group-rules.json',
      ['SecurityGroupRules', 0, 'ReferencedGroupInfo'],
      undefined,
    );
    const error = await refused([...eniContext, jsonInput('rules.json', rules)]);
    expect(error.message).toBe(
      'rules.json $.SecurityGroupRules[0]: expected one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo, got an object',
    );
  });

  it('refuses an ENI naming a security group that is not in the export, at the reference', async () => {
    const gone = { GroupName: 'gone', GroupId: 'sg-9' };
    const enis = altered('network-interfaces-1.json', ['NetworkInterfaces', 0, 'Groups', 1], gone);
    const error = await refused([...eniContext, jsonInput('enis.json', enis)]);
    expect(error.message).toBe(
      'eni-0web00000000000001 (enis.json $.NetworkInterfaces[0].Groups[1].GroupId) names security group sg-9 which is not in the export',
    );
    expect([error.file, error.place]).toEqual(['enis.json', '$.NetworkInterfaces[0].Groups[1].GroupId']);
    expect(error.files.find((f) => f.file === 'enis.json')).toMatchObject({
      status: 'error',
      place: error.place,
    });
  });

  it('names the first missing reference in export order, and counts every reference to a missing id', async () => {
    const enis = fixture('network-interfaces-1.json');
    const [web, rds, alb] = enis.NetworkInterfaces as Record<string, unknown>[];
    // A group missing for two ENIs, named before a subnet missing for a third: the check keeps one
    // entry per id named and looks at subnets before groups, so export order has to come from elsewhere.
    Object.assign(web as object, { Groups: [{ GroupName: 'gone', GroupId: 'sg-9' }] });
    Object.assign(rds as object, { SubnetId: 'subnet-9' });
    Object.assign(alb as object, { Groups: [{ GroupName: 'gone', GroupId: 'sg-9' }] });
    const error = await refused([...eniContext, jsonInput('enis.json', enis)]);
    expect(error.message).toBe(
      'eni-0web00000000000001 (enis.json $.NetworkInterfaces[0].Groups[0].GroupId) names security group sg-9 which is not in the export (and 2 more references to missing objects)',
    );
    expect(error.place).toBe('$.NetworkInterfaces[0].Groups[0].GroupId');
  });

  it('says which export is missing when a whole kind is absent', async () => {
    const error = await refused([
      jsonInput('vpcs.json', fixture('vpcs.json')),
      jsonInput('subnets.json', fixture('subnets.json')),
      jsonInput('enis.json', fixture('network-interfaces-2.json')),
    ]);
    expect(error.message).toBe(
      'eni-0lambda0000000001 (enis.json $.NetworkInterfaces[0].Groups[0].GroupId) names security group sg-0lambda0000000001 which is not in the export; no describe-security-groups output was imported (run aws ec2 describe-security-groups and import its output too) (and 3 more references to missing objects)',
    );
  });

  it.each([
    ['a subnet naming a missing VPC', ['subnets.json'], 'subnets.json $.Subnets[0].VpcId', 'VPC'],
    [
      'a NACL associated with a missing subnet',
      ['vpcs.json', 'network-acls.json'],
      'network-acls.json $.NetworkAcls[0].Associations[0].SubnetId',
      'subnet',
    ],
    [
      'an instance naming a missing ENI',
      ['instances.json'],
      'instances.json $.Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId',
      'network interface',
    ],
    ['a NACL in a missing VPC', ['network-acls.json'], 'network-acls.json $.NetworkAcls[0].VpcId', 'VPC'],
    [
      'a route table in a missing VPC',
      ['route-tables.json'],
      'route-tables.json $.RouteTables[0].VpcId',
      'VPC',
    ],
    [
      'a route table associated with a missing subnet',
      ['vpcs.json', 'route-tables.json'],
      'route-tables.json $.RouteTables[0].Associations[0].SubnetId',
      'subnet',
    ],
    [
      'a described rule of a missing group',
      ['security-group-rules.json'],
      'security-group-rules.json $.SecurityGroupRules[0].GroupId',
      'security group',
    ],
  ])('refuses %s', async (_, names, place, noun) => {
    const error = await refused(names.map((name) => jsonInput(name, fixture(name))));
    expect(error.message).toContain(`(${place}) names ${noun} `);
    expect(error.message).toContain('which is not in the export');
  });

  it('accepts a rule peer group that is not in the export', async () => {
    const groups = fixture('security-groups.json');
    const result = await readAwsExport([jsonInput('groups.json', groups)]);
    const peers = result.estate.securityGroupRules.flatMap((r) =>
      r.peer.kind === 'group' ? [r.peer.groupId] : [],
    );
    expect(peers).toContain('sg-0otheraccount001');
  });

  it('refuses the same id twice, naming both places', async () => {
    const groups = fixture('security-groups.json');
    const again = altered('security-groups.json', ['SecurityGroups', 0, 'Description'], 'edited copy');
    const error = await refused([jsonInput('a.json', groups), jsonInput('b.json', again)]);
    expect(error.message).toBe(
      'duplicate security group sg-0web0000000000001: a.json $.SecurityGroups[0] and b.json $.SecurityGroups[0]',
    );
    expect([error.file, error.place]).toEqual(['b.json', '$.SecurityGroups[0]']);
  });

  it('says a number too large to read is one, not null', async () => {
    const error = await refused([
      text(
        'groups.json',
        '{"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 1e400, "ToPort": 443}]}]}',
      ),
    ]);
    expect(error.message).toBe(
      'groups.json $.SecurityGroups[0].IpPermissions[0].FromPort: expected a whole number, got a number too large to read',
    );
  });

  it('refuses text longer than any export prints, before a report repeats it', async () => {
    const groups = altered('security-groups.json', ['SecurityGroups', 0, 'GroupName'], 'A'.repeat(4097));
    const error = await refused([jsonInput('groups.json', groups)]);
    expect(error.message).toBe(
      'groups.json $.SecurityGroups[0].GroupName: expected a string of at most 4,096 characters, got one of 4,097',
    );
    const longest = altered('security-groups.json', ['SecurityGroups', 0, 'GroupName'], 'A'.repeat(4096));
    await expect(readAwsExport([jsonInput('groups.json', longest)])).resolves.toBeDefined();
  });

  it('does not call a file claimed for later imported when the import is refused before reading it', async () => {
    const subnetsAlone = jsonInput('subnets.json', fixture('subnets.json'));
    const catalog = text('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\n');
    const error = await refusal(
      readAwsExport([catalog, subnetsAlone], {
        claim: (file) => (file.name.endsWith('.yaml') ? 'backstage-catalog' : null),
      }),
    );
    expect(error.files.find((file) => file.file === 'catalog-info.yaml')).toMatchObject({
      status: 'skipped',
      reason: 'not read: the import was refused first',
    });
  });

  it('refuses the same id twice within one file', async () => {
    const vpcs = altered('vpcs.json', ['Vpcs', 2], fixtureList('vpcs.json', 'Vpcs')[0]);
    expect((await refused([jsonInput('vpcs.json', vpcs)])).message).toBe(
      'duplicate VPC vpc-0a1b2c3d4e5f60001: vpcs.json $.Vpcs[0] and vpcs.json $.Vpcs[2]',
    );
  });

  it('refuses an oversize file with the limit option named', async () => {
    const error = await refused([jsonInput('vpcs.json', fixture('vpcs.json'))], { maxFileBytes: 1024 });
    expect(error.message).toMatch(
      /^file vpcs\.json is \d(\.\d)? KB, over the 1 KB limit \(set with --max-file-mb\)$/,
    );
    expect(error.files).toMatchObject([{ file: 'vpcs.json', status: 'error', sha256: '' }]);
  });

  it('refuses a __proto__ key without polluting Object.prototype', async () => {
    const error = await refused([
      text('groups.json', '{"SecurityGroups": [{"GroupId": "sg-1", "__proto__": {"isAdmin": true}}]}'),
    ]);
    expect(error.place).toBe('$.SecurityGroups[0].__proto__');
    expect(error.message).toBe(
      'groups.json $.SecurityGroups[0].__proto__: the key __proto__ is not allowed in an import',
    );
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a zip with a member that climbs out of the archive', async () => {
    const zip = buildZip([
      { name: 'vpcs.json', data: JSON.stringify(fixture('vpcs.json')) },
      { name: '../evil.json', data: '{}' },
    ]);
    const error = await refused([{ kind: 'bytes', name: 'export.zip', data: zip }]);
    expect(error.message).toContain('archive export.zip has a member named "../evil.json"');
    expect(error.file).toBe('export.zip!/../evil.json');
  });

  it('refuses a zip bomb', async () => {
    const zip = buildZip([
      { name: 'vpcs.json', data: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1000 },
    ]);
    const error = await refused([{ kind: 'bytes', name: 'bomb.zip', data: zip }]);
    expect(error.message).toContain('archive member bomb.zip!/vpcs.json inflates to over 200 times');
    expect(error.file).toBe('bomb.zip!/vpcs.json');
  });
});
