import type { FaultlineApi } from '../../preload/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser, where the HTTP bridge client is used. */
    readonly faultline?: FaultlineApi;
  }
}
