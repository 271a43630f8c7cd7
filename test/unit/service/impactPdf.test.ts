import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumPdfPrinter } from '../../../main/service/chromiumPdf';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const change = { edits: [{ op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' }] };
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('impactPdf', () => {
  it('answers unavailable, with what to do instead, where nothing can print', async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sampleDir });
    expect(await dispatch(service, 'impactPdf', { change })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('download the HTML report') },
    });
    close();
  });

  it('answers unavailable when the Chromium it was told to use is missing', async () => {
    const printPdf = chromiumPdfPrinter({ CHROMIUM_PATH: '/nonexistent/chromium' });
    const { service, close } = await createService({
      dbFile: tempDbFile(),
      seedSampleFrom: sampleDir,
      printPdf,
    });
    expect(await dispatch(service, 'impactPdf', { change })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('/nonexistent/chromium') },
    });
    close();
  });

  it.skipIf(!existsSync(chromium))(
    'prints the HTML report with headless Chromium',
    async () => {
      const printPdf = chromiumPdfPrinter({ CHROMIUM_PATH: chromium });
      const { service, close } = await createService({
        dbFile: tempDbFile(),
        seedSampleFrom: sampleDir,
        printPdf,
      });
      const result = await dispatch(service, 'impactPdf', { change });
      close();
      if (!result.ok) throw new Error(result.error.message);
      const { data, fileName, report } = result.value as {
        data: Uint8Array;
        fileName: string;
        report: { risk: { level: string } };
      };
      expect(new TextDecoder().decode(data.slice(0, 5))).toBe('%PDF-');
      expect(data.length).toBeGreaterThan(10_000);
      expect(fileName).toMatch(
        new RegExp(`^faultline-impact-${report.risk.level}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d\\.pdf$`),
      );
    },
    120_000,
  );
});
