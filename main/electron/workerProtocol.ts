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

/** The answer to a `print` request: the PDF, or why Electron could not print it. */
export interface WorkerPrinted {
  readonly type: 'printed';
  readonly id: number;
  readonly result:
    | { readonly ok: true; readonly data: Uint8Array }
    | { readonly ok: false; readonly message: string };
}

export type ToWorker = WorkerInit | WorkerCall | WorkerPrinted;

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  /** Only the main process has windows to print with, so the worker asks it. */
  | { readonly type: 'print'; readonly id: number; readonly html: string }
  | {
      readonly [E in ApiEventName]: {
        readonly type: 'event';
        readonly event: E;
        readonly payload: ApiEvents[E];
      };
    }[ApiEventName];

/** TypeScript cannot tie a generic event name to its member of the union above, hence the one cast. */
export function eventMessage<E extends ApiEventName>(event: E, payload: ApiEvents[E]): FromWorker {
  return { type: 'event', event, payload } as FromWorker;
}
