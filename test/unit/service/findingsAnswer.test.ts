import { describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

describe('the findings the window receives', () => {
  it("are the report's findings, filtered alike, without their evidence", async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    try {
      const filter = { severities: ['high' as const] };
      const answer = await dispatch(service, 'findings', filter);
      if (!answer.ok) throw new Error(answer.error.message);
      const value = answer.value as Awaited<ReturnType<typeof service.findings>>;
      const report = await service.findingsReport(filter);
      expect(value.findings.length).toBeGreaterThan(0);
      expect(value.findings.some((f) => 'evidence' in f)).toBe(false);
      expect(value.findings).toEqual(report.findings.map(({ evidence: _evidence, ...rest }) => rest));
      expect(value.alignment).toEqual(report.alignment);
      expect(report.findings.every((f) => f.evidence !== undefined)).toBe(true);
    } finally {
      close();
    }
  });
});
