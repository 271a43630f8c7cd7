/**
 * The bridge's guards, as pure functions so they are unit-testable without a socket.
 *
 * The bridge listens on 127.0.0.1 only, but a web page in the user's browser can still reach it:
 * through DNS rebinding (a hostile name resolving to 127.0.0.1, so the Host header is that name)
 * or through a cross-origin form/fetch POST. Both are refused here.
 */

/** Host header values the bridge answers to. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when the Host header names the bridge itself (DNS rebinding defence). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/**
 * True when a state-changing request comes from the bridge's own pages: the Origin header is absent
 * (same-origin GETs, curl, tests) or names the bridge; and the browser does not flag it cross-site.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  port: number,
  secFetchSite?: string | undefined,
): boolean {
  if (secFetchSite !== undefined && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}
