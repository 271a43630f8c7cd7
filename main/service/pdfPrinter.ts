/**
 * Prints a self-contained HTML page to PDF: Electron's printToPDF in the app (the main process owns
 * the windows, so the worker asks it), headless Chromium for the CLI and the browser-test bridge.
 */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** Nothing here can print PDFs (no Chromium found, or it failed): the environment's to fix. */
export class PdfError extends Error {
  override readonly name = 'PdfError';
}
