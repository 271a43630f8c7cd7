import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { securityHeaders } from '../shell/pagePolicy';
import { findRendererFile } from '../shell/rendererFiles';

/** Serves one GET/HEAD request for a file of the built renderer under root. */
export async function serveStatic(
  root: string,
  urlPath: string,
  head: boolean,
  res: ServerResponse,
): Promise<void> {
  const found = await findRendererFile(root, urlPath);
  if (!found.found) return sendText(res, found.status, found.reason);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': found.contentType,
    'Content-Length': found.size,
  });
  if (head) {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
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
