import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/bridge/eventHub';

describe('EventHub', () => {
  it('hands each event to the socket at once, not at the next tick', async () => {
    const hub = new EventHub();
    let stream: ServerResponse | null = null;
    const server = createServer((_req, res) => {
      hub.attach(res);
      stream = res;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path: '/' });
    const opened = new Promise<void>((resolve) => req.on('response', () => resolve()));
    req.end();
    await opened;
    try {
      const socket = (stream as ServerResponse | null)?.socket;
      expect(socket).toBeTruthy();
      hub.broadcast('analysisProgress', { snapshotId: 1, phase: 'flows', done: 1, total: 2 });
      // Still inside the synchronous code that broadcast: a long analysis never yields, so anything
      // left buffered here would reach the window only when the analysis ends.
      expect(socket?.writableLength).toBe(0);
    } finally {
      req.destroy();
      hub.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
