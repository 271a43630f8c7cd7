import { describe, expect, it } from 'vitest';
import { isRendererUrl } from '../../../main/electron/rendererUrl';

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

  it('accepts the dev server only on its own host and port', () => {
    const dev = 'http://localhost:5173/';
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://evil.localhost:5173/', dev)).toBe(false);
  });
});
