import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PdfError, type PdfPrinter } from './pdfPrinter';

const run = promisify(execFile);

/**
 * Headless, and kept off the network and out of the user's setup: the flags every Chromium that
 * Faultline or its tests start runs with.
 */
export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where Chromium or Chrome usually is; CHROMIUM_PATH wins. */
const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new PdfError(`CHROMIUM_PATH names ${named}, which does not exist`);
    return named;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined)
    throw new PdfError(
      `PDF output needs Chromium or Chrome, and none was found (looked in ${candidates.join(', ')}). ` +
        'Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; or use --format html and print that.',
    );
  return found;
}

/**
 * Prints with headless Chromium, as Electron's printToPDF does in the app. The page is self-contained
 * and the flags keep Chromium off the network and out of the user's profile. Chromium is looked for
 * when the first PDF is asked for, so a machine without it only fails that request.
 */
export function chromiumPdfPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter {
  return async (html) => {
    const chromium = findChromium(env);
    const dir = await mkdtemp(join(tmpdir(), 'faultline-pdf-'));
    try {
      const page = join(dir, 'report.html');
      const outFile = join(dir, 'report.pdf');
      await writeFile(page, html);
      try {
        await run(
          chromium,
          [
            ...chromiumFlags,
            '--no-pdf-header-footer',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--print-to-pdf=${outFile}`,
            pathToFileURL(page).href,
          ],
          { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        );
      } catch (error) {
        const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
        throw new PdfError(`${chromium} did not print the PDF: ${stderr.slice(-500) || String(error)}`);
      }
      const data = await readFile(outFile).catch(() => null);
      if (!data || data.length === 0) throw new PdfError(`${chromium} printed no PDF`);
      return new Uint8Array(data);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
