import { describe, expect, it } from 'vitest';
import { findingsMarkdown } from '../../../main/core/findings/markdown';
import { markdownCode, markdownText } from '../../../main/core/findings/markdownText';
import type { AlignmentFigures, Finding } from '../../../main/core/findings/types';

describe('imported text in Markdown reports', () => {
  it('cannot become a link, an image, HTML, a code span or a heading', () => {
    expect(markdownText('storefront [Approved by SecOps](https://attacker.example/approve)')).toBe(
      'storefront \\[Approved by `SecOps](https://attacker.example/approve)`',
    );
    expect(markdownText('![status](https://attacker.example/pixel.png) legacy ssh')).toBe(
      '`![status](https://attacker.example/pixel.png)` legacy ssh',
    );
    expect(markdownText('<b onmouseover=alert(1)>x</b>')).toBe('\\<b onmouseover=alert(1)\\>x\\</b\\>');
    expect(markdownText('mobile\n\n## Approvals: none needed')).toBe('mobile  ## Approvals: none needed');
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('a `tick` and a \\ and *stars*')).toBe('a \\`tick\\` and a \\\\ and \\*stars\\*');
    expect(markdownText('sg_web_1 rule #100')).toBe('sg_web_1 rule #100');
  });

  it('shows a bare address as code, which the GFM autolink extension leaves alone', () => {
    expect(markdownText('ops https://evil.example/approve')).toBe('ops `https://evil.example/approve`');
    // Punctuation the sentence owns stays out of the span, as GFM leaves it out of a link.
    expect(markdownText('("from s3://bucket and https://a.example/b").')).toBe(
      '("from `s3://bucket` and `https://a.example/b`").',
    );
    expect(markdownText('wiki https://w.example/Foo_(bar), ok')).toBe(
      'wiki `https://w.example/Foo_(bar)`, ok',
    );
    expect(markdownText('see www.evil.example, or HTTP://EVIL.example')).toBe(
      'see `www.evil.example`, or `HTTP://EVIL.example`',
    );
    expect(markdownText('web | ops ** <b>bold</b> [ok](https://evil.example)')).toBe(
      'web | ops \\*\\* \\<b\\>bold\\</b\\> `[ok](https://evil.example)`',
    );
    expect(markdownText('(ftp://e.example/`x`)')).toBe('``(ftp://e.example/`x`)``');
  });

  it('shows bidirectional and control characters instead of letting them reorder or drive the display', () => {
    const controls = [
      0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    for (const control of controls) {
      const name = `shop${String.fromCodePoint(control)}evil`;
      const shown = `<U+${control.toString(16).toUpperCase().padStart(4, '0')}>`;
      expect(markdownText(name)).toBe(`shop\\${shown.slice(0, -1)}\\>evil`);
      expect(markdownCode(name)).toBe(`\`shop${shown}evil\``);
    }
    expect(markdownText('web\u001b[2Jx')).toBe('web\\<U+001B\\>\\[2Jx');
    expect(markdownCode('a\tb\r\nc')).toBe('`a<U+0009>b c`');
  });

  it('leaves ordinary names as they are, right-to-left letters included', () => {
    for (const name of [
      'arn:aws:iam::123456789012:role/web.api',
      'café-東京',
      'متجر',
      '10.0.1.0/24',
      'a.b_c:d',
    ])
      expect(markdownText(name)).toBe(name);
  });

  it('keeps a backtick inside a code span from closing it', () => {
    expect(markdownCode('sg-1 ingress tcp 22')).toBe('`sg-1 ingress tcp 22`');
    expect(markdownCode('web `x` [y](z)')).toBe('``web `x` [y](z)``');
    expect(markdownCode('`edge')).toBe('`` `edge ``');
  });

  it('holds in the findings report', () => {
    const finding: Finding = {
      id: 'exposure:sg-1/ingress/0/0',
      kind: 'exposure',
      severity: 'high',
      title: 'tcp 22 open through sg-1 ([Approved](https://attacker.example))',
      explanation: 'x\n## Approvals: none needed',
      objects: [{ kind: 'security-group', id: 'sg-1', label: '<img src=x>' }],
      owners: ['mobile\n\n## forged'],
      evidence: { rules: [], dependencies: [], flows: [], figures: {} },
      suggestion: null,
    } as unknown as Finding;
    const alignment = {
      dependenciesAllowed: { allowed: 0, total: 0 },
      rulesUsed: { used: 0, total: 0 },
      segmentsPerApp: [],
      appsPerSegment: [],
    } as unknown as AlignmentFigures;
    const md = findingsMarkdown('estate', [finding], alignment);
    expect(md).not.toMatch(/\n#+ (Approvals|forged)/);
    expect(md).toContain('sg-1 `([Approved](https://attacker.example))`');
    expect(md).toContain('`sg-1` (\\<img src=x\\>)');
    expect(md).toContain('- Owners: mobile  ## forged');
  });
});
