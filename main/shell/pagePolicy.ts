/**
 * The page's security policy, the same in both shells that serve the renderer: Electron's app
 * protocol and the browser bridge.
 */

/** The policy of the meta tag in renderer/index.html: it applies in Electron and in the browser alike. */
export const documentPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Sent as a header with everything served; frame-ancestors works only in a header. */
export const contentSecurityPolicy = `${documentPolicy}; frame-ancestors 'none'`;

/** Response headers sent with every file of the renderer and every answer about one. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
