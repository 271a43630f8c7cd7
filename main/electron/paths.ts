import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { appRendererUrl } from './rendererUrl';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Where the app's pieces are, in development (`electron-vite dev/preview`) and when packaged. */
export const appPaths = {
  preload: join(here, '../preload/index.cjs'),
  worker: join(here, 'worker.js'),
  /** `electron-vite dev` serves the page itself; otherwise the app protocol serves rendererRoot. */
  rendererUrl: (): string => process.env.ELECTRON_RENDERER_URL ?? appRendererUrl,
  rendererRoot: join(here, '../renderer'),
  sample: (): string =>
    app.isPackaged ? join(process.resourcesPath, 'sample') : join(app.getAppPath(), 'resources', 'sample'),
  workspace: (): string => join(app.getPath('userData'), 'workspace.faultline.db'),
  /**
   * better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs, kept outside
   * node_modules so the Node build that tests and the CLI use is never replaced. A packaged app
   * carries a binary rebuilt for Electron in place, so it needs none.
   */
  nativeBinding: (): string | null => {
    if (app.isPackaged) return null;
    const file = join(
      app.getAppPath(),
      '.native',
      `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
      'better_sqlite3.node',
    );
    return existsSync(file) ? file : null;
  },
};
