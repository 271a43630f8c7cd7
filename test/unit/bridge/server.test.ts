import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/bridge/eventHub';
import { createBridgeHandler } from '../../../main/bridge/handler';
import { startBridge } from '../../../main/bridge/server';
import { contentSecurityPolicy } from '../../../main/shell/pagePolicy';
import { decodeWire, encodeWire } from '../../../preload/bridgeWire';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch may not set Host, and normalises `..` out of paths. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };

describe('bridge handler', () => {
  let dir: string;
  let server: Server;
  let port: number;
  const events = new EventHub();
  const calls: { method: string; args: unknown }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-bridge-'));
    const root = join(dir, 'static');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await mkdir(join(dir, 'static-sibling'));
    await writeFile(join(dir, 'static-sibling', 'x.txt'), 'sibling');
    await symlink(dir, join(root, 'escape'));
    server = createServer(
      createBridgeHandler({
        staticDir: root,
        port: () => port,
        events,
        maxBodyBytes: 4096,
        call: async (method, args) => {
          calls.push({ method, args });
          return { ok: true, value: { method, args } };
        },
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    events.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves static files with their content types and the CSP header', async () => {
    const index = await send(port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(port, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await send(port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send(port, '/missing.js')).status).toBe(404);
  });

  it('refuses requests whose Host is not the bridge (DNS rebinding)', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost']) {
      const reply = await send(port, '/', { headers: { Host: host } });
      expect(reply.status, host).toBe(403);
      expect(reply.body).toContain('Forbidden host');
    }
    expect((await send(port, '/', { headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('does not serve files outside the static root', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const reply = await send(port, path);
      expect(reply.status, path).toBe(403);
      expect(reply.body).not.toContain('secret\n');
    }
    // Plain `..` segments are resolved inside the URL, so they stay under the root.
    expect((await send(port, '/../secret.txt')).status).toBe(404);
    expect((await send(port, '/../static-sibling/x.txt')).status).toBe(404);
    // A symlink inside the root that points outside it is refused too.
    expect((await send(port, '/escape/secret.txt')).status).toBe(403);
  });

  it('runs API calls with bytes decoded, and answers with an encoded Result', async () => {
    const body = encodeWire({ files: [{ name: 'a.json', data: new Uint8Array([1, 2, 3]) }] });
    const reply = await send(port, '/api/call/importFiles', { method: 'POST', headers: json, body });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = decodeWire(reply.body) as {
      ok: true;
      value: { method: string; args: { files: { data: unknown }[] } };
    };
    expect(result.ok).toBe(true);
    expect(result.value.method).toBe('importFiles');
    expect(result.value.args.files[0]?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect(calls.at(-1)?.args).toEqual({ files: [{ name: 'a.json', data: new Uint8Array([1, 2, 3]) }] });
  });

  it('accepts calls from its own origin and refuses cross-origin ones without calling the service', async () => {
    const own = await send(port, '/api/call/listSnapshots', {
      method: 'POST',
      headers: { ...json, Origin: `http://localhost:${port}` },
      body: '{}',
    });
    expect(own.status).toBe(200);
    const before = calls.length;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:${port + 1}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const reply = await send(port, '/api/call/deleteSnapshot', {
        method: 'POST',
        headers: { ...json, ...headers },
        body: '{"id":1}',
      });
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(decodeWire(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(calls.length).toBe(before);
  });

  it('refuses non-JSON bodies, other methods and unknown endpoints', async () => {
    const form = await send(port, '/api/call/listSnapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect((await send(port, '/api/call/listSnapshots')).status).toBe(405);
    expect((await send(port, '/api/nothing')).status).toBe(404);
    expect((await send(port, '/index.html', { method: 'DELETE' })).status).toBe(405);
    const broken = await send(port, '/api/call/listSnapshots', {
      method: 'POST',
      headers: json,
      body: '{"a":',
    });
    expect(broken.status).toBe(400);
    expect(decodeWire(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('answers 413 to bodies above the limit, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(8000) });
    const declared = await send(port, '/api/call/importFiles', { method: 'POST', headers: json, body: big });
    expect(declared.status).toBe(413);
    expect(decodeWire(declared.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(declared.body).toContain('larger than the bridge accepts');

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/call/importFiles',
          method: 'POST',
          headers: { ...json, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(big.slice(0, 3000));
      req.end(big.slice(3000));
    });
    expect(streamed).toBe(413);
  });

  it('streams events as Server-Sent Events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events' }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: importProgress')) {
            req.destroy();
            resolve(text);
          }
        });
        // Once the stream is open, broadcast.
        setTimeout(
          () => events.broadcast('importProgress', { phase: 'done', file: null, done: 1, total: 1 }),
          20,
        );
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain(
      'event: importProgress\ndata: {"phase":"done","file":null,"done":1,"total":1}\n\n',
    );
  });
});

describe('startBridge over the real service', () => {
  it('lists, imports with progress and reports bad input as a value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-bridge-real-'));
    const bridge = await startBridge({ dbFile: join(dir, 'w.db'), staticDir: dir });
    try {
      const url = new URL(bridge.url);
      expect(url.hostname).toBe('127.0.0.1');
      const port = Number(url.port);
      const list = await send(port, '/api/call/listSnapshots', { method: 'POST', headers: json, body: '{}' });
      expect(decodeWire(list.body)).toEqual({ ok: true, value: [] });

      const bad = await send(port, '/api/call/importFiles', {
        method: 'POST',
        headers: json,
        body: encodeWire({
          files: [{ name: 'broken.json', data: new TextEncoder().encode('{\n  "Vpcs": [,]\n}') }],
        }),
      });
      expect(decodeWire(bad.body)).toMatchObject({
        ok: false,
        error: {
          code: 'bad-input',
          file: 'broken.json',
          place: expect.stringMatching(/^line 2, column \d+$/),
        },
      });

      const unknown = await send(port, '/api/call/dropDatabase', {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      expect(decodeWire(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
