/**
 * Exposes exactly the contract's methods and event subscription as `window.faultline`. Nothing
 * else of Electron reaches the page: no generic invoke, no ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  type ApiEventName,
  type ApiEvents,
  type ApiMethodName,
  apiEventNames,
  apiMethodNames,
  eventChannel,
  type FaultlineApi,
  methodChannel,
} from './contract';

const methods = Object.fromEntries(
  apiMethodNames.map((method) => [
    method,
    (args: unknown) => ipcRenderer.invoke(methodChannel(method), args),
  ]),
) as Pick<FaultlineApi, ApiMethodName>;

const api = {
  ...methods,
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    if (!(apiEventNames as readonly string[]).includes(event))
      throw new Error(`Unknown event ${String(event)}`);
    const channel = eventChannel(event);
    const relay = (_event: unknown, payload: ApiEvents[E]) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => ipcRenderer.removeListener(channel, relay);
  },
} satisfies FaultlineApi;

contextBridge.exposeInMainWorld('faultline', api);
