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
