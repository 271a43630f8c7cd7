/** The scheme and host the built renderer is served from (appProtocol.ts). */
export const appScheme = 'faultline';
const appHost = 'app';

/** The page's address when served by the app itself rather than a dev server. */
export const appRendererUrl = `${appScheme}://${appHost}/index.html`;

/** The path of a request to the app scheme, or null for another scheme or host. */
export function rendererPathOf(requestUrl: string): string | null {
  try {
    const url = new URL(requestUrl);
    return url.protocol === `${appScheme}:` && url.host === appHost ? url.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Whether a frame's URL is our renderer's page: same scheme, host and path. Query and fragment may
 * differ (the UI keeps state there); anything else, a data: URL, another file, is not ours.
 */
export function isRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  try {
    const sender = new URL(frameUrl);
    const expected = new URL(rendererUrl);
    return (
      sender.protocol === expected.protocol &&
      sender.host === expected.host &&
      sender.pathname === expected.pathname
    );
  } catch {
    return false;
  }
}
