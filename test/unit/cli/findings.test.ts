import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FindingsReport } from '../../../main/core/findings/types';
import { runCli } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const run = runCli;

let db: string;
beforeEach(async () => {
  db = tempDbFile();
  expect((await run('import', '--db', db, join(sampleDir, '..'))).code).toBe(0);
});

describe('faultline findings on the bundled sample', () => {
  it('prints every finding and the alignment figures as JSON', async () => {
    const { code, out } = await run('findings', '--db', db, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as FindingsReport;
    expect(new Set(report.findings.map((f) => f.kind)).size).toBe(7);
    expect(report.alignment.dependenciesAllowed).toEqual({ allowed: 39, total: 42 });
    // The report keeps each finding's evidence, which the window's answer leaves out.
    expect(report.findings.every((f) => Array.isArray(f.evidence.rules))).toBe(true);
    expect(report.findings.some((f) => f.evidence.rules.some((rule) => rule.source.file !== ''))).toBe(true);
  });

  it('filters by kind, severity and owner', async () => {
    const { out } = await run('findings', '--db', db, '--json', '--kind', 'exposure', '--severity', 'high');
    const report = JSON.parse(out) as FindingsReport;
    expect(report.findings.map((f) => f.id)).toEqual(['exposure:sg-0decd7467bc472ade/ingress/0/0']);
    const byOwner = JSON.parse(
      (await run('findings', '--db', db, '--json', '--owner', 'supply')).out,
    ) as FindingsReport;
    expect(byOwner.findings.length).toBeGreaterThan(0);
    expect(byOwner.findings.every((f) => f.owners.includes('supply'))).toBe(true);
  });

  it('writes a Markdown report with a section per finding and the alignment table', async () => {
    const { code, out } = await run('findings', '--db', db, '--md');
    expect(code).toBe(0);
    expect(out).toMatch(/^# /);
    expect(out).toContain('order-api → payment-gateway tcp/8443');
    expect(out).toContain('sg-058eef32796b1e7cd');
  });

  it('prints a table by default and rejects unknown kinds and --json with --md as usage errors', async () => {
    const table = await run('findings', '--db', db);
    expect(table.out.split('\n')[0]).toMatch(/SEVERITY\s+KIND\s+FINDING\s+OWNERS/);
    const badKind = await run('findings', '--db', db, '--kind', 'nonsense');
    expect(badKind.code).toBe(2);
    expect(badKind.err).toContain('--kind takes blocked-dependency');
    expect((await run('findings', '--db', db, '--json', '--md')).code).toBe(2);
  });
});
