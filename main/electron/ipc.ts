import { type BrowserWindow, ipcMain } from 'electron';
import { apiMethodNames, eventChannel, methodChannel, type Result } from '../../preload/contract';
import { toApiError } from '../service/dispatch';
import { argumentSchemas } from '../service/validation';
import { isTrustedSender } from './security';
import type { WorkerClient } from './workerClient';

/**
 * One handler per contract method. Arguments are validated here, at the boundary, before they
 * reach the worker; answers are always Result values because Electron mangles thrown errors.
 */
export function registerApiHandlers(worker: WorkerClient, rendererUrl: string): void {
  for (const method of apiMethodNames) {
    ipcMain.handle(methodChannel(method), async (event, args: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return {
          ok: false,
          error: { code: 'invalid-argument', message: 'Request from an untrusted frame.' },
        };
      }
      const parsed = argumentSchemas[method].safeParse(args ?? {});
      if (!parsed.success) return { ok: false, error: toApiError(method, parsed.error) };
      return worker.call(method, parsed.data);
    });
  }
}

export function forwardEvents(window: BrowserWindow): Parameters<typeof WorkerClient.start>[2] {
  return (event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
  };
}
