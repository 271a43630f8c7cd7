import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { readFlowLogs } from '../../main/core/flowlogs/index';
import { Random } from '../estate/random';
import { peakRssMb, timed } from './timing';

export interface FlowLogFigures {
  readonly lines: number;
  readonly ms: number;
  readonly linesPerSecond: number;
  readonly peakRssMb: number;
}

const servers = 300;
const clients = 3_000;
/** Each client talks to a handful of servers, as services do, not to every server of the VPC. */
const pairs = 20_000;
const serverPorts = [443, 5432, 6379, 8080, 9092];
const linesPerBatch = 10_000;

/**
 * Default-format lines as AWS writes them for a VPC: clients on ephemeral ports talking to a few
 * hundred servers, each conversation logged in both directions, a sprinkle of REJECT and NODATA.
 */
function* flowLogText(lines: number, random: Random): Generator<string> {
  yield 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n';
  const start = 1_700_000_000;
  const conversations = Array.from({ length: pairs }, () => ({
    client: `10.1.${random.int(clients >> 8)}.${random.int(256)}`,
    server: `10.0.${random.int(servers >> 8) + 1}.${random.int(256)}`,
    port: random.pick(serverPorts),
  }));
  for (let written = 0; written < lines; ) {
    const batch: string[] = [];
    for (let i = 0; i < linesPerBatch && written < lines; i++, written++) {
      const time = start + written / 1000;
      if (random.chance(0.01)) {
        batch.push(`2 123456789012 eni-0a1b2c3d - - - - - - - ${time | 0} ${(time | 0) + 60} - NODATA`);
        continue;
      }
      const { client, server, port } = random.pick(conversations);
      const ephemeral = 32768 + random.int(28232);
      const action = random.chance(0.05) ? 'REJECT' : 'ACCEPT';
      const packets = 1 + random.int(50);
      const bytes = packets * (40 + random.int(1400));
      const [src, dst, srcPort, dstPort] =
        written % 2 === 0 ? [client, server, ephemeral, port] : [server, client, port, ephemeral];
      batch.push(
        `2 123456789012 eni-0a1b2c3d ${src} ${dst} ${srcPort} ${dstPort} 6 ${packets} ${bytes} ${time | 0} ${(time | 0) + 60} ${action} OK`,
      );
    }
    yield `${batch.join('\n')}\n`;
  }
}

/** Writes a gzip flow log of `lines` lines to a temporary folder and times readFlowLogs over it. */
export async function measureFlowLogs(lines: number): Promise<FlowLogFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-flowlogs-'));
  try {
    const file = join(dir, '123456789012_vpcflowlogs_eu-west-1_fl-0abc_20240101T0000Z_hash.log.gz');
    await pipeline(Readable.from(flowLogText(lines, new Random(7))), createGzip(), createWriteStream(file));
    const read = await timed(() => readFlowLogs([{ kind: 'path', path: file }]));
    return {
      lines: read.value.lines,
      ms: read.ms,
      linesPerSecond: read.value.lines / (read.ms / 1000),
      peakRssMb: peakRssMb(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
