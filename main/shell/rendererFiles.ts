import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * Which file of the built renderer a URL path names, for both shells that serve it: Electron's app
 * protocol and the browser bridge. The page is untrusted, so no path may lead out of the root.
 */

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

export type RendererFile =
  | { readonly found: true; readonly file: string; readonly size: number; readonly contentType: string }
  | { readonly found: false; readonly status: 403 | 404; readonly reason: string };

const forbidden: RendererFile = { found: false, status: 403, reason: 'Forbidden path' };
const notFound: RendererFile = { found: false, status: 404, reason: 'Not found' };

/**
 * The file a URL path names under root. Symlinks are resolved before the prefix check is repeated,
 * so a link inside root cannot expose a file outside it. A directory stands for its index.html.
 */
export async function findRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === null) return forbidden;
  try {
    const realRoot = await realpath(resolve(root));
    let file = await realpath(candidate);
    if (!isInside(realRoot, file)) return forbidden;
    let info = await stat(file);
    if (info.isDirectory()) {
      file = await realpath(resolve(file, 'index.html'));
      if (!isInside(realRoot, file)) return forbidden;
      info = await stat(file);
    }
    if (!info.isFile()) return notFound;
    return { found: true, file, size: info.size, contentType: contentTypeFor(file) };
  } catch {
    return notFound;
  }
}
