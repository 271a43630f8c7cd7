import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { securityHeaders } from './security';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Maps a URL path to a file under root, or null when it would leave root. The path is
 * percent-decoded first, so `%2e%2e/` and `..%2f` are caught as well as a plain `../`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const absoluteRoot = resolve(root);
  const candidate = resolve(absoluteRoot, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  return isInside(absoluteRoot, candidate) ? candidate : null;
}

/**
 * Serves one GET/HEAD request from root. Symlinks are resolved before the prefix check is repeated,
 * so a link inside root cannot expose a file outside it. A directory serves its index.html.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  head: boolean,
  res: ServerResponse,
): Promise<void> {
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === null) return sendText(res, 403, 'Forbidden path');
  try {
    const realRoot = await realpath(resolve(root));
    let file = await realpath(candidate);
    if (!isInside(realRoot, file)) return sendText(res, 403, 'Forbidden path');
    let info = await stat(file);
    if (info.isDirectory()) {
      file = await realpath(resolve(file, 'index.html'));
      if (!isInside(realRoot, file)) return sendText(res, 403, 'Forbidden path');
      info = await stat(file);
    }
    if (!info.isFile()) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypeFor(file),
      'Content-Length': info.size,
    });
    if (head) {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  } catch {
    sendText(res, 404, 'Not found');
  }
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = `${text}\n`;
  res.writeHead(status, {
    ...securityHeaders,
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
