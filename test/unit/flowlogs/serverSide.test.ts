import { describe, expect, it } from 'vitest';
import type { ObservedFlow } from '../../../main/core/domain/applications';
import { readFlowLogs } from '../../../main/core/flowlogs';
import { serverByEvidence, serverByFlags, serverByPorts } from '../../../main/core/flowlogs/serverSide';
import { bytesInput, v2, v2Header } from './flowLogFixtures';

const flowsOf = async (...lines: string[]) =>
  (await readFlowLogs([bytesInput('log.txt', `${v2Header}\n${lines.join('\n')}\n`)])).flows;

describe('serverByPorts', () => {
  it('picks the one port below 1024 (RFC 6335 system ports)', () => {
    expect(serverByPorts(443, 2000)).toBe('src');
    expect(serverByPorts(40000, 22)).toBe('dst');
  });

  it('picks the side opposite the one ephemeral port when no port is below 1024', () => {
    expect(serverByPorts(8080, 45000)).toBe('src');
    expect(serverByPorts(50000, 5432)).toBe('dst');
  });

  it('does not decide when both ports are low or both are high', () => {
    expect(serverByPorts(80, 443)).toBeNull();
    expect(serverByPorts(20000, 8080)).toBeNull();
    expect(serverByPorts(40000, 50000)).toBeNull();
  });
});

describe('serverByFlags', () => {
  it('takes SYN-ACK for the server sending, SYN alone for the client, ORed with FIN as in short connections', () => {
    expect(serverByFlags(18)).toBe('src');
    expect(serverByFlags(19)).toBe('src');
    expect(serverByFlags(2)).toBe('dst');
    expect(serverByFlags(3)).toBe('dst');
  });

  it('does not decide without a handshake in the record, or without the field', () => {
    for (const flags of [0, 1, 4, 5, -1]) expect(serverByFlags(flags)).toBeNull();
  });
});

describe('serverByEvidence', () => {
  const end = (address: string, port: number, peers: number) => ({ address, port, peers });

  it('picks the end with more distinct peers, then the lower port, then the lower address', () => {
    expect(serverByEvidence(end('a', 50000, 5), end('b', 40000, 1))).toBe('src');
    expect(serverByEvidence(end('a', 50000, 1), end('b', 40000, 1))).toBe('dst');
    expect(serverByEvidence(end('b', 123, 1), end('a', 123, 1))).toBe('dst');
  });
});

describe('server detection in readFlowLogs', () => {
  it('folds a request and its reply into one conversation', async () => {
    const flows = await flowsOf(
      v2('10.0.0.1', '10.0.1.1', 40001, 443),
      v2('10.0.1.1', '10.0.0.1', 443, 40001),
    );
    expect(flows).toEqual([
      {
        client: '10.0.0.1',
        server: '10.0.1.1',
        protocol: 6,
        serverPort: 443,
        action: 'ACCEPT',
        records: 2,
        packets: 20,
        bytes: 2000,
        firstSeen: 100,
        lastSeen: 160,
      },
    ]);
  });

  it('tells a server on a high port from its ephemeral clients', async () => {
    const flows = await flowsOf(v2('10.0.1.1', '10.0.0.1', 8080, 51000));
    expect(flows.map((f) => [f.client, f.server, f.serverPort])).toEqual([['10.0.0.1', '10.0.1.1', 8080]]);
  });

  it('resolves both-high ports by evidence: the end many peers reach is the server', async () => {
    // Clients behind a NAT use ports from 1024 up, so 20000 ↔ 9000 says nothing by itself; three
    // other clients reaching 10.0.1.1:9000 from ephemeral ports do.
    const flows = await flowsOf(
      v2('10.0.0.9', '10.0.1.1', 20000, 9000),
      v2('10.0.1.1', '10.0.0.9', 9000, 20000),
      v2('10.0.0.1', '10.0.1.1', 40001, 9000),
      v2('10.0.0.2', '10.0.1.1', 40002, 9000),
      v2('10.0.0.3', '10.0.1.1', 40003, 9000),
    );
    const natted = flows.find((f) => f.client === '10.0.0.9');
    expect(natted).toMatchObject({ server: '10.0.1.1', serverPort: 9000, records: 2 });
    expect(flows).toHaveLength(4);
  });

  it('resolves both-high ports by evidence among undecided records alone', async () => {
    const flows = await flowsOf(
      v2('10.0.0.1', '10.0.1.1', 40001, 50000),
      v2('10.0.0.2', '10.0.1.1', 40002, 50000),
      v2('10.0.1.1', '10.0.0.2', 50000, 40002),
    );
    expect(flows.map((f) => [f.client, f.server, f.serverPort, f.records])).toEqual([
      ['10.0.0.1', '10.0.1.1', 50000, 1],
      ['10.0.0.2', '10.0.1.1', 50000, 2],
    ]);
  });

  it('breaks a tie of evidence by the lower port, both-low ports included', async () => {
    const flows = await flowsOf(v2('10.0.0.1', '10.0.1.1', 443, 80), v2('10.0.1.1', '10.0.0.1', 80, 443));
    expect(flows.map((f) => [f.client, f.server, f.serverPort, f.records])).toEqual([
      ['10.0.0.1', '10.0.1.1', 80, 2],
    ]);
  });

  it('has no server port for protocols without ports, and the destination is the server', async () => {
    const flows = await flowsOf(v2('10.0.0.1', '10.0.1.1', 0, 0, { protocol: 1 }));
    expect(flows.map((f) => [f.client, f.server, f.protocol, f.serverPort])).toEqual([
      ['10.0.0.1', '10.0.1.1', 1, null],
    ]);
  });

  it('keeps conversations of neighbouring protocols without ports apart (ESP and AH, 0 and 1)', async () => {
    const flows = await flowsOf(
      v2('10.0.0.1', '10.0.1.1', 0, 0, { protocol: 50 }),
      v2('10.0.0.1', '10.0.1.1', 0, 0, { protocol: 51 }),
      v2('10.0.0.1', '10.0.1.1', 0, 0, { protocol: 0 }),
      v2('10.0.0.1', '10.0.1.1', 0, 0, { protocol: 1 }),
    );
    expect(flows.map((f) => [f.protocol, f.serverPort, f.records])).toEqual([
      [0, null, 1],
      [1, null, 1],
      [50, null, 1],
      [51, null, 1],
    ]);
  });

  it('keeps a pair’s conversations apart by port and action, IPv6 as IPv4', async () => {
    const flows = await flowsOf(
      v2('2001:db8::1', '2001:db8::2', 40001, 443),
      v2('2001:db8::1', '2001:db8::2', 40002, 443, { action: 'REJECT' }),
      v2('2001:db8::1', '2001:db8::2', 40003, 80),
      v2('2001:db8::2', '2001:db8::1', 443, 40001),
      v2('10.0.0.1', '10.0.1.1', 40001, 443),
    );
    expect(flows.map((f) => [f.client, f.server, f.serverPort, f.action, f.records])).toEqual([
      ['10.0.0.1', '10.0.1.1', 443, 'ACCEPT', 1],
      ['2001:db8::1', '2001:db8::2', 80, 'ACCEPT', 1],
      ['2001:db8::1', '2001:db8::2', 443, 'ACCEPT', 2],
      ['2001:db8::1', '2001:db8::2', 443, 'REJECT', 1],
    ]);
  });
});

describe('server detection by tcp-flags', () => {
  const header =
    'version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status tcp-flags';
  const line = (
    src: string,
    dst: string,
    srcPort: number,
    dstPort: number,
    flags: number | '-',
    protocol = 6,
  ) => `5 eni-1 ${src} ${dst} ${srcPort} ${dstPort} ${protocol} 10 1000 100 160 ACCEPT OK ${flags}`;
  const read = (...lines: string[]) =>
    readFlowLogs([bytesInput('log.txt', `${header}\n${lines.join('\n')}\n`)]);
  const summary = (flows: readonly ObservedFlow[]) =>
    flows.map((f) => [f.client, f.server, f.serverPort, f.records]);

  it('follows the handshake where the ports mislead, the connection’s later records included', async () => {
    // MySQL's X protocol listens on 33060, inside Linux's ephemeral range, and a client behind a NAT
    // gateway talks from 20000: by ports alone 10.0.0.9 would be the server. The next interval's
    // records carry no handshake and follow the first.
    const { flows } = await read(
      line('10.0.0.9', '10.0.1.1', 20000, 33060, 2),
      line('10.0.1.1', '10.0.0.9', 33060, 20000, 18),
      line('10.0.0.9', '10.0.1.1', 20000, 33060, 0),
      line('10.0.1.1', '10.0.0.9', 33060, 20000, 1),
    );
    expect(summary(flows)).toEqual([['10.0.0.9', '10.0.1.1', 33060, 4]]);
  });

  it('turns records folded before the handshake was read', async () => {
    const { flows } = await read(
      line('10.0.1.1', '10.0.0.9', 33060, 20000, 0),
      line('10.0.0.9', '10.0.1.1', 20000, 33060, 0),
      line('10.0.0.9', '10.0.1.1', 20000, 33060, 3),
    );
    expect(summary(flows)).toEqual([['10.0.0.9', '10.0.1.1', 33060, 3]]);
  });

  it('settles records the ports leave open by a handshake before any evidence', async () => {
    // Both ports between 1024 and 32767, one peer each: evidence would pick the lower port, 9000.
    const { flows } = await read(
      line('2001:db8::9', '2001:db8::1', 9000, 20000, 2),
      line('2001:db8::1', '2001:db8::9', 20000, 9000, 0),
      line('2001:db8::9', '2001:db8::1', 9000, 20000, 0),
    );
    expect(summary(flows)).toEqual([['2001:db8::9', '2001:db8::1', 20000, 3]]);
  });

  it('leaves the ports to decide for other protocols and for records without flags', async () => {
    const { flows, malformedCount } = await read(
      line('10.0.0.1', '10.0.1.1', 40001, 53, '-', 17),
      line('10.0.0.1', '10.0.1.1', 40002, 443, '-'),
    );
    expect(malformedCount).toBe(0);
    expect(summary(flows)).toEqual([
      ['10.0.0.1', '10.0.1.1', 443, 1],
      ['10.0.0.1', '10.0.1.1', 53, 1],
    ]);
  });

  it('refuses flags that are not a TCP flag byte, naming the field', async () => {
    const { malformed } = await read(line('10.0.0.1', '10.0.1.1', 40001, 443, 256));
    expect(malformed).toEqual([
      { file: 'log.txt', line: 2, reason: 'tcp-flags is "256", expected a TCP flag bitmask 0-255' },
    ]);
  });
});
