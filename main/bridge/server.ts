import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromiumPdfPrinter } from '../service/chromiumPdf';
import { createService } from '../service/createService';
import { dispatch } from '../service/dispatch';
import { EventHub } from './eventHub';
import { createBridgeHandler } from './handler';

export interface BridgeOptions {
  readonly dbFile: string;
  /** The built renderer, e.g. `out/renderer`. */
  readonly staticDir: string;
  /** A folder of exports imported when the store is empty. */
  readonly seedSampleFrom?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly maxBodyBytes?: number;
}

export interface Bridge {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The loopback HTTP bridge: the real service and store behind the same API contract as Electron's
 * IPC, so the renderer runs in a plain browser (Playwright tests, or a human with a browser).
 * Listens on 127.0.0.1 only.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const events = new EventHub();
  // Seeding the sample (on an empty store) finishes before the bridge listens.
  let created: Awaited<ReturnType<typeof createService>>;
  try {
    created = await createService({
      dbFile: options.dbFile,
      emit: (event, payload) => events.broadcast(event, payload),
      printPdf: chromiumPdfPrinter(),
      ...(options.seedSampleFrom === undefined ? {} : { seedSampleFrom: options.seedSampleFrom }),
    });
  } catch (error) {
    events.close();
    throw error;
  }
  const { service, close: closeService } = created;

  let port = 0;
  const server = createServer(
    createBridgeHandler({
      staticDir: resolve(options.staticDir),
      port: () => port,
      call: (method, args) => dispatch(service, method, args),
      events,
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    }),
  );
  // Large imports take a while; the defaults would cut them off.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
  } catch (error) {
    events.close();
    closeService();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    close() {
      closed ??= new Promise<void>((resolvePromise) => {
        events.close();
        server.close(() => {
          closeService();
          resolvePromise();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
