import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  catalogKind,
  classifyApplicationFile,
  dependenciesFileKind,
  readApplicationSources,
} from '../../../main/core/applications/readApplicationSources';
import { flowLogKind } from '../../../main/core/flowlogs/index';

const fixtures = join(import.meta.dirname, '../../fixtures/catalog');
const file = (name: string, data: Uint8Array | string) => ({
  name,
  data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
});
const flowLog = [
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  '2 123456789012 eni-1 10.0.1.10 10.0.1.20 40001 8080 6 5 500 1700000000 1700000060 ACCEPT OK',
  '2 123456789012 eni-1 10.0.1.20 10.0.1.10 8080 40001 6 5 700 1700000000 1700000060 ACCEPT OK',
].join('\n');

/** A few KB gzipped. */
const longFlowLog = [
  flowLog,
  ...Array.from(
    { length: 2000 },
    (_, n) =>
      `2 123456789012 eni-1 10.0.1.${n % 250} 10.0.2.20 ${40000 + n} 8080 6 5 ${500 + n} 1700000000 1700000060 ACCEPT OK`,
  ),
].join('\n');

/** A gzip with bytes flipped from `at` on (its middle unless told): it does not inflate. */
function damaged(gzip: Uint8Array, at = gzip.byteLength >> 1): Uint8Array {
  const copy = new Uint8Array(gzip);
  for (let i = at; i < at + 16; i++) copy[i] = (copy[i] as number) ^ 0x5a;
  return copy;
}

describe('classifyApplicationFile', () => {
  it.each([
    ['catalog-info.yaml', readFileSync(join(fixtures, 'shop/orders.yaml')), catalogKind],
    ['deps.csv', readFileSync(join(fixtures, 'dependencies.csv')), dependenciesFileKind],
    ['deps.yaml', readFileSync(join(fixtures, 'dependencies.yaml')), dependenciesFileKind],
    ['flows.log', flowLog, flowLogKind],
    ['flows.log.gz', gzipSync(flowLog), flowLogKind],
    ['misnamed.txt', gzipSync(flowLog), flowLogKind],
    ['notes.md', '# Notes\nnothing to see', null],
    ['other.yaml', 'kind: Deployment\napiVersion: apps/v1\n', null],
    // Faultline reads no gzip but a flow log: its reader reads one, refuses it where it breaks off
    // (however early), or says why it is no flow log.
    ['damaged.log.gz', damaged(gzipSync(longFlowLog)), flowLogKind],
    ['damaged-at-start.log.gz', damaged(gzipSync(longFlowLog), 20), flowLogKind],
    ['cut.log.gz', gzipSync(longFlowLog).subarray(0, 100), flowLogKind],
    ['magic-only.gz', new Uint8Array([0x1f, 0x8b]), flowLogKind],
    ['random.bin', new Uint8Array([0x1f, 0x8b, 1, 2, 3]), flowLogKind],
    ['empty.gz', gzipSync(''), flowLogKind],
    ['notes.md.gz', gzipSync('# Notes\nnothing to see'), flowLogKind],
    // A header of flow-log fields lacking one: its reader says which.
    ['no-action.log', 'version srcaddr dstaddr srcport dstport protocol packets bytes\n', flowLogKind],
    ['prose.txt', 'the protocol and action\n', null],
  ])('classifies %s', (name, data, kind) => {
    expect(classifyApplicationFile(file(name, data))).toBe(kind);
  });
});

describe('readApplicationSources', () => {
  it('reads each kind with its own reader and counts records per file', async () => {
    const { sources, records } = await readApplicationSources([
      { ...file('orders.yaml', readFileSync(join(fixtures, 'shop/orders.yaml'))), kind: catalogKind },
      { ...file('deps.csv', readFileSync(join(fixtures, 'dependencies.csv'))), kind: dependenciesFileKind },
      { ...file('flows.log.gz', gzipSync(flowLog)), kind: flowLogKind },
    ]);
    expect(sources.flows).toEqual([
      expect.objectContaining({
        client: '10.0.1.10',
        server: '10.0.1.20',
        serverPort: 8080,
        records: 2,
        bytes: 1200,
      }),
    ]);
    expect(records.get('flows.log.gz')).toBe(2);
    expect(records.get('deps.csv')).toBe(
      sources.dependencies.filter((d) => d.source.file === 'deps.csv').length,
    );
    expect(records.get('orders.yaml')).toBeGreaterThan(0);
    expect(sources.services.some((s) => s.origin === 'dependencies-file')).toBe(true);
    expect(sources.services.some((s) => s.origin === 'catalog')).toBe(true);
  });
});
