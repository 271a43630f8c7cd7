import type { ApiEventName, ApiEvents, ApiMethodName, Result } from '../../preload/contract';

/** Messages between the Electron main process and the service worker (a utilityProcess). */
export interface WorkerInit {
  readonly type: 'init';
  readonly dbFile: string;
  readonly seedSampleFrom: string | null;
  readonly nativeBinding: string | null;
}

export interface WorkerCall {
  readonly type: 'call';
  readonly id: number;
  readonly method: ApiMethodName;
  readonly args: unknown;
}

export type ToWorker = WorkerInit | WorkerCall;

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | {
      readonly [E in ApiEventName]: {
        readonly type: 'event';
        readonly event: E;
        readonly payload: ApiEvents[E];
      };
    }[ApiEventName];
