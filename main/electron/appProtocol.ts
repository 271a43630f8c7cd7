import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { securityHeaders } from '../shell/pagePolicy';
import { findRendererFile } from '../shell/rendererFiles';
import { appScheme, rendererPathOf } from './rendererUrl';

/**
 * The page is served from `faultline://app/`, not `file://` (Electron's security checklist, "Use a
 * custom protocol instead of file://"): a page at a file URL may read any local file a script on it
 * names, and this one shows text from imported files. The scheme is standard and secure, so relative
 * URLs resolve and `'self'` in the CSP means this origin and nothing else.
 */
export function registerAppScheme(): void {
  // Before the app is ready, or Chromium has fixed its list of schemes.
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Answers the app scheme from the built renderer under root, nothing outside it. */
export function serveRenderer(root: string): void {
  protocol.handle(appScheme, async (request) => {
    const path = rendererPathOf(request.url);
    const found = path === null ? null : await findRendererFile(root, path);
    if (found === null || !found.found) {
      return new Response(found?.reason ?? 'Not found', {
        status: found?.status ?? 404,
        headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    return new Response(await readFile(found.file), {
      headers: { ...securityHeaders, 'Content-Type': found.contentType },
    });
  });
}
