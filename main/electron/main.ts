/**
 * The Electron main process: a thin shell. It opens one hardened window, starts the service in a
 * utilityProcess and relays contract calls and events between the two. No domain logic lives here.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { forwardEvents, registerApiHandlers } from './ipc';
import { appPaths } from './paths';
import { printHtmlToPdf } from './printPdf';
import { hardenApp, hardenSession } from './security';
import { WorkerClient } from './workerClient';

// Tests and portable setups point the app at their own data directory.
if (process.env.FAULTLINE_USER_DATA) app.setPath('userData', process.env.FAULTLINE_USER_DATA);
app.enableSandbox();
hardenApp();
registerAppScheme();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Faultline',
    webPreferences: {
      preload: appPaths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows past will-navigate.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveRenderer(appPaths.rendererRoot);
  const window = createWindow();
  const worker = WorkerClient.start(
    appPaths.worker,
    {
      type: 'init',
      dbFile: appPaths.workspace(),
      seedSampleFrom: appPaths.sample(),
      nativeBinding: appPaths.nativeBinding(),
    },
    forwardEvents(window),
    printHtmlToPdf,
  );
  const rendererUrl = appPaths.rendererUrl();
  registerApiHandlers(worker, rendererUrl);
  await window.loadURL(rendererUrl);
  app.on('before-quit', () => worker.stop());
  worker.whenReady().catch((error: Error) => {
    dialog.showErrorBox(
      'Faultline could not open its workspace',
      `${appPaths.workspace()}\n\n${error.message}`,
    );
  });
}

app.on('window-all-closed', () => app.quit());
start().catch((error: Error) => {
  dialog.showErrorBox('Faultline failed to start', error.stack ?? error.message);
  app.exit(1);
});
