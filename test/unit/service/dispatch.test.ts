import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createService, sampleSnapshotName } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { ApiEvents } from '../../../preload/contract';
import { sampleCounts, sampleDir } from '../helpers/sampleCounts';
import { dumpDatabase, tempDbFile } from '../helpers/tempWorkspace';

const sampleFile = (name: string) => ({ name, data: new Uint8Array(readFileSync(join(sampleDir, name))) });

describe('createService', () => {
  it('seeds the bundled sample into an empty workspace, once', async () => {
    const dbFile = tempDbFile();
    const first = await createService({ dbFile, seedSampleFrom: sampleDir });
    const [snapshot] = await first.service.listSnapshots();
    expect(snapshot?.name).toBe(sampleSnapshotName);
    expect(snapshot?.counts).toEqual(sampleCounts());
    first.close();
    const second = await createService({ dbFile, seedSampleFrom: sampleDir });
    expect(await second.service.listSnapshots()).toHaveLength(1);
    second.close();
  });
});

describe('dispatch', () => {
  it('answers every call with a Result and validates arguments first', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    expect(await dispatch(service, 'listSnapshots', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch(service, 'dropTables', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: 'Unknown method dropTables.' },
    });
    expect(await dispatch(service, 'renameSnapshot', { id: '1; DROP', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/id: /) },
    });
    expect(await dispatch(service, 'renameSnapshot', { id: 1, name: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/name: a name cannot be empty/) },
    });
    expect(await dispatch(service, 'deleteSnapshot', { id: 1, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await dispatch(service, 'deleteSnapshot', { id: 7 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no snapshot 7 in this workspace.' },
    });
    close();
  });

  it('names a what-if edit of the wrong shape at its place, in words of ports (audit P3 #4)', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    const rule = {
      groupId: 'sg-0587bc80ef36fddd5',
      direction: 'ingress',
      protocol: 'tcp',
      peer: '10.0.0.0/8',
    };
    const impact = (fromPort: number) =>
      dispatch(service, 'impact', {
        change: {
          title: 'What-if',
          edits: [
            { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' },
            { op: 'add-rule', rule: { ...rule, fromPort, toPort: fromPort } },
          ],
        },
      });
    const portMessage =
      'a port is a whole number 0-65535 (for icmp, the type or code: -1 for every one, or 0-255)';
    expect(await impact(70000)).toEqual({
      ok: false,
      error: {
        code: 'bad-input',
        message: `CHANGE.json $.edits[1].rule.fromPort: ${portMessage}`,
        file: 'CHANGE.json',
        place: '$.edits[1].rule.fromPort',
        files: [],
      },
    });
    expect(await impact(-5)).toMatchObject({ error: { place: '$.edits[1].rule.fromPort' } });
    const entry = {
      aclId: 'acl-1',
      egress: false,
      ruleNumber: 90,
      protocol: 'icmp',
      action: 'deny',
      cidr: '10.0.0.0/8',
    };
    expect(
      await dispatch(service, 'impact', {
        change: { edits: [{ op: 'add-acl-entry', entry: { ...entry, icmpType: 300 } }] },
      }),
    ).toMatchObject({
      error: {
        message:
          'CHANGE.json $.edits[0].entry.icmpType: an ICMP type or code is a whole number 0-255, or -1 for every one',
      },
    });
    close();
  });

  it('imports file contents, reports progress, and renames and deletes', async () => {
    const events: ApiEvents[keyof ApiEvents][] = [];
    const { service, close } = await createService({
      dbFile: tempDbFile(),
      emit: (_event, payload) => events.push(payload),
    });
    const files = ['describe-vpcs.json', 'describe-subnets.json'].map(sampleFile);
    const imported = await dispatch(service, 'importFiles', { name: 'two files', files });
    expect(imported).toMatchObject({ ok: true, value: { snapshot: { name: 'two files' } } });
    const { snapshot } = (imported as { value: { snapshot: { id: number; counts: Record<string, number> } } })
      .value;
    expect(snapshot.counts.vpcs).toBe(sampleCounts().vpcs);
    expect(events.map((e) => e.phase)).toContain('parsing');
    // Writing counts objects, and its last report says all of them are written.
    const objects = sampleCounts().vpcs + sampleCounts().subnets;
    expect(events.filter((e) => e.phase === 'writing').at(-1)).toMatchObject({
      done: objects,
      total: objects,
    });
    expect(events.at(-1)?.phase).toBe('done');
    expect(await dispatch(service, 'renameSnapshot', { id: snapshot.id, name: ' Renamed ' })).toMatchObject({
      ok: true,
      value: { name: 'Renamed' },
    });
    expect(await dispatch(service, 'deleteSnapshot', { id: snapshot.id })).toEqual({
      ok: true,
      value: { id: snapshot.id },
    });
    expect(await dispatch(service, 'listSnapshots', {})).toEqual({ ok: true, value: [] });
    close();
  });

  it('turns bad input into a value naming file and place, with every file outcome, and writes nothing', async () => {
    const dbFile = tempDbFile();
    const { service, close } = await createService({ dbFile, seedSampleFrom: sampleDir });
    const before = dumpDatabase(dbFile);
    const broken = { name: 'broken.json', data: new TextEncoder().encode('{"Subnets": [}') };
    const result = await dispatch(service, 'importFiles', {
      files: [sampleFile('describe-vpcs.json'), broken],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-input', file: 'broken.json', place: 'line 1, column 14' },
    });
    close();
    expect(dumpDatabase(dbFile)).toBe(before);
  });

  it('refuses an import in which no file is an AWS export', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    const notes = { name: 'notes.txt', data: new TextEncoder().encode('hello') };
    const result = await dispatch(service, 'importFiles', { files: [notes] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-input', files: [{ file: 'notes.txt', status: 'skipped' }] },
    });
    expect(await service.listSnapshots()).toEqual([]);
    close();
  });
});

describe('importPaths with flow logs on disk', () => {
  it('streams them from disk and reports each with its records, next to the AWS files', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    const { files, snapshot } = await service.importPaths([join(sampleDir, '..')]);
    const logs = files.filter((f) => f.kind === 'vpc-flow-logs');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((f) => f.status === 'imported' && f.records > 0)).toBe(true);
    expect(
      logs.every((f) => f.file.startsWith('sample/flowlogs/AWSLogs/') && /^[0-9a-f]{64}$/.test(f.sha256)),
    ).toBe(true);
    const model = await service.applications({ snapshotId: snapshot.id });
    expect(model.dependencies.some((d) => d.observed !== null)).toBe(true);
    close();
  });
});

describe('importFiles with a flow log among the files', () => {
  it('keeps the log’s note on skipped lines and their place, as the CLI shows for a log on disk', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile() });
    const log = [
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
      '2 123456789012 eni-1 10.20.16.77 10.20.32.176 8080 38275 6 36 32508 1795392205 1795392526 ACCEPT OK',
      '2 123456789012 eni-1 10.20.32.176 10.20.16.77 38275 notaport 6 36 13104 1795392205 1795392526 ACCEPT OK',
      '',
    ].join('\n');
    const files = [
      sampleFile('describe-vpcs.json'),
      { name: 'vpcflowlogs.log', data: new TextEncoder().encode(log) },
    ];
    const { files: outcomes } = await service.importFiles({ files });
    expect(outcomes.find((f) => f.file === 'vpcflowlogs.log')).toMatchObject({
      status: 'imported',
      kind: 'vpc-flow-logs',
      records: 1,
      reason: expect.stringContaining(
        '1 line skipped as not flow-log records, the first: dstport is "notaport"',
      ),
      place: 'line 3',
    });
    close();
  });
});
