import type { IncomingMessage, ServerResponse } from 'node:http';
import { callPathPrefix, decodeWire, encodeWire, eventsPath } from '../../preload/bridgeWire';
import type { ApiError, Result } from '../../preload/contract';
import { securityHeaders } from '../shell/pagePolicy';
import type { EventHub } from './eventHub';
import { isAllowedHost, isAllowedOrigin } from './security';
import { sendText, serveStatic } from './staticFiles';

/** Bodies above this are refused with 413. V8 strings top out near 512 MiB and base64 adds a third. */
export const defaultMaxBodyBytes = 384 * 1024 * 1024;

export interface BridgeHandlerOptions {
  readonly staticDir: string;
  /** The port the server listens on; known only once it listens, hence a function. */
  readonly port: () => number;
  /** Runs one API method; never throws (dispatch turns errors into values). */
  readonly call: (method: string, args: unknown) => Promise<Result<unknown>>;
  readonly events: EventHub;
  readonly maxBodyBytes?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

class BodyTooLargeError extends Error {}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  let body: string;
  try {
    body = encodeWire(result);
  } catch (error) {
    status = 500;
    body = encodeWire(failure('internal', `The result could not be encoded: ${String(error)}`));
  }
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolvePromise(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

function tooLarge(res: ServerResponse, req: IncomingMessage, limit: number): void {
  const megabytes = Math.round(limit / (1024 * 1024));
  // Close the connection afterwards: the rest of the upload is not worth reading.
  res.setHeader('Connection', 'close');
  sendResult(
    res,
    413,
    failure(
      'bad-input',
      `The request is larger than the bridge accepts (${megabytes} MB). Import fewer files at once.`,
    ),
  );
  res.on('finish', () => req.destroy());
}

async function handleCall(
  req: IncomingMessage,
  res: ServerResponse,
  options: BridgeHandlerOptions,
): Promise<void> {
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const url = new URL(req.url ?? '/', 'http://bridge.invalid');
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendResult(res, 405, failure('invalid-argument', 'API calls must use POST'));
  }
  if (!isAllowedOrigin(req.headers.origin, options.port(), headerValue(req.headers['sec-fetch-site']))) {
    return sendResult(res, 403, failure('invalid-argument', 'Cross-origin requests are refused'));
  }
  // Requiring JSON also forces a CORS preflight on any cross-origin fetch, which the bridge never grants.
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    return sendResult(res, 415, failure('invalid-argument', 'API calls must send application/json'));
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return tooLarge(res, req, limit);

  let method: string;
  try {
    method = decodeURIComponent(url.pathname.slice(callPathPrefix.length));
  } catch {
    return sendResult(res, 400, failure('invalid-argument', 'Malformed method name'));
  }

  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(res, req, limit);
    return sendResult(res, 400, failure('invalid-argument', 'The request body could not be read'));
  }

  let args: unknown;
  try {
    args = body.length === 0 ? {} : decodeWire(body.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return sendResult(
      res,
      400,
      failure('invalid-argument', `The request body is not valid bridge JSON: ${detail}`),
    );
  }

  const result = await options.call(method, args);
  sendResult(res, 200, result);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The bridge's request handler: guards first (Host on everything, Origin on calls), then API calls,
 * the event stream and static files. Independent of the service, so the guards are testable alone.
 */
export function createBridgeHandler(options: BridgeHandlerOptions): Handler {
  return (req, res) => {
    const port = options.port();
    if (!isAllowedHost(req.headers.host, port)) {
      sendText(res, 403, 'Forbidden host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;

    if (path.startsWith(callPathPrefix)) {
      handleCall(req, res, options).catch((error: unknown) => {
        sendResult(res, 500, failure('internal', error instanceof Error ? error.message : String(error)));
      });
      return;
    }
    if (path === eventsPath) {
      if (req.method !== 'GET') {
        sendText(res, 405, 'Method not allowed', { Allow: 'GET' });
        return;
      }
      options.events.attach(res);
      return;
    }
    if (path.startsWith('/api/')) {
      sendResult(res, 404, failure('invalid-argument', `No such endpoint: ${path}`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    serveStatic(options.staticDir, path, req.method === 'HEAD', res).catch(() =>
      sendText(res, 500, 'Internal error'),
    );
  };
}
