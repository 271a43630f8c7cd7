import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { egressHub } from '../analysis/egressHub';
import { runCli } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

// Workloads of the bundled sample (resources/sample/README.md lists them).
const orderApi = 'eni-06aeba120f9f0cbc2';
const orderApiInstance = 'i-008e02f6fed82e8d4';
const paymentGateway = 'eni-06967f8b83a9c8da0';
const stockSync = 'eni-0b5be2d0910b12c9b';
const ordersDb = 'eni-095ec1b4e3ae251c3';

const run = runCli;

let db: string;
const csv = (name: string, ...lines: string[]) => {
  const file = join(dirname(db), name);
  writeFileSync(file, `${['source,destination,protocol,port', ...lines].join('\n')}\n`);
  return file;
};

beforeEach(async () => {
  db = tempDbFile();
  expect((await run('import', '--db', db, sampleDir)).code).toBe(0);
});

describe('faultline check', () => {
  it('prints one JSON verdict per flow, in input order, with the deciding layers and rules', async () => {
    const flows = csv(
      'flows.csv',
      `${orderApi},${ordersDb},tcp,5432`,
      `${orderApi},${paymentGateway},tcp,8443`,
      `${stockSync},${ordersDb},tcp,5432`,
    );
    const { code, out } = await run('check', '--db', db, '--json', flows);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines.map((l) => [l.row, l.source.input, l.destination.input, l.protocol, l.port, l.allowed]),
    ).toEqual([
      [2, orderApi, ordersDb, 'tcp', 5432, true],
      [3, orderApi, paymentGateway, 'tcp', 8443, false],
      [4, stockSync, ordersDb, 'tcp', 5432, false],
    ]);
    for (const line of lines) {
      expect(line.explanation.map((layer: { layer: string }) => layer.layer)).toEqual([
        'route',
        'sg-egress',
        'nacl-outbound',
        'nacl-inbound',
        'sg-ingress',
        'nacl-reply',
      ]);
    }
    const ingress = lines[1].explanation.find((l: { layer: string }) => l.layer === 'sg-ingress');
    expect(ingress).toMatchObject({
      verdict: 'deny',
      reason: expect.stringContaining('sg-0587bc80ef36fddd5'),
    });
    const naclIn = lines[2].explanation.find((l: { layer: string }) => l.layer === 'nacl-inbound');
    expect(naclIn).toMatchObject({
      verdict: 'deny',
      rules: [
        { kind: 'network-acl-entry', aclId: 'acl-087b491100a2932b4', ruleNumber: 32767, action: 'deny' },
      ],
    });
  });

  it('prints a readable table naming what decided each verdict', async () => {
    const flows = csv(
      'table.csv',
      `${orderApiInstance},${ordersDb},tcp,5432`,
      `${stockSync},${ordersDb},tcp,5432`,
    );
    const { code, out } = await run('check', '--db', db, flows);
    expect(code).toBe(0);
    const [header, allowed, denied] = out.trim().split('\n');
    expect(header).toMatch(/^ROW\s+SOURCE\s+DESTINATION\s+PROTOCOL\s+PORT\s+VERDICT\s+DECIDED BY$/);
    expect(allowed).toMatch(
      new RegExp(`^2\\s+${orderApiInstance}\\s+${ordersDb}\\s+tcp\\s+5432\\s+ALLOWED\\s+`),
    );
    expect(denied).toMatch(/DENIED\s+nacl-inbound: acl-087b491100a2932b4 #32767 inbound deny$/);
  });

  it('reads a FLOWS.csv saved by PowerShell (UTF-16 with a byte order mark) as the same flows', async () => {
    const text = `source,destination,protocol,port\n${orderApiInstance},${ordersDb},tcp,5432\n`;
    const utf8 = csv('flows.csv', `${orderApiInstance},${ordersDb},tcp,5432`);
    const expected = await run('check', '--db', db, utf8);
    expect(expected.code).toBe(0);
    const le = join(dirname(db), 'utf16le.csv');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = join(dirname(db), 'utf16be.csv');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    for (const file of [le, be]) expect(await run('check', '--db', db, file)).toEqual(expected);
    const cut = join(dirname(db), 'cut.csv');
    writeFileSync(cut, Buffer.from([0xff, 0xfe, 0x73]));
    expect(await run('check', '--db', db, cut)).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        `${cut} starts with a UTF-16 byte order mark but is not valid UTF-16 text`,
      ),
    });
  });

  it('checks a CIDR of the internet at one end, saying which address of it the verdict is for', async () => {
    const searchIndexer = 'eni-0f844d42c96dedeb5';
    const flows = csv(
      'range.csv',
      `0.0.0.0/0,${searchIndexer},tcp,9200`,
      `0.0.0.0/0,${searchIndexer},tcp,22`,
    );
    const table = (await run('check', '--db', db, flows)).out.trim().split('\n');
    expect(table[1]).toMatch(
      /^2\s+0\.0\.0\.0\/0\s+eni-\w+\s+tcp\s+9200\s+ALLOWED\s+1\.0\.0\.0 \((\d+) of \1 parts of 0\.0\.0\.0\/0 get through\): route: /,
    );
    expect(table[2]).toMatch(
      /DENIED\s+1\.0\.0\.0 \(0 of \d+ parts of 0\.0\.0\.0\/0 get through\): nacl-inbound: /,
    );
    const { code, out } = await run('check', '--db', db, '--json', flows);
    expect(code).toBe(0);
    const [open, closed] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(open.source).toMatchObject({ input: '0.0.0.0/0', address: '1.0.0.0' });
    expect(open.range).toMatchObject({ end: 'source', cidr: '0.0.0.0/0', unknown: 0 });
    expect(open.range.allowed).toBe(open.range.addresses);
    expect(closed).toMatchObject({ allowed: false, range: { allowed: 0, addresses: open.range.addresses } });
  });

  it('reads the flows from standard input when FLOWS.csv is -', () => {
    const root = join(import.meta.dirname, '../../..');
    const faultline = (input: string) =>
      spawnSync('node', ['bin/faultline.mjs', 'check', '--db', db, '--json', '-'], {
        cwd: root,
        input,
        encoding: 'utf8',
      });
    const piped = faultline(`source,destination,protocol,port\n${stockSync},${ordersDb},tcp,5432\n`);
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({
      row: 2,
      allowed: false,
      destination: { input: ordersDb },
    });
    const bad = faultline('nope\n');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      'standard input must start with the header "source,destination,protocol,port"',
    );
  });

  it('reports bad rows on their own line, checks the rest, and exits 1', async () => {
    const flows = csv(
      'bad.csv',
      `eni-nope,${ordersDb},tcp,5432`,
      `${orderApi},${ordersDb},tcp,5432`,
      `${orderApi},${ordersDb},tcp,http`,
      `${orderApi},${ordersDb},tcp`,
      `${orderApi},${ordersDb},tcp,70000`,
      `${orderApi},,tcp,5432`,
    );
    const { code, out, err } = await run('check', '--db', db, '--json', flows);
    expect(code).toBe(1);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(lines[0]).toEqual({
      row: 2,
      fields: ['eni-nope', ordersDb, 'tcp', '5432'],
      verdict: null,
      error: 'no ENI, instance or private IP "eni-nope" in this snapshot',
    });
    expect(lines[1].allowed).toBe(true);
    expect(lines[2].error).toBe('port "http" is not a whole number');
    expect(lines[3].error).toBe('expected 4 fields, found 3');
    expect(lines[4].error).toMatch(/70000/);
    expect(lines[5].error).toBe('the destination is empty');
    expect(err).toBe('faultline: 5 of 6 row(s) could not be checked.\n');
    const table = (await run('check', '--db', db, flows)).out.trim().split('\n');
    // The table shows a bad row as written, beside why it could not be checked.
    expect(table[1]).toMatch(new RegExp(`^2\\s+eni-nope\\s+${ordersDb}\\s+tcp\\s+5432\\s+ERROR\\s+no ENI`));
    expect(table[3]).toMatch(
      new RegExp(`^4\\s+${orderApi}\\s+${ordersDb}\\s+tcp\\s+http\\s+ERROR\\s+port "http"`),
    );
  });

  it('uses the snapshot given, refuses an unknown one, and refuses a file without the header', async () => {
    const flows = csv('one.csv', `${orderApi},${ordersDb},tcp,5432`);
    expect((await run('check', '--db', db, '--snapshot', '1', flows)).code).toBe(0);
    const missing = await run('check', '--db', db, '--snapshot', '99', flows);
    expect([missing.code, missing.err]).toEqual([
      1,
      'faultline: There is no snapshot 99 in this workspace.\n',
    ]);
    const headerless = join(dirname(db), 'headerless.csv');
    writeFileSync(headerless, `${orderApi},${ordersDb},tcp,5432\n`);
    const refused = await run('check', '--db', db, headerless);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('must start with the header "source,destination,protocol,port"');
    expect(refused.err).not.toContain('Nothing was imported');
    expect((await run('check', '--db', db)).code).toBe(2);
  });
});

describe('faultline check on exports of centralized egress', () => {
  it('follows a connection out through the transit gateway to the egress VPC’s NAT gateway, and says so', async () => {
    const exports = join(dirname(db), 'egress-hub');
    mkdirSync(exports);
    for (const input of egressHub().inputs())
      if (input.kind === 'bytes') writeFileSync(join(exports, input.name), input.data);
    const egressDb = join(dirname(db), 'egress.db');
    expect((await run('import', '--db', egressDb, exports)).code).toBe(0);
    const flows = csv('out.csv', 'eni-a,198.51.100.7,tcp,443', 'eni-a2,198.51.100.7,tcp,443');
    const { code, out } = await run('check', '--db', egressDb, '--json', flows);
    expect(code).toBe(0);
    const verdicts = out
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { allowed: unknown; explanation: { layer: string; reason: string }[] },
      );
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true]);
    const routes = verdicts.map(
      (verdict) => verdict.explanation.find((layer) => layer.layer === 'route')?.reason,
    );
    // Each zone leaves through its own NAT gateway, and the server sees that one's address.
    expect(routes[0]).toContain(
      "via nat-1, a NAT gateway in subnet-pub, whose rtb-pub (route table of subnet-pub) routes it by 0.0.0.0/0 via igw-e, an internet gateway; the server sees the NAT gateway's address 54.0.9.5",
    );
    expect(routes[1]).toContain("the server sees the NAT gateway's address 54.0.9.6");
  });
});
