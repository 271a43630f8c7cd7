import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Cidr, parseCidr } from '../../../main/core/domain/ip';
import { AddressSet, looksLikeFlowLog, readFlowLogs } from '../../../main/core/flowlogs';
import { refusal } from '../input/refusal';
import { bytesInput, tempTree, v2, v2Header } from './flowLogFixtures';

const request = v2('10.0.0.1', '10.0.1.1', 40001, 443);
const reply = v2('10.0.1.1', '10.0.0.1', 443, 40001);
const conversation = { client: '10.0.0.1', server: '10.0.1.1', serverPort: 443, records: 2 };

describe('readFlowLogs formats', () => {
  it('reads the default format with and without its header', async () => {
    for (const text of [`${v2Header}\n${request}\n${reply}\n`, `${request}\r\n${reply}`]) {
      const read = await readFlowLogs([bytesInput('log.txt', text)]);
      expect(read.flows).toEqual([expect.objectContaining(conversation)]);
      expect(read.lines).toBe(2);
      expect(read.files[0]).toMatchObject({ status: 'imported', kind: 'vpc-flow-logs', records: 2 });
    }
  });

  it('gives addresses back as the log wrote them: IPv4 at the ends of its range, and IPv6', async () => {
    const lines = [
      v2('0.0.0.0', '255.255.255.255', 40001, 443),
      v2('128.0.0.1', '10.0.1.1', 40002, 80),
      v2('2600:1f18:abcd::10', '2600:1f18:abcd::20', 40003, 443),
      v2('2600:1f18:abcd::20', '2600:1f18:abcd::10', 443, 40003),
    ];
    const { flows, malformedCount } = await readFlowLogs([bytesInput('log.txt', `${lines.join('\n')}\n`)]);
    expect(malformedCount).toBe(0);
    expect(
      flows.map(({ client, server, serverPort, records }) => ({ client, server, serverPort, records })),
    ).toEqual([
      { client: '0.0.0.0', server: '255.255.255.255', serverPort: 443, records: 1 },
      { client: '128.0.0.1', server: '10.0.1.1', serverPort: 80, records: 1 },
      { client: '2600:1f18:abcd::10', server: '2600:1f18:abcd::20', serverPort: 443, records: 2 },
    ]);
  });

  it('refuses an IPv4 address with a leading zero or a part over 255', async () => {
    // After a good first line: line 1 decides whether the file is a flow log at all.
    const lines = [
      request,
      v2('10.0.0.01', '10.0.1.1', 40001, 443),
      v2('10.0.0.1', '10.0.256.1', 40001, 443),
    ];
    const { flows, malformed } = await readFlowLogs([bytesInput('log.txt', `${lines.join('\n')}\n`)]);
    expect(malformed.map((line) => line.reason)).toEqual([
      'srcaddr is "10.0.0.01", expected an IP address',
      'dstaddr is "10.0.256.1", expected an IP address',
    ]);
    expect(flows).toHaveLength(1);
  });

  // Each of these passed before and stored a flow no packet can have.
  it('refuses an IPv6 zone, ends of two families and an end before the start', async () => {
    const lines = [
      request,
      v2('fe80::1%eth0', 'fe80::2', 40001, 443),
      v2('10.0.0.1', '2600:1f18::1', 40001, 443),
      v2('10.0.0.1', '10.0.1.1', 40001, 443, { start: 200, end: 100 }),
      v2('2600:1f18::1', '2600:1f18::2', 40001, 443),
    ];
    const { flows, malformed } = await readFlowLogs([bytesInput('log.txt', `${lines.join('\n')}\n`)]);
    expect(malformed.map((line) => line.reason)).toEqual([
      'srcaddr is "fe80::1%eth0", expected an IP address',
      'dstaddr is "2600:1f18::1", expected an address of the same family as srcaddr',
      'end is "100", expected a time not before start (200)',
    ]);
    expect(flows).toHaveLength(2);
  });

  it('takes pkt-srcaddr and pkt-dstaddr over an intermediate interface’s own addresses (a transit gateway’s)', async () => {
    // AWS's transit gateway example: the record of the transit gateway's interface in VPC B.
    const header =
      'version interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr srcport dstport protocol packets bytes start end action log-status';
    const lines = [
      '5 eni-0tgw 10.20.16.13 10.20.16.130 10.30.1.33 10.20.16.130 49352 9100 6 5 420 1700000000 1700000060 ACCEPT OK',
      '5 eni-0tgw 10.20.16.130 10.20.16.13 10.20.16.130 10.30.1.33 9100 49352 6 5 840 1700000000 1700000060 ACCEPT OK',
      // An interface that is no intermediate writes `-`: its own addresses are the packet's.
      '5 eni-0web 10.30.1.33 10.20.16.130 - - 49353 9100 6 5 420 1700000000 1700000060 ACCEPT OK',
      '5 eni-0bad 10.30.1.33 10.20.16.130 10.30.1.999 - 49354 9100 6 5 420 1700000000 1700000060 ACCEPT OK',
    ];
    const read = await readFlowLogs([bytesInput('tgw.log', `${header}\n${lines.join('\n')}\n`)]);
    expect(read.flows).toEqual([
      expect.objectContaining({ client: '10.30.1.33', server: '10.20.16.130', serverPort: 9100, records: 3 }),
    ]);
    expect(read.malformed).toEqual([
      { file: 'tgw.log', line: 5, reason: 'pkt-srcaddr is "10.30.1.999", expected an IP address' },
    ]);
  });

  it('reads a custom format by the fields its header names, in its order', async () => {
    const header =
      'version vpc-id srcaddr dstaddr srcport dstport protocol bytes packets start end action tcp-flags';
    const line = '5 vpc-1 10.0.0.1 10.0.1.1 40001 5432 6 700 7 10 20 REJECT 2';
    const { flows } = await readFlowLogs([bytesInput('custom.log', `${header}\n${line}\n`)]);
    expect(flows).toEqual([
      {
        client: '10.0.0.1',
        server: '10.0.1.1',
        protocol: 6,
        serverPort: 5432,
        action: 'REJECT',
        records: 1,
        packets: 7,
        bytes: 700,
        firstSeen: 10,
        lastSeen: 20,
      },
    ]);
  });

  it('refuses a gzip cut short, saying how far its lines got', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      v2('10.0.0.1', `10.0.${i >> 8}.${i & 255}`, 40001, i),
    );
    const whole = gzipSync(`${v2Header}\n${lines.join('\n')}\n`);
    const cut = whole.subarray(0, whole.byteLength >> 1);
    const error = await refusal(readFlowLogs([{ kind: 'bytes', name: 'log.gz', data: cut }]));
    const broken = Number(/^line (\d+)$/.exec(error.place ?? '')?.[1]);
    expect(broken).toBeGreaterThan(2);
    expect(broken).toBeLessThan(5002);
    expect(error.message).toBe(
      `cannot read log.gz: it breaks off in line ${broken}, after ${broken - 1} whole lines: unexpected end of file`,
    );
    // Its outcome is among the files', in error at that place, for the import's list.
    expect(error.files).toEqual([
      expect.objectContaining({ file: 'log.gz', status: 'error', place: `line ${broken}` }),
    ]);
  });

  it('refuses a gzip damaged or cut short at its very start, from memory or disk', async () => {
    const whole = gzipSync(`${v2Header}\n${request}\n${reply}\n`);
    const flags = new Uint8Array(whole);
    flags[3] = 0xe0;
    const damaged = {
      'magic-only.gz': new Uint8Array([0x1f, 0x8b]),
      'cut.gz': whole.subarray(0, 12),
      'flags.gz': flags,
      'flipped.gz': Uint8Array.from(whole, (byte, at) => (at === 20 ? byte ^ 0xff : byte)),
    };
    const root = await tempTree(damaged);
    for (const [name, data] of Object.entries(damaged)) {
      for (const input of [
        { kind: 'bytes' as const, name, data },
        { kind: 'path' as const, path: join(root, name) },
      ]) {
        const error = await refusal(readFlowLogs([input]));
        expect(error).toMatchObject({ file: name, place: 'line 1' });
        expect(error.message).toMatch(
          new RegExp(`^cannot read ${name}: it breaks off in line 1, after 0 whole lines: \\w`),
        );
      }
    }
  });

  it('skips an empty gzip and a gzip of other text, saying that a gzip is read only as a flow log', async () => {
    const read = await readFlowLogs([
      bytesInput('empty.gz', '', true),
      bytesInput('vpcs.json.gz', '{"Vpcs": []}', true),
    ]);
    expect(read.files.map(({ status, reason }) => [status, reason])).toEqual([
      ['skipped', 'an empty gzip: it inflates to no text'],
      [
        'skipped',
        'not a VPC flow log: line 1 is neither a header naming srcaddr, dstaddr, srcport, dstport, protocol and action, nor a default-format (version 2) record; Faultline reads no gzip file but a flow log: gunzip any other file first',
      ],
    ]);
  });

  it('reads gzip by its magic bytes, whatever the name, and hashes the stored bytes', async () => {
    const data = gzipSync(`${v2Header}\n${request}\n${reply}\n`);
    const read = await readFlowLogs([{ kind: 'bytes', name: 'no-extension', data }]);
    expect(read.flows).toEqual([expect.objectContaining(conversation)]);
    expect(read.files[0]).toMatchObject({
      size: data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex'),
    });
  });

  it('reads a log starting with a byte order mark as the classifier does: UTF-8, or UTF-16 as PowerShell writes', async () => {
    const text = `${v2Header}\r\n${request}\r\n${reply}\r\n`;
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const encoded = {
      'utf8.log': Buffer.from(`\ufeff${text}`),
      'utf8.log.gz': gzipSync(`\ufeff${text}`),
      'utf16le.log': utf16le,
      'utf16be.log': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
    };
    const root = await tempTree(encoded);
    for (const [name, data] of Object.entries(encoded)) {
      for (const input of [
        { kind: 'bytes' as const, name, data },
        { kind: 'path' as const, path: join(root, name) },
      ]) {
        const read = await readFlowLogs([input]);
        expect(read.files[0]).toMatchObject({ file: name, status: 'imported', records: 2, reason: null });
        expect(read.flows).toEqual([expect.objectContaining(conversation)]);
      }
    }
  });

  it('reads a folder as S3 writes it, recursively, leaving out hidden files', async () => {
    const day = 'AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/01/02';
    const root = await tempTree({
      [`${day}/a_20240102T0000Z.log.gz`]: gzipSync(`${v2Header}\n${request}\n`),
      [`${day}/b_20240102T0005Z.log.gz`]: gzipSync(`${v2Header}\n${reply}\n`),
      [`${day}/.DS_Store`]: 'junk',
    });
    const read = await readFlowLogs([{ kind: 'path', path: join(root, 'AWSLogs') }]);
    expect(read.files.map((f) => f.file)).toEqual([
      `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/01/02/a_20240102T0000Z.log.gz`,
      `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/01/02/b_20240102T0005Z.log.gz`,
    ]);
    expect(read.flows).toEqual([expect.objectContaining(conversation)]);
  });

  it('skips NODATA and SKIPDATA records, counted, not as errors', async () => {
    const text = [
      v2Header,
      request,
      '2 123456789012 eni-1 - - - - - - - 100 160 - NODATA',
      '2 123456789012 eni-1 - - - - - - - 100 160 - SKIPDATA',
    ].join('\n');
    const read = await readFlowLogs([bytesInput('log.txt', text)]);
    expect(read).toMatchObject({ skippedRecords: 2, malformedCount: 0, lines: 3 });
    expect(read.flows).toHaveLength(1);
    // The file's records are the one record, not the lines that say nothing was logged.
    expect(read.files[0]).toMatchObject({
      status: 'imported',
      records: 1,
      reason: '2 NODATA or SKIPDATA records (nothing logged) not counted',
      place: null,
    });
  });

  it('skips a file that is not a flow log, with the reason', async () => {
    const read = await readFlowLogs([
      bytesInput('groups.json', '{"SecurityGroups": []}'),
      bytesInput('empty', ''),
    ]);
    expect(read.files.map((f) => [f.status, f.kind, f.reason?.slice(0, 19)])).toEqual([
      ['skipped', null, 'not a VPC flow log:'],
      ['skipped', null, 'the file is empty'],
    ]);
  });

  it('tells a flow log from its first line', () => {
    expect(looksLikeFlowLog(v2Header)).toBe(true);
    const braced = 'version srcaddr dstaddr srcport dstport protocol action'
      .split(' ')
      .map((name) => `\${${name}}`);
    expect(looksLikeFlowLog(braced.join(' '))).toBe(true);
    expect(looksLikeFlowLog(request)).toBe(true);
    expect(looksLikeFlowLog('2 123456789012 eni-1 - - - - - - - 100 160 - NODATA\r')).toBe(true);
    expect(looksLikeFlowLog('name,port,protocol')).toBe(false);
    expect(looksLikeFlowLog('the protocol and action')).toBe(false);
    // Meant as a header, lacking fields: a flow log, which its reader skips saying what it lacks.
    expect(looksLikeFlowLog('version srcaddr dstaddr')).toBe(true);
  });

  it('skips a file whose header lacks a required field, naming it', async () => {
    const read = await readFlowLogs([
      bytesInput(
        'no-action.log',
        'version srcaddr dstaddr srcport dstport protocol packets bytes\n2 10.20.32.86 10.20.16.195 34228 8443 6 3 180\n',
      ),
      bytesInput('two.log', 'srcaddr dstaddr\n10.0.0.1 10.0.1.1\n'),
    ]);
    expect(read.files.map(({ status, reason, place }) => [status, reason, place])).toEqual([
      [
        'skipped',
        'not a VPC flow log: its header (line 1) lacks action (a flow log names srcaddr, dstaddr, srcport, dstport, protocol and action)',
        null,
      ],
      [
        'skipped',
        'not a VPC flow log: its header (line 1) lacks srcport, dstport, protocol and action (a flow log names srcaddr, dstaddr, srcport, dstport, protocol and action)',
        null,
      ],
    ]);
  });

  it('reports progress in stored bytes, ending at the total', async () => {
    const reports: number[] = [];
    const input = bytesInput('log.txt', `${request}\n`);
    await readFlowLogs([input], { onProgress: (p) => reports.push(p.done) });
    expect(reports.at(-1)).toBe(input.kind === 'bytes' ? input.data.byteLength : -1);
  });
});

describe('readFlowLogs malformed lines', () => {
  it('reports each bad line with file, line and reason, and reads on', async () => {
    const text = [
      v2Header,
      request,
      '2 123456789012 eni-1 10.0.0.1 10.0.1.1 40001 443 6 1 1 1',
      v2('10.0.0.1', '10.0.1.1', 40001, 443).replace(' 40001 ', ' http '),
      v2('10.0.0.999', '10.0.1.1', 40001, 443),
      v2('10.0.0.1', '10.0.1.1', 40001, 443).replace('ACCEPT', 'ALLOW'),
      reply,
    ].join('\n');
    const read = await readFlowLogs([bytesInput('log.txt', text)]);
    expect(read.malformed).toEqual([
      { file: 'log.txt', line: 3, reason: 'expected 14 space-separated fields, found 11' },
      { file: 'log.txt', line: 4, reason: 'srcport is "http", expected a port 0-65535' },
      { file: 'log.txt', line: 5, reason: 'srcaddr is "10.0.0.999", expected an IP address' },
      { file: 'log.txt', line: 6, reason: 'action is "ALLOW", expected ACCEPT or REJECT' },
    ]);
    expect(read.malformedCount).toBe(4);
    expect(read.flows).toEqual([expect.objectContaining(conversation)]);
    // The import's outcome for the file says so: its records only, how many lines were skipped, the first.
    expect(read.files).toEqual([
      expect.objectContaining({
        file: 'log.txt',
        status: 'imported',
        records: 2,
        reason:
          '4 lines skipped as not flow-log records, the first: expected 14 space-separated fields, found 11',
        place: 'line 3',
      }),
    ]);
  });

  it('keeps the first 100 bad lines and counts the rest', async () => {
    const lines = [request, ...Array.from({ length: 150 }, () => 'garbage'), ...Array(2000).fill(reply)];
    const read = await readFlowLogs([bytesInput('log.txt', lines.join('\n'))]);
    expect(read.malformed).toHaveLength(100);
    expect(read.malformedCount).toBe(150);
  });

  it('fails the read when a file is mostly bad lines, naming the file and the first one', async () => {
    const lines = [request, ...Array.from({ length: 30 }, () => 'garbage'), reply];
    const error = await refusal(
      readFlowLogs([bytesInput('good.log', `${request}\n`), bytesInput('bad.log', lines.join('\n'))], {
        malformedThreshold: { minLines: 20, ratio: 0.5 },
      }),
    );
    expect(error.file).toBe('bad.log');
    expect(error.place).toBe('line 2');
    expect(error.message).toContain('30 of 32 lines');
    expect(error.files.map((f) => f.status)).toEqual(['imported', 'error']);
  });

  it('refuses a file over the size limit, counted inflated', async () => {
    const error = await refusal(
      readFlowLogs([bytesInput('big.log.gz', `${request}\n`.repeat(1000), true)], {
        limits: { maxFileBytes: 1000 },
      }),
    );
    expect(error.message).toContain('--max-file-mb');
  });
});

describe('readFlowLogs interfaces', () => {
  // eni-a in one VPC and eni-b in another, whose ranges overlap: both hold 10.20.16.2 (docs/flow-logs.md).
  const record = (eni: string, src: string, dst: string, srcPort: number, dstPort: number) =>
    `2 123456789012 ${eni} ${src} ${dst} ${srcPort} ${dstPort} 6 10 840 1700000000 1700000060 ACCEPT OK`;
  const lines = [
    record('eni-a', '10.20.16.1', '10.20.16.2', 40000, 5432),
    record('eni-a', '10.20.16.2', '10.20.16.1', 5432, 40000),
    record('eni-b', '10.20.16.1', '10.20.16.2', 40000, 5432),
    record('eni-a', '10.20.16.1', '10.20.16.9', 40001, 443),
    record('eni-c', '10.20.16.1', '10.20.32.5', 40002, 443),
  ];
  const log = `${v2Header}\n${lines.join('\n')}\n`;
  const ambiguousAddresses = new AddressSet(['10.20.16.2'], [parseCidr('10.20.32.0/28') as Cidr]);

  it('keeps the interface of records naming an address several VPCs hold, a conversation per interface', async () => {
    const read = await readFlowLogs([bytesInput('vpc.log', log)], { ambiguousAddresses });
    expect(read.flows.map((f) => [f.server, f.serverPort, f.records, f.interfaceId])).toEqual([
      ['10.20.16.2', 5432, 2, 'eni-a'],
      ['10.20.16.2', 5432, 1, 'eni-b'],
      ['10.20.16.9', 443, 1, undefined],
      ['10.20.32.5', 443, 1, 'eni-c'],
    ]);
    expect(Object.keys(read.flows[2] ?? {})).not.toContain('interfaceId');
  });

  it('keeps none without such addresses, or when the format has no interface-id', async () => {
    const plain = await readFlowLogs([bytesInput('vpc.log', log)]);
    expect(plain.flows.map((f) => [f.server, f.records, f.interfaceId])).toEqual([
      ['10.20.16.2', 3, undefined],
      ['10.20.16.9', 1, undefined],
      ['10.20.32.5', 1, undefined],
    ]);
    const custom = `srcaddr dstaddr srcport dstport protocol action\n10.20.16.1 10.20.16.2 40000 5432 6 ACCEPT\n`;
    const read = await readFlowLogs([bytesInput('custom.log', custom)], { ambiguousAddresses });
    expect(read.flows.map((f) => [f.server, f.interfaceId])).toEqual([['10.20.16.2', undefined]]);
  });
});
