import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../../main/core/impact/types';
import { runCli as run } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const plans = join(import.meta.dirname, '../../fixtures/terraform');
// The sample's rds-postgres group admits 5432 from order-api and from backend-shared (keys by position).
const postgres = 'sg-0619411f266f96a8d';

let db: string;
const file = (name: string, content: string) => {
  const path = join(dirname(db), name);
  writeFileSync(path, content);
  return path;
};
const closePostgres = () =>
  file(
    'CHANGE.json',
    JSON.stringify({
      title: 'Close postgres to the app tier',
      edits: [
        { op: 'remove-rule', rule: `${postgres}/ingress/0/0` },
        {
          op: 'remove-rule',
          rule: {
            groupId: postgres,
            direction: 'ingress',
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            peer: 'sg-0cf7caca1e2b8e64e',
          },
        },
      ],
    }),
  );

beforeEach(async () => {
  db = tempDbFile();
  expect((await run('import', '--db', db, join(sampleDir, '..'))).code).toBe(0);
});

describe('faultline impact', () => {
  it('exits 3 when a dependency breaks, with a Markdown report naming it and its owners', async () => {
    const { code, out } = await run('impact', '--db', db, '--change', closePostgres());
    expect(code).toBe(3);
    expect(out).toContain('# Change impact: Close postgres to the app tier');
    expect(out).toContain('**Risk: HIGH**');
    expect(out).toContain(
      '| order-api → orders-db tcp/5432 | orders → orders | **BREAKS** | 8 / 0 / 0 of 8 |',
    );
    expect(out).toMatch(/- \*\*commerce\*\*: .*order-api → orders-db tcp\/5432 breaks/);
    expect(out).toContain('- **data**: segment sg-0619411f266f96a8d (rds-postgres): ');
  });

  it('exits 3 when shoppers the flow logs saw would stop, though no declared dependency breaks', async () => {
    // The public load balancer's https rule; the shoppers are outside every service.
    const change = file(
      'CHANGE.json',
      JSON.stringify({ edits: [{ op: 'remove-rule', rule: 'sg-087cae23e80e9b59c/ingress/0/0' }] }),
    );
    const { code, out } = await run('impact', '--db', db, '--change', change);
    expect(code).toBe(3);
    expect(out).toContain('**Risk: HIGH**');
    expect(out).toMatch(
      /connections? from outside seen in the flow logs stops?: \d+\.\d+\.\d+\.\d+ → northwind-web-alb tcp 443/,
    );
    expect(out).toContain('## Connections from outside seen in the flow logs');
    expect(out).not.toContain('**BREAKS**');
  });

  it('writes JSON with a stable schema to --out', async () => {
    const out = join(dirname(db), 'impact.json');
    const { code, err } = await run(
      'impact',
      '--db',
      db,
      '--change',
      closePostgres(),
      '--format',
      'json',
      '--out',
      out,
    );
    expect(code).toBe(3);
    expect(err).toContain(`Wrote ${out} (risk high)`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ImpactReport;
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'subject',
      'risk',
      'changes',
      'dependencies',
      'flows',
      'segments',
      'exposure',
      'internetEgress',
      'outsideFlows',
      'approvers',
      'apps',
      'segmentNames',
      'notEvaluated',
      'figures',
    ]);
    expect(report.schemaVersion).toBe(2);
    expect(report.subject).toEqual({
      kind: 'change',
      title: 'Close postgres to the app tier',
      before: { snapshotId: 1, name: 'sample' },
      after: { snapshotId: null, name: 'sample with the change' },
    });
    expect(report.figures.dependenciesBroken).toBe(2);
    expect(report.segments.every((s) => s.toGroup === postgres && s.closed[0]?.from === 5432)).toBe(true);
  });

  it('exits 0 for a change that breaks nothing', async () => {
    const change = file(
      'CHANGE.json',
      JSON.stringify({ edits: [{ op: 'remove-rule', rule: `${postgres}/ingress/0/0` }] }),
    );
    const { code, out } = await run('impact', '--db', db, '--change', change);
    expect(code).toBe(0);
    expect(out).toContain('**Risk: LOW**');
  });

  it('refuses a change naming what the snapshot lacks, with the place in CHANGE.json; exit 1', async () => {
    const change = file(
      'CHANGE.json',
      JSON.stringify({
        edits: [{ op: 'add-group', eni: 'eni-06aeba120f9f0cbc2', groupId: 'sg-0000000000000000' }],
      }),
    );
    const { code, err } = await run('impact', '--db', db, '--change', change);
    expect(code).toBe(1);
    expect(err).toBe(
      'faultline: CHANGE.json $.edits[0].groupId: no security group sg-0000000000000000 in this snapshot\n',
    );
    const wrongShape = file('CHANGE.json', JSON.stringify({ edits: [{ op: 'remove-rule' }] }));
    const refused = await run('impact', '--db', db, '--change', wrongShape);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^faultline: CHANGE\.json \$\.edits\[0\]\.rule: /);
  });

  it('says which file it cannot read or write; exit 1', async () => {
    const missing = join(dirname(db), 'missing.json');
    expect(await run('impact', '--db', db, '--plan', missing)).toMatchObject({
      code: 1,
      err: `faultline: cannot read ${missing}: ENOENT\n`,
    });
    const out = join(dirname(db), 'no-such-folder', 'impact.md');
    expect(await run('impact', '--db', db, '--change', closePostgres(), '--out', out)).toMatchObject({
      code: 1,
      err: `faultline: cannot write ${out}: ENOENT\n`,
    });
    const notAPlan = file('plan.json', JSON.stringify({ Vpcs: [] }));
    const refused = await run('impact', '--db', db, '--plan', notAPlan);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('plan.json is not the output of `terraform show -json PLANFILE`');
  });

  it('reads a Terraform plan, and says what it could not evaluate', async () => {
    const { code, out } = await run('impact', '--db', db, '--plan', join(plans, 'sample-plan.json'));
    expect(code).toBe(3);
    expect(out).toContain('# Change impact: Terraform plan sample-plan.json: 3 network resource change(s)');
    expect(out).toContain('## Not evaluated');
    expect(out).toContain(
      '- `aws_vpc_security_group_ingress_rule.orders_db_from_proxy`: referenced_security_group_id is known only after apply (create); what it declares cannot be matched to the snapshot',
    );
    expect(out).toContain('- 1 part of the change cannot be evaluated');
  });

  it('reads a plan that Windows PowerShell saved (UTF-16, CRLF) as the same plan in UTF-8', async () => {
    const text = readFileSync(join(plans, 'sample-plan.json'), 'utf8').replace(/\n/g, '\r\n');
    const path = join(dirname(db), 'sample-plan.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const windows = await run('impact', '--db', db, '--plan', path);
    const utf8 = await run('impact', '--db', db, '--plan', join(plans, 'sample-plan.json'));
    expect(windows.err).toBe('');
    expect(windows).toEqual(utf8);
  });

  it('compares two snapshots: rules, membership and reachability', async () => {
    const folder = join(dirname(db), 'week-later');
    // The whole sample, so the newer snapshot has the same catalog and flow logs.
    cpSync(join(sampleDir, '..'), folder, { recursive: true });
    const groupsFile = join(folder, 'aws', 'describe-security-groups.json');
    const groups = JSON.parse(readFileSync(groupsFile, 'utf8'));
    const rds = groups.SecurityGroups.find((g: { GroupId: string }) => g.GroupId === postgres);
    rds.IpPermissions = [];
    writeFileSync(groupsFile, JSON.stringify(groups, null, 4));
    const enisFile = join(folder, 'aws', 'describe-network-interfaces.json');
    const enis = JSON.parse(readFileSync(enisFile, 'utf8'));
    const eni = enis.NetworkInterfaces.find(
      (n: { NetworkInterfaceId: string }) => n.NetworkInterfaceId === 'eni-06aeba120f9f0cbc2',
    );
    eni.Groups.push({ GroupName: 'ops-ssh-legacy', GroupId: 'sg-0c79fbd2fa97c9242' });
    writeFileSync(enisFile, JSON.stringify(enis, null, 4));
    expect((await run('import', '--db', db, '--name', 'week later', folder)).code).toBe(0);
    const { code, out } = await run('impact', '--db', db, '--compare', '1', '2', '--json');
    expect(code).toBe(3);
    const report = JSON.parse(out) as ImpactReport;
    expect(report.subject).toMatchObject({
      kind: 'compare',
      before: { snapshotId: 1 },
      after: { snapshotId: 2, name: 'week later' },
    });
    expect(report.changes.rules.removed.map((r) => r.text)).toEqual([
      `${postgres} ingress tcp 5432 from sg-0dd0baa66bc0f6db5`,
      `${postgres} ingress tcp 5432 from sg-0cf7caca1e2b8e64e`,
    ]);
    expect(report.changes.workloads).toEqual([
      {
        workloadId: 'eni-06aeba120f9f0cbc2',
        change: 'groups',
        text: 'sg-0dd0baa66bc0f6db5, sg-0cf7caca1e2b8e64e → sg-0dd0baa66bc0f6db5, sg-0cf7caca1e2b8e64e, sg-0c79fbd2fa97c9242',
        groupsAdded: ['sg-0c79fbd2fa97c9242'],
        groupsRemoved: [],
      },
    ]);
    expect(report.dependencies.filter((d) => d.effect === 'breaks').map((d) => `${d.from}>${d.to}`)).toEqual([
      'order-api>orders-db',
      'order-worker>orders-db',
    ]);
  });

  it('checks its usage: one subject, pdf needs --out; exit 2', async () => {
    const both = await run('impact', '--db', db, '--change', closePostgres(), '--plan', 'x.json');
    expect(both.code).toBe(2);
    expect(both.err).toContain(
      'give one of --plan PLAN.json, --change CHANGE.json or --compare SNAP_A SNAP_B',
    );
    expect((await run('impact', '--db', db, '--change', closePostgres(), '--format', 'pdf')).code).toBe(2);
    expect((await run('impact', '--db', db, '--compare', '1')).code).toBe(2);
    expect((await run('impact', '--db', db, '--change', closePostgres(), '--format', 'docx')).code).toBe(2);
  });

  it('prints a PDF through Chromium, with the report text on its pages', async (context) => {
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chromium) || !existsSync('/usr/bin/pdftotext')) {
      console.log(`skipped: needs ${chromium} and pdftotext (apt-get install chromium poppler-utils)`);
      context.skip();
    }
    const pdf = join(dirname(db), 'impact.pdf');
    const { code } = await run(
      'impact',
      '--db',
      db,
      '--change',
      closePostgres(),
      '--format',
      'pdf',
      '--out',
      pdf,
    );
    expect(code).toBe(3);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    const page = (n: number) =>
      execFileSync('pdftotext', ['-f', `${n}`, '-l', `${n}`, pdf, '-'], { encoding: 'utf8' });
    // The verdict comes first, on page 1; the evidence follows, in the order of the HTML report.
    expect(page(1)).toContain('Change impact: Close postgres to the app tier');
    expect(page(1)).toContain('Risk: HIGH');
    expect(page(1)).toContain('2 dependencies break: order-api → orders-db tcp/5432');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const sections = [
      'Approvals needed',
      'Dependencies whose verdict changes',
      'Flows whose verdict changes',
      'What changes',
    ];
    const at = sections.map((title) => text.indexOf(title));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(page(pages)).not.toBe('');
  }, 120_000);

  it('says clearly when PDF output has no Chromium', async () => {
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const pdf = join(dirname(db), 'impact.pdf');
      const { code, err } = await run(
        'impact',
        '--db',
        db,
        '--change',
        closePostgres(),
        '--format',
        'pdf',
        '--out',
        pdf,
      );
      expect(code).toBe(1);
      expect(err).toBe('faultline: CHROMIUM_PATH names /nonexistent/chromium, which does not exist\n');
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
  });
});
