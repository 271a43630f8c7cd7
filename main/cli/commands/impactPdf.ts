import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** A browser needed for PDF output is missing or failed: the user's environment to fix. */
export class PdfError extends Error {
  override readonly name = 'PdfError';
}

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
 * Prints an HTML page to PDF with headless Chromium, as Electron's printToPDF does in the app. The page
 * is self-contained and the flags keep Chromium off the network and out of the user's profile.
 */
export function printPdf(html: string, outFile: string, chromium = findChromium()): void {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-pdf-'));
  try {
    const page = join(dir, 'impact.html');
    writeFileSync(page, html);
    const run = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${outFile}`,
        pathToFileURL(page).href,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.error) throw new PdfError(`${chromium} could not be run: ${run.error.message}`);
    if (run.status !== 0 || !existsSync(outFile) || statSync(outFile).size === 0)
      throw new PdfError(
        `${chromium} did not print the PDF (exit ${run.status}): ${run.stderr.trim().slice(-500)}`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
