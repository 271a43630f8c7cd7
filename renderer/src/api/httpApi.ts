import { callPath, decodeWire, encodeWire, eventsPath } from '../../../preload/bridgeWire';
import {
  type ApiEventName,
  type ApiEvents,
  type ApiMethodName,
  apiEventNames,
  apiMethodNames,
  type FaultlineApi,
  type Result,
} from '../../../preload/contract';

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; value?: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && typeof v.error === 'object' && v.error !== null;
}

async function call(origin: string, method: ApiMethodName, args: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(new URL(callPath(method), origin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: encodeWire(args),
      credentials: 'same-origin',
    });
  } catch (error) {
    return failure(
      `The Faultline bridge could not be reached: ${error instanceof Error ? error.message : error}`,
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = decodeWire(text);
  } catch {
    return failure(
      `The Faultline bridge answered ${response.status} ${response.statusText}: ${text.slice(0, 200)}`,
    );
  }
  return isResult(body)
    ? body
    : failure(`The Faultline bridge answered ${response.status} with an unexpected body`);
}

type Listener = (payload: never) => void;

/** One EventSource, opened with the first listener and closed with the last. */
class EventStream {
  private source: EventSource | null = null;
  private readonly listeners = new Map<ApiEventName, Set<Listener>>();

  constructor(private readonly url: string) {}

  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener);
    this.open();
    return () => {
      set.delete(listener as Listener);
      if ([...this.listeners.values()].every((s) => s.size === 0)) this.close();
    };
  }

  private open(): void {
    if (this.source) return;
    const source = new EventSource(this.url);
    for (const event of apiEventNames) {
      source.addEventListener(event, (message) => {
        let payload: unknown;
        try {
          payload = decodeWire((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of this.listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
      });
    }
    this.source = source;
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }
}

/** A FaultlineApi over the loopback HTTP bridge (see preload/bridgeWire.ts for the wire format). */
export function createHttpApi(origin: string): FaultlineApi {
  const events = new EventStream(new URL(eventsPath, origin).toString());
  const methods = Object.fromEntries(
    apiMethodNames.map((method) => [method, (args: unknown) => call(origin, method, args)]),
  ) as unknown as Omit<FaultlineApi, 'on'>;
  return {
    ...methods,
    on: (event, listener) => events.on(event, listener),
  } satisfies FaultlineApi;
}
