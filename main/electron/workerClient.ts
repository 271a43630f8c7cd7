import { type UtilityProcess, utilityProcess } from 'electron';
import type { ApiEventName, ApiEvents, ApiMethodName, Result } from '../../preload/contract';
import type { FromWorker, WorkerInit } from './workerProtocol';

type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/** Prints HTML to PDF with Electron; the worker asks for it because it has no windows. */
export type HtmlPrinter = (html: string) => Promise<Uint8Array>;

/** The main process's handle on the service worker: calls by id, events passed on. */
export class WorkerClient {
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private nextId = 1;
  private readonly ready: Promise<void>;

  private constructor(
    private readonly child: UtilityProcess,
    init: WorkerInit,
    onEvent: EventListener,
    print: HtmlPrinter,
  ) {
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'fatal') reject(new Error(message.message));
        else if (message.type === 'event') onEvent(message.event, message.payload);
        else if (message.type === 'print') this.print(print, message.id, message.html);
        else this.settle(message.id, message.result);
      });
      child.on('exit', (code) => {
        const error = {
          code: 'internal' as const,
          message: `The Faultline worker stopped (exit code ${code}).`,
        };
        for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error });
        reject(new Error(error.message));
      });
    });
    child.postMessage(init);
  }

  static start(
    modulePath: string,
    init: WorkerInit,
    onEvent: EventListener,
    print: HtmlPrinter,
  ): WorkerClient {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Faultline service', stdio: 'inherit' });
    return new WorkerClient(child, init, onEvent, print);
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  async call(method: ApiMethodName, args: unknown): Promise<Result<unknown>> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.postMessage({ type: 'call', id, method, args });
    });
  }

  stop(): void {
    this.child.kill();
  }

  private print(print: HtmlPrinter, id: number, html: string): void {
    print(html).then(
      (data) => this.child.postMessage({ type: 'printed', id, result: { ok: true, data } }),
      (error: Error) =>
        this.child.postMessage({ type: 'printed', id, result: { ok: false, message: error.message } }),
    );
  }

  private settle(id: number, result: Result<unknown>): void {
    this.pending.get(id)?.(result);
    this.pending.delete(id);
  }
}
