import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { renderImpact } from '../../../main/core/impact/report/index';
import { changeImpact } from '../../../main/core/impact/requests';
import { shopEstate, shopSide } from './shop';

/** A title and a group name as hostile as an export or a change file could make them. */
async function hostileReport() {
  const estate = await shopEstate();
  const named = {
    ...estate,
    securityGroups: estate.securityGroups.map((g) =>
      g.id === 'sg-db' ? { ...g, name: '"><script>alert(1)</script>' } : g,
    ),
  };
  return changeImpact(
    { ...shopSide(named), snapshotId: 1, name: 'shop <b>prod</b>' },
    { title: '<img src=x onerror=alert(1)>', edits: [{ op: 'remove-rule', rule: 'sg-db/ingress/0/0' }] },
    defaultTagKeys,
  );
}

interface Names {
  readonly app: string;
  readonly group: string;
  readonly team: string;
  readonly snapshot: string;
  readonly title: string;
}

/** The shop with `shop` (app), `db` (sg-db's name), `dba` (its team), the snapshot and the title renamed. */
async function renamedReport(names: Names) {
  const estate = await shopEstate();
  const named = {
    ...estate,
    workloads: estate.workloads.map((w) =>
      w.tags.app === 'shop' ? { ...w, tags: { ...w.tags, app: names.app } } : w,
    ),
    securityGroups: estate.securityGroups.map((g) =>
      g.id === 'sg-db' ? { ...g, name: names.group, tags: { team: names.team } } : g,
    ),
  };
  return changeImpact(
    { ...shopSide(named), snapshotId: 1, name: names.snapshot },
    { title: names.title, edits: [{ op: 'remove-rule', rule: 'sg-db/ingress/0/0' }] },
    defaultTagKeys,
  );
}

describe('impact reports', () => {
  it('show the bidirectional controls of imported names instead of letting them reorder lines', async () => {
    // Trojan Source (CVE-2021-42574): each name holds a control that would reorder the rest of its line.
    const report = await renamedReport({
      app: 'shop\u202E',
      group: 'db\u2067',
      team: 'dba\u200F',
      snapshot: 'shop\u061C prod',
      title: 'Close\u202Edb',
    });
    const [md, html] = [renderImpact(report, 'md'), renderImpact(report, 'html')];
    for (const text of [md, html]) expect(text).not.toMatch(/\p{Bidi_Control}/u);
    expect(md).toContain('# Change impact: Close\\<U+202E\\>db');
    expect(md).toContain('(shop\\<U+061C\\> prod → shop\\<U+061C\\> prod with the change)');
    expect(md).toContain('| web → db tcp/5432 | shop\\<U+202E\\> → data | **BREAKS** |');
    expect(md).toContain('- **dba\\<U+200F\\>**: ');
    expect(md).toContain('no ingress rule of sg-db (db\\<U+2067\\>) allows tcp/5432');
    expect(html).toContain('<h1>Change impact: Close&lt;U+202E&gt;db</h1>');
    expect(html).toContain('<td>shop&lt;U+202E&gt; → data</td>');
    expect(html).toContain('<li><b>dba&lt;U+200F&gt;</b>: ');
  });

  it('HTML escapes every text from the export and the change, and loads nothing', async () => {
    const html = renderImpact(await hostileReport(), 'html');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('Markdown shows the addresses in imported names as code, where GFM links nothing', async () => {
    const report = await renamedReport({
      app: 'shop www.evil.example',
      group: 'db [ok](https://evil.example/approve)',
      team: 'dba HTTP://evil.example',
      snapshot: 'shop ftp://evil.example/x',
      title: 'Close db, see (www.evil.example)',
    });
    const md = renderImpact(report, 'md');
    // Every address is inside a code span: none is left where the autolink extension looks.
    const outsideCode = md.replace(/(`+)[^`]*?\1/g, '');
    expect(outsideCode).not.toMatch(/:\/\/|www\./i);
    expect(md).toContain('# Change impact: Close db, see `(www.evil.example)`');
    expect(md).toContain('(shop `ftp://evil.example/x` → shop `ftp://evil.example/x` with the change)');
    expect(md).toContain('| web → db tcp/5432 | shop `www.evil.example` → data | **BREAKS** |');
    expect(md).toContain('- **dba `HTTP://evil.example`**: ');
    expect(md).toContain(
      // The word's own brackets stay in the code span; the report's `)`, which closes nothing of it, not.
      'no ingress rule of sg-db (db `[ok](https://evil.example/approve)`) allows tcp/5432',
    );
  });

  it('Markdown leads with the risk, its reasons and the figures, then the evidence', async () => {
    const md = renderImpact(await hostileReport(), 'md');
    expect(md.split('\n').slice(0, 8)).toEqual([
      '# Change impact: \\<img src=x onerror=alert(1)\\>',
      '',
      '**Risk: HIGH** (shop \\<b\\>prod\\</b\\> → shop \\<b\\>prod\\</b\\> with the change)',
      '',
      '- 1 dependency breaks: web → db tcp/5432',
      '',
      '| Figure | Value |',
      '| --- | --- |',
    ]);
    expect(md).toContain(
      '| web → db tcp/5432 | shop → data | **BREAKS** | 2 / 0 / 0 of 2 | eni-web1 → eni-db: sg-ingress: no ingress rule of sg-db ("><script>alert(1)</script>) allows tcp/5432 from 10.0.1.10 |'.replace(
        '"><script>alert(1)</script>',
        '"\\>\\<script\\>alert(1)\\</script\\>',
      ),
    );
    expect(md).toContain('- Rule removed: `sg-db ingress tcp 5432 from sg-web` (sg-db/ingress/0/0)');
    expect(md).not.toContain('## Not evaluated');
  });

  it("names a workload's groups once in what changes", async () => {
    const estate = await shopEstate();
    const report = await changeImpact(
      { ...shopSide(estate), snapshotId: 1, name: 'shop' },
      { edits: [{ op: 'add-group', eni: 'eni-ops', groupId: 'sg-web' }] },
      defaultTagKeys,
    );
    expect(renderImpact(report, 'md')).toContain('- Workload eni-ops groups: sg-ops → sg-ops, sg-web\n');
  });

  it('JSON is the report itself', async () => {
    const report = await hostileReport();
    expect(JSON.parse(renderImpact(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
