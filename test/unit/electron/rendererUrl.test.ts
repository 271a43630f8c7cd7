import { describe, expect, it } from 'vitest';
import { appRendererUrl, isRendererUrl, rendererPathOf } from '../../../main/electron/rendererUrl';

describe('isRendererUrl', () => {
  const app = 'file:///opt/Faultline/resources/app/out/renderer/index.html';

  it.each([
    [app, true],
    [`${app}#/snapshots/3`, true],
    ['file:///opt/Faultline/resources/app/out/renderer/other.html', false],
    ['file:///tmp/evil/index.html', false],
    ['data:text/html,<script>1</script>', false],
    ['https://example.com/index.html', false],
    ['not a url', false],
  ])('%s from the packaged file -> %s', (frame, expected) => {
    expect(isRendererUrl(frame, app)).toBe(expected);
  });

  it('accepts the app protocol page, not another page of it or another host', () => {
    expect(appRendererUrl).toBe('faultline://app/index.html');
    expect(isRendererUrl('faultline://app/index.html#/views', appRendererUrl)).toBe(true);
    expect(isRendererUrl('faultline://app/assets/other.html', appRendererUrl)).toBe(false);
    expect(isRendererUrl('faultline://evil/index.html', appRendererUrl)).toBe(false);
    expect(isRendererUrl('file:///index.html', appRendererUrl)).toBe(false);
  });

  it('gives the path the app protocol serves only for its own host', () => {
    expect(rendererPathOf('faultline://app/assets/index-1a2b.js')).toBe('/assets/index-1a2b.js');
    // The URL parser takes dot segments, even encoded ones, off the path before it reaches the root.
    expect(rendererPathOf('faultline://app/assets/%2e%2e/%2e%2e/x')).toBe('/x');
    expect(rendererPathOf('faultline://other/index.html')).toBeNull();
    expect(rendererPathOf('https://app/index.html')).toBeNull();
    expect(rendererPathOf('::')).toBeNull();
  });

  it('accepts the dev server only on its own host and port', () => {
    const dev = 'http://localhost:5173/';
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://evil.localhost:5173/', dev)).toBe(false);
  });
});
