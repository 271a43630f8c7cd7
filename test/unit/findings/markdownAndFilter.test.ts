import { describe, expect, it } from 'vitest';
import { filterFindings } from '../../../main/core/findings/filter';
import { findingsMarkdown } from '../../../main/core/findings/markdown';
import type { AlignmentFigures, Finding } from '../../../main/core/findings/types';

const finding = (
  id: string,
  kind: Finding['kind'],
  severity: Finding['severity'],
  owners: string[],
): Finding => ({
  id,
  kind,
  severity,
  title: `title of ${id}`,
  explanation: `why ${id} matters`,
  objects: [{ type: 'security-group', id: `sg-${id}`, label: `sg-${id} (name)` }],
  owners,
  evidence: {
    rules: [
      {
        kind: 'security-group-rule',
        groupId: `sg-${id}`,
        ruleKey: 'k',
        direction: 'ingress',
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        peer: '0.0.0.0/0',
        source: { file: 'groups.json', path: '$.SecurityGroups[0].IpPermissions[0]' },
      },
    ],
    dependencies: [],
    flows: [],
    figures: { apps: 3 },
  },
  suggestion: id === 'a' ? 'split the group' : null,
});

const findings = [
  finding('a', 'shared-segment', 'high', ['platform', 'web']),
  finding('b', 'exposure', 'medium', ['Web']),
  finding('c', 'unused-rule', 'low', []),
];
const alignment: AlignmentFigures = {
  dependenciesAllowed: { allowed: 42, total: 44 },
  rulesUsed: { used: 30, total: 60 },
  segmentsPerApp: [{ app: 'orders', segments: 5 }],
  appsPerSegment: [{ groupId: 'sg-a', apps: 4 }],
  ownersPerSegment: [{ groupId: 'sg-a', owners: 4 }],
};

describe('filterFindings', () => {
  it('filters by kind, severity, owner (any case) and object', () => {
    expect(filterFindings(findings, { kinds: ['exposure', 'unused-rule'] }).map((f) => f.id)).toEqual([
      'b',
      'c',
    ]);
    expect(filterFindings(findings, { severities: ['high'] }).map((f) => f.id)).toEqual(['a']);
    expect(filterFindings(findings, { owner: 'web' }).map((f) => f.id)).toEqual(['a', 'b']);
    expect(filterFindings(findings, { objectId: 'sg-c' }).map((f) => f.id)).toEqual(['c']);
    expect(filterFindings(findings, {})).toHaveLength(3);
  });
});

describe('findingsMarkdown', () => {
  it('writes the alignment table and each finding under its kind with rules, owners and suggestion', () => {
    const md = findingsMarkdown('Northwind', findings, alignment);
    expect(md).toMatch(/^# Faultline findings: Northwind\n/);
    expect(md).toContain('| Dependencies the policy allows | 42 of 44 (95%) |');
    expect(md).toContain('| Rules some dependency uses | 30 of 60 (50%) |');
    expect(md).toContain('## Shared segments (change scope) (1)');
    expect(md).toContain('### HIGH: title of a');
    expect(md).toContain('- Suggestion: split the group');
    expect(md).toContain(
      '  - `sg-a ingress tcp 22-22 from 0.0.0.0/0` (`groups.json $.SecurityGroups[0].IpPermissions[0]`)',
    );
    expect(md).toContain('- Owners: none recorded');
    expect(md.indexOf('## Shared segments')).toBeLessThan(md.indexOf('## Exposure'));
    expect(findingsMarkdown('x', [], alignment)).toContain('No findings.');
  });
});
