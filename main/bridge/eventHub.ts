import type { ServerResponse } from 'node:http';
import { encodeEvent } from '../../preload/bridgeWire';
import { securityHeaders } from '../shell/pagePolicy';

/** The open Server-Sent Events streams; the service's events are broadcast to all of them. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepAlive: ReturnType<typeof setInterval>;

  constructor(keepAliveMs = 15_000) {
    // A comment line now and then keeps idle proxies and the browser from dropping the stream.
    this.keepAlive = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }, keepAliveMs);
    this.keepAlive.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  broadcast(event: string, payload: unknown): void {
    const message = encodeEvent(event, payload);
    for (const res of this.clients) {
      res.write(message);
      // Node corks a chunked response until the next tick, so progress sent from a long synchronous
      // analysis would otherwise all arrive at its end.
      res.socket?.uncork();
    }
  }

  close(): void {
    clearInterval(this.keepAlive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
