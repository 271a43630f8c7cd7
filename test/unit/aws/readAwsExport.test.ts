import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../main/core/domain/estate';
import type { FileOutcome, ImportProgress } from '../../../main/core/domain/importReport';
import { buildZip } from '../input/zipBuilder';
import { altered, eniContext, estateDir, fixture, fixtureList, jsonInput } from './fixtures';

let estate: Estate;
let files: FileOutcome[];
const progress: ImportProgress[] = [];
const exportsFound: Promise<{ name: string; sha256: string; bytes: number }>[] = [];

beforeAll(async () => {
  ({ estate, files } = await readAwsExport([{ kind: 'path', path: estateDir }], {
    onProgress: (p) => progress.push(p),
    onExport: (file, sha256) => {
      exportsFound.push(
        sha256.then((hash) => ({ name: file.name, sha256: hash, bytes: file.data.byteLength })),
      );
      return undefined;
    },
  }));
});

const byId = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};
const rulesOf = (groupId: string) => estate.securityGroupRules.filter((rule) => rule.groupId === groupId);

describe('readAwsExport on a whole estate folder', () => {
  it('reads every kind', () => {
    expect({
      vpcs: estate.vpcs.length,
      subnets: estate.subnets.length,
      securityGroups: estate.securityGroups.length,
      securityGroupRules: estate.securityGroupRules.length,
      networkAcls: estate.networkAcls.length,
      networkAclEntries: estate.networkAclEntries.length,
      workloads: estate.workloads.length,
      instances: estate.instances.length,
      prefixLists: estate.prefixLists.length,
      routeTables: estate.routeTables.length,
      peeringConnections: estate.peeringConnections.length,
    }).toEqual({
      vpcs: 2,
      subnets: 3,
      securityGroups: 4,
      securityGroupRules: 12,
      networkAcls: 1,
      networkAclEntries: 7,
      workloads: 9,
      instances: 2,
      prefixLists: 2,
      routeTables: 2,
      peeringConnections: 1,
    });
  });

  it('reports every file with its kind, records, hash and size, skipping what is not an export', () => {
    const summary = files.map((f) => [f.file, f.status, f.kind, f.records, f.reason]);
    expect(summary).toEqual([
      ['estate/README.md', 'skipped', null, 0, expect.stringMatching(/^not JSON/)],
      ['estate/instances.json', 'imported', 'describe-instances', 2, null],
      ['estate/inventory.csv', 'skipped', null, 0, expect.stringMatching(/^a CSV Faultline does not read/)],
      [
        'estate/manifest.json',
        'skipped',
        null,
        0,
        'not an AWS EC2 describe-* export: top-level keys are Owner, Exported',
      ],
      ['estate/network-acls.json', 'imported', 'describe-network-acls', 1, null],
      ['estate/network-interfaces-1.json', 'imported', 'describe-network-interfaces', 4, null],
      ['estate/network-interfaces-2.json', 'imported', 'describe-network-interfaces', 5, null],
      ['estate/prefix-lists.json', 'imported', 'describe-managed-prefix-lists', 2, null],
      ['estate/route-tables.json', 'imported', 'describe-route-tables', 2, null],
      ['estate/security-group-rules.json', 'imported', 'describe-security-group-rules', 3, null],
      ['estate/security-groups.json', 'imported', 'describe-security-groups', 4, null],
      ['estate/subnets.json', 'imported', 'describe-subnets', 3, null],
      ['estate/vpc-peering-connections.json', 'imported', 'describe-vpc-peering-connections', 1, null],
      ['estate/vpcs.json', 'imported', 'describe-vpcs', 2, null],
    ]);
    const bytes = readFileSync(`${estateDir}/vpcs.json`);
    expect(files.at(-1)).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
  });

  it('tells of each export file, and only those, with the hash it reports', async () => {
    const imported = files.filter((f) => f.status === 'imported');
    expect(await Promise.all(exportsFound)).toEqual(
      imported.map((f) => ({ name: f.file, sha256: f.sha256, bytes: f.size })),
    );
    expect(imported.length).toBeLessThan(files.length);
  });

  it('reports progress by phase, per file rather than per record', () => {
    const phases = progress.map((p) => p.phase);
    expect([...new Set(phases)]).toEqual(['reading', 'parsing', 'checking']);
    expect(phases.indexOf('parsing')).toBeGreaterThan(phases.lastIndexOf('reading'));
    expect(progress.filter((p) => p.phase === 'parsing').at(-1)).toEqual({
      phase: 'parsing',
      file: null,
      done: files.length,
      total: files.length,
    });
    expect(progress.length).toBeLessThanOrEqual(2 * files.length + 4);
  });

  it('reads VPCs without their disassociated CIDR blocks', () => {
    expect(byId(estate.vpcs, 'vpc-0a1b2c3d4e5f60001')).toMatchObject({
      ownerId: '111122223333',
      isDefault: false,
      cidrBlocks: ['10.0.0.0/16'],
      ipv6CidrBlocks: ['2600:1f18:1234:5600::/56'],
      tags: { Name: 'prod' },
      source: { file: 'estate/vpcs.json', path: '$.Vpcs[0]' },
    });
    expect(byId(estate.vpcs, 'vpc-0a1b2c3d4e5f60002')).toMatchObject({ isDefault: true, tags: {} });
  });

  it('reads subnets', () => {
    expect(byId(estate.subnets, 'subnet-0a1b2c3d4e5f60001')).toMatchObject({
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      cidrBlock: '10.0.0.0/24',
      ipv6CidrBlocks: ['2600:1f18:1234:5600::/64'],
      availabilityZone: 'us-east-1a',
      tags: { Name: 'prod-public-a' },
    });
  });

  it('reads security groups and one rule per peer of each IpPermission', () => {
    expect(byId(estate.securityGroups, 'sg-0web0000000000001')).toMatchObject({
      name: 'web',
      description: 'web tier',
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      tags: { Team: 'storefront' },
    });
    const web = rulesOf('sg-0web0000000000001');
    expect(web.map((rule) => [rule.key, rule.peer])).toEqual([
      ['sg-0web0000000000001/ingress/0/0', { kind: 'cidr4', cidr: '0.0.0.0/0' }],
      ['sg-0web0000000000001/ingress/0/1', { kind: 'cidr6', cidr: '::/0' }],
      [
        'sg-0web0000000000001/ingress/1/0',
        {
          kind: 'group',
          groupId: 'sg-0bastion00000001',
          userId: '111122223333',
          vpcId: null,
          peeringStatus: null,
        },
      ],
      [
        'sg-0web0000000000001/ingress/1/1',
        {
          kind: 'group',
          groupId: 'sg-0otheraccount001',
          userId: '444455556666',
          vpcId: 'vpc-0peer000000000001',
          peeringStatus: 'active',
        },
      ],
      ['sg-0web0000000000001/ingress/2/0', { kind: 'prefix-list', prefixListId: 'pl-0corp00000000001' }],
      ['sg-0web0000000000001/egress/0/0', { kind: 'cidr4', cidr: '0.0.0.0/0' }],
    ]);
    const [https, , bastion] = web;
    expect(https).toMatchObject({ direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443 });
    expect(https?.description).toBe('public https');
    expect(bastion?.description).toBe('ssh from bastion');
    expect(bastion?.source).toEqual({
      file: 'estate/security-groups.json',
      path: '$.SecurityGroups[0].IpPermissions[1].UserIdGroupPairs[0]',
    });
  });

  it('normalises protocols and keeps ports only where they mean something', () => {
    const summary = (groupId: string) =>
      rulesOf(groupId).map((rule) => [rule.direction, rule.protocol, rule.fromPort, rule.toPort]);
    expect(summary('sg-0web0000000000001').slice(4)).toEqual([
      ['ingress', 'tcp', 8080, 8090],
      ['egress', '-1', null, null],
    ]);
    expect(summary('sg-0bastion00000001')).toEqual([
      ['ingress', 'icmp', 8, -1],
      ['ingress', '50', null, null],
    ]);
    expect(summary('sg-0lambda0000000001')).toEqual([['egress', 'udp', 53, 53]]);
  });

  it('lets describe-security-group-rules replace the IpPermissions rules of the groups it covers', () => {
    expect(
      rulesOf('sg-0db000000000000001').map((rule) => [rule.key, rule.direction, rule.protocol, rule.peer]),
    ).toEqual([
      [
        'sgr-0db00000000000001',
        'ingress',
        'tcp',
        {
          kind: 'group',
          groupId: 'sg-0web0000000000001',
          userId: '111122223333',
          vpcId: null,
          peeringStatus: null,
        },
      ],
      ['sgr-0db00000000000002', 'egress', '-1', { kind: 'cidr4', cidr: '0.0.0.0/0' }],
      [
        'sgr-0db00000000000003',
        'ingress',
        'tcp',
        { kind: 'prefix-list', prefixListId: 'pl-0corp00000000001' },
      ],
    ]);
    expect(rulesOf('sg-0db000000000000001')[0]).toMatchObject({
      fromPort: 5432,
      description: 'postgres from web',
      source: { file: 'estate/security-group-rules.json', path: '$.SecurityGroupRules[0]' },
    });
  });

  it('reads network ACLs with their subnets and normalised entries', () => {
    expect(estate.networkAcls[0]).toMatchObject({
      id: 'acl-0a1b2c3d4e5f60001',
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      isDefault: false,
      subnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
      tags: { Name: 'prod-acl' },
    });
    expect(
      estate.networkAclEntries.map((e) => [
        e.ruleNumber,
        e.egress,
        e.protocol,
        e.action,
        e.cidr,
        e.portRange,
        e.icmp,
      ]),
    ).toEqual([
      [100, true, '-1', 'allow', '0.0.0.0/0', null, null],
      [32767, true, '-1', 'deny', '0.0.0.0/0', null, null],
      [100, false, 'tcp', 'allow', '0.0.0.0/0', { from: 443, to: 443 }, null],
      [110, false, 'udp', 'allow', '10.0.0.0/16', { from: 1024, to: 65535 }, null],
      [120, false, 'icmp', 'allow', '203.0.113.0/24', null, { type: 8, code: -1 }],
      [130, false, 'icmpv6', 'deny', '::/0', null, null],
      [32767, false, '-1', 'deny', '0.0.0.0/0', null, null],
    ]);
    expect(estate.networkAclEntries[2]?.source.path).toBe('$.NetworkAcls[0].Entries[2]');
  });

  it('classifies ENIs by what created them', () => {
    expect(Object.fromEntries(estate.workloads.map((w) => [w.id, w.kind]))).toEqual({
      'eni-0web00000000000001': 'instance',
      'eni-0rds00000000000001': 'rds',
      'eni-0alb00000000000001': 'load-balancer',
      'eni-0nlb00000000000001': 'load-balancer',
      'eni-0lambda0000000001': 'lambda',
      'eni-0vpce0000000000001': 'vpc-endpoint',
      'eni-0nat00000000000001': 'nat-gateway',
      'eni-0efs00000000000001': 'efs',
      'eni-0spare000000000001': 'other',
    });
  });

  it("reads an instance's ENI with its addresses, attachment and the instance's tags under its own", () => {
    expect(byId(estate.workloads, 'eni-0web00000000000001')).toMatchObject({
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      subnetId: 'subnet-0a1b2c3d4e5f60001',
      instanceId: 'i-0web00000000000001',
      deviceIndex: 0,
      interfaceType: 'interface',
      status: 'in-use',
      privateIps: ['10.0.0.10', '10.0.0.11'],
      ipv6Addresses: ['2600:1f18:1234:5600::10'],
      publicIp: '54.0.0.10',
      groupIds: ['sg-0web0000000000001'],
      tags: { Name: 'web-eni', Team: 'storefront', Role: 'primary' },
    });
    expect(byId(estate.workloads, 'eni-0rds00000000000001')).toMatchObject({
      instanceId: null,
      deviceIndex: null,
      requesterId: 'amazon-rds',
      publicIp: null,
      tags: {},
    });
  });

  it('reads instances from reservations', () => {
    expect(estate.instances.map((i) => [i.id, i.state, i.vpcId, i.privateIp, i.tags])).toEqual([
      [
        'i-0web00000000000001',
        'running',
        'vpc-0a1b2c3d4e5f60001',
        '10.0.0.10',
        { Name: 'web-1', Team: 'storefront' },
      ],
      ['i-0old00000000000001', 'terminated', null, null, {}],
    ]);
    expect(estate.instances[1]?.source.path).toBe('$.Reservations[1].Instances[0]');
  });

  it('reads managed prefix lists without entries', () => {
    expect(estate.prefixLists.map((p) => [p.id, p.name, p.addressFamily, p.entries])).toEqual([
      ['pl-0corp00000000001', 'corporate', 'IPv4', null],
      ['pl-63a5400a', 'com.amazonaws.us-east-1.s3', 'IPv4', null],
    ]);
  });

  it('takes the entries of AWS service lists from describe-prefix-lists, one list however often it is listed', async () => {
    const withEntries = `${estateDir}/../describe-prefix-lists.json`;
    const both = await readAwsExport([
      { kind: 'path', path: estateDir },
      { kind: 'path', path: withEntries },
    ]);
    expect(
      both.estate.prefixLists.map((p) => [p.id, p.name, p.addressFamily, p.entries?.length ?? null]),
    ).toEqual([
      ['pl-0corp00000000001', 'corporate', 'IPv4', null],
      ['pl-63a5400a', 'com.amazonaws.us-east-1.s3', 'IPv4', 4],
      ['pl-02cd2c6b', 'com.amazonaws.us-east-1.dynamodb', null, 3],
    ]);
    expect(both.estate.prefixLists[1]?.source).toEqual({
      file: 'describe-prefix-lists.json',
      path: '$.PrefixLists[0]',
    });
    // Two reads that disagree on the entries cannot both be right.
    const other = JSON.parse(readFileSync(withEntries, 'utf8'));
    other.PrefixLists[0].Cidrs = ['3.5.0.0/19'];
    const conflict = await readAwsExport([
      { kind: 'path', path: withEntries },
      jsonInput('later.json', other),
    ]).catch((error: Error) => error.message);
    expect(conflict).toBe(
      'duplicate prefix list pl-63a5400a: describe-prefix-lists.json $.PrefixLists[0] and later.json $.PrefixLists[0], with different entries',
    );
  });

  it('reads route tables with their routes and associations', () => {
    const [publicTable, mainTable] = estate.routeTables;
    expect(publicTable).toMatchObject({ isMain: false, subnetIds: ['subnet-0a1b2c3d4e5f60001'] });
    expect(mainTable).toMatchObject({ isMain: true, subnetIds: [] });
    expect([...(publicTable?.routes ?? []), ...(mainTable?.routes ?? [])]).toEqual([
      { destination: '10.0.0.0/16', targetKind: 'local', targetId: 'local', state: 'active' },
      {
        destination: '0.0.0.0/0',
        targetKind: 'internet-gateway',
        targetId: 'igw-0a1b2c3d4e5f60001',
        state: 'active',
      },
      {
        destination: '192.168.0.0/16',
        targetKind: 'vpc-peering',
        targetId: 'pcx-0a1b2c3d4e5f60001',
        state: 'active',
      },
      { destination: '10.0.0.0/16', targetKind: 'local', targetId: 'local', state: 'active' },
      {
        destination: '0.0.0.0/0',
        targetKind: 'nat-gateway',
        targetId: 'nat-0a1b2c3d4e5f60001',
        state: 'blackhole',
      },
      {
        destination: 'pl-63a5400a',
        targetKind: 'gateway-endpoint',
        targetId: 'vpce-0a1b2c3d4e5f60002',
        state: 'active',
      },
    ]);
  });

  it('reads peering connections', () => {
    expect(estate.peeringConnections).toMatchObject([
      {
        id: 'pcx-0a1b2c3d4e5f60001',
        requesterVpcId: 'vpc-0a1b2c3d4e5f60001',
        accepterVpcId: 'vpc-0peer000000000001',
        status: 'active',
      },
    ]);
  });
});

describe('readAwsExport detection and merging', () => {
  it('detects the kind from the content, not the file name', async () => {
    const result = await readAwsExport([
      jsonInput('subnets.json', fixture('vpcs.json')),
      jsonInput('vpcs.json', fixture('subnets.json')),
    ]);
    expect(result.files.map((f) => [f.file, f.kind])).toEqual([
      ['subnets.json', 'describe-vpcs'],
      ['vpcs.json', 'describe-subnets'],
    ]);
    expect(result.estate.subnets).toHaveLength(3);
  });

  it('merges paginated pages of one kind in input order', async () => {
    const [first, second, ...rest] = fixtureList('security-groups.json', 'SecurityGroups');
    const result = await readAwsExport([
      jsonInput('sg-page-1.json', { SecurityGroups: [first, second], NextToken: 'abc' }),
      jsonInput('sg-page-2.json', { SecurityGroups: rest }),
    ]);
    expect(result.estate.securityGroups.map((g) => [g.id, g.source.file])).toEqual([
      ['sg-0web0000000000001', 'sg-page-1.json'],
      ['sg-0db000000000000001', 'sg-page-1.json'],
      ['sg-0bastion00000001', 'sg-page-2.json'],
      ['sg-0lambda0000000001', 'sg-page-2.json'],
    ]);
    expect(result.estate.securityGroupRules.map((r) => r.key)).toContain('sg-0db000000000000001/ingress/0/0');
  });

  it('reads a document that holds several exports', async () => {
    const combined = { ...fixture('vpcs.json'), ...fixture('subnets.json') };
    const result = await readAwsExport([jsonInput('combined.json', combined)]);
    expect(result.files[0]).toMatchObject({ kind: 'describe-vpcs, describe-subnets', records: 5 });
  });

  it('reads the export from a zip, and skips a second copy with the same content', async () => {
    const vpcs = readFileSync(`${estateDir}/vpcs.json`);
    const zip = buildZip([
      { name: 'snapshot/ec2/vpcs.json', data: vpcs },
      { name: 'snapshot/copy-of-vpcs.json', data: vpcs },
    ]);
    const result = await readAwsExport([{ kind: 'bytes', name: 'snapshot.zip', data: zip }]);
    expect(result.files.map((f) => [f.file, f.status, f.reason])).toEqual([
      ['snapshot.zip!/snapshot/ec2/vpcs.json', 'imported', null],
      [
        'snapshot.zip!/snapshot/copy-of-vpcs.json',
        'skipped',
        'same content as snapshot.zip!/snapshot/ec2/vpcs.json, which is read instead',
      ],
    ]);
    expect(result.estate.vpcs).toHaveLength(2);
  });

  it('tells a copy from a file of the same size with other bytes', async () => {
    const vpcs = readFileSync(`${estateDir}/vpcs.json`, 'utf8');
    const others = Buffer.from(vpcs.replaceAll('vpc-0a1b2c3d4e5f6000', 'vpc-0a1b2c3d4e5f6009'));
    expect(others.byteLength).toBe(Buffer.byteLength(vpcs));
    const result = await readAwsExport([
      { kind: 'bytes', name: 'vpcs.json', data: Buffer.from(vpcs) },
      { kind: 'bytes', name: 'other-vpcs.json', data: others },
      { kind: 'bytes', name: 'copy-of-other-vpcs.json', data: Buffer.from(others) },
    ]);
    expect(result.files.map((f) => [f.file, f.status, f.reason])).toEqual([
      ['vpcs.json', 'imported', null],
      ['other-vpcs.json', 'imported', null],
      ['copy-of-other-vpcs.json', 'skipped', 'same content as other-vpcs.json, which is read instead'],
    ]);
    expect(result.estate.vpcs).toHaveLength(4);
  });

  it('reads files of the same bytes whose names carry different ids: two empty lists are two lists', async () => {
    const empty = Buffer.from('{\n    "Entries": []\n}\n');
    const result = await readAwsExport([
      { kind: 'bytes', name: 'pl-0123456789abcdef0.json', data: empty },
      { kind: 'bytes', name: 'pl-0fedcba9876543210.json', data: Buffer.from(empty) },
      // The same list's file given again, from its zip: one list, read once.
      { kind: 'bytes', name: 'estate.zip!/pl-0fedcba9876543210.json', data: Buffer.from(empty) },
    ]);
    expect(result.files.map((f) => [f.file, f.status, f.reason])).toEqual([
      ['pl-0123456789abcdef0.json', 'imported', null],
      ['pl-0fedcba9876543210.json', 'imported', null],
      [
        'estate.zip!/pl-0fedcba9876543210.json',
        'skipped',
        'same content as pl-0fedcba9876543210.json, which is read instead',
      ],
    ]);
    expect(result.estate.prefixLists.map((list) => [list.id, list.entries])).toEqual([
      ['pl-0123456789abcdef0', []],
      ['pl-0fedcba9876543210', []],
    ]);
  });

  it('skips JSON that is not a describe-* export, saying what it holds', async () => {
    const result = await readAwsExport([
      jsonInput('list.json', [1, 2]),
      jsonInput('empty.json', {}),
      ...eniContext,
    ]);
    expect(result.files.slice(0, 2).map((f) => f.reason)).toEqual([
      'not an AWS EC2 describe-* export: the top level is an array, as aws … --query prints one; export without --query, so that the list keeps its key (such as "SecurityGroups")',
      'not an AWS EC2 describe-* export: the top-level object is empty',
    ]);
  });

  it('keeps a tag named __proto__ as data', async () => {
    const vpcs = altered('vpcs.json', ['Vpcs', 0, 'Tags', 1], { Key: '__proto__', Value: 'polluted' });
    const result = await readAwsExport([jsonInput('vpcs.json', vpcs)]);
    const tags = result.estate.vpcs[0]?.tags ?? {};
    expect(Object.hasOwn(tags, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readAwsExport on a large file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says how far into the file the parse is, a batch of items after another', async () => {
    const [vpc] = fixtureList('vpcs.json', 'Vpcs') as Record<string, unknown>[];
    const vpcs = Array.from({ length: 40_000 }, (_, index) => ({
      ...vpc,
      VpcId: `vpc-${index.toString(16).padStart(17, '0')}`,
    }));
    const input = jsonInput('describe-vpcs.json', { Vpcs: vpcs });
    const size = input.kind === 'bytes' ? input.data.byteLength : 0;
    expect(size).toBeGreaterThan(16 * 1024 * 1024);
    // Every report a second after the last: none is thrown away as too close to the one before.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    const reports: ImportProgress[] = [];
    const result = await readAwsExport([input], { onProgress: (p) => reports.push(p) });
    expect(result.estate.vpcs).toHaveLength(40_000);
    const within = reports.flatMap((p) => (p.fileBytes ? [p.fileBytes.done] : []));
    // About one report per batch of 64 KiB (jsonStream.ts), the last items one by one.
    expect(within.length).toBeGreaterThan(size / (128 * 1024));
    expect(within.length).toBeLessThan(size / (32 * 1024));
    expect(within.every((done, i) => done > (within[i - 1] ?? 0) && done < size)).toBe(true);
    expect(reports.find((p) => p.fileBytes)).toMatchObject({
      phase: 'parsing',
      file: 'describe-vpcs.json',
      done: 0,
      total: 1,
      fileBytes: { total: size },
    });
  });

  it('leaves a small file to the count of files', async () => {
    const reports: ImportProgress[] = [];
    await readAwsExport([jsonInput('vpcs.json', fixture('vpcs.json'))], {
      onProgress: (p) => reports.push(p),
    });
    expect(reports.some((p) => p.fileBytes)).toBe(false);
  });
});

describe('readAwsExport reading file after file into the same memory', () => {
  let dir: string;
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-buffers-'));
    const [vpc] = fixtureList('vpcs.json', 'Vpcs') as Record<string, unknown>[];
    // Files over a MiB are read into memory that is used again (fileBuffers.ts).
    for (const page of [1, 2, 3]) {
      const vpcs = Array.from({ length: 4000 }, (_, index) => ({
        ...vpc,
        VpcId: `vpc-${page}${index.toString(16).padStart(16, '0')}`,
      }));
      await writeFile(join(dir, `describe-vpcs-${page}.json`), JSON.stringify({ Vpcs: vpcs }, null, 4));
    }
    const rows = Array.from({ length: 60_000 }, (_, index) => `svc-${index},team-${index % 7},10.0.0.1`);
    await writeFile(join(dir, 'a-catalog.csv'), ['service,owner,address', ...rows].join('\n'));
    return () => rm(dir, { recursive: true, force: true });
  });

  const read = (options: Parameters<typeof readAwsExport>[1]) =>
    readAwsExport([{ kind: 'path', path: dir }], options);

  it('reads a later file into the memory of one done with', async () => {
    const seen: Uint8Array[] = [];
    const { estate, files } = await read({
      onExport: (file) => {
        seen.push(file.data);
        return undefined;
      },
    });
    expect(estate.vpcs).toHaveLength(12_000);
    expect(seen.map((data) => data.byteLength).every((size) => size > 1024 * 1024)).toBe(true);
    expect(seen[2]?.buffer).toBe(seen[0]?.buffer);
    // Each outcome has the hash of its own bytes, though their memory was read into again.
    const onDisk = (file: string) => sha256(readFileSync(join(dir, file.split('/').at(-1) as string)));
    expect(files.map((file) => file.sha256)).toEqual(files.map((file) => onDisk(file.file)));
  });

  it('leaves the bytes to onExport until the promise it returned settles', async () => {
    const held: { data: Uint8Array; sha256: Promise<string> }[] = [];
    let done = () => {};
    const stillReading = new Promise<void>((resolve) => {
      done = resolve;
    });
    const { files } = await read({
      onExport: (file, hash) => {
        held.push({ data: file.data, sha256: hash });
        return stillReading;
      },
    });
    expect(held).toHaveLength(3);
    expect(new Set(held.map(({ data }) => data.buffer)).size).toBe(3);
    for (const { data, sha256: hash } of held) expect(sha256(data)).toBe(await hash);
    expect(files.filter((file) => file.status === 'imported').map((file) => file.sha256)).toEqual(
      await Promise.all(held.map(({ sha256: hash }) => hash)),
    );
    done();
  });

  it('never reads into the bytes of a file it handed to claim', async () => {
    const claimed: Uint8Array[] = [];
    await read({
      claim: (file) => {
        if (!file.name.endsWith('.csv')) return null;
        claimed.push(file.data);
        return 'service catalog';
      },
    });
    const [data] = claimed;
    expect(data?.byteLength).toBeGreaterThan(1024 * 1024);
    expect(sha256(data as Uint8Array)).toBe(sha256(readFileSync(join(dir, 'a-catalog.csv'))));
  });
});
