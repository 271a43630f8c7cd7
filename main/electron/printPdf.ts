import { BrowserWindow } from 'electron';

/**
 * Electron's printToPDF on a hidden window that runs no script and loads the self-contained report
 * from a data URL: the report's own CSP blocks every fetch, and the window gets the same guards as
 * every other (hardenApp).
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      // As for the main window: no middle-click opening links past the navigation guards.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}
