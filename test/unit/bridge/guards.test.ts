import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  documentPolicy,
  isAllowedHost,
  isAllowedOrigin,
} from '../../../main/bridge/security';
import { resolveStaticPath } from '../../../main/bridge/staticFiles';

describe('isAllowedHost', () => {
  it('accepts the loopback address and localhost on the bridge port only', () => {
    expect(isAllowedHost('127.0.0.1:5174', 5174)).toBe(true);
    expect(isAllowedHost('localhost:5174', 5174)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5174', 5174)).toBe(true);
  });

  it('refuses other names (DNS rebinding), other ports, missing ports and a missing header', () => {
    for (const host of [
      'evil.example:5174',
      '127.0.0.1:80',
      '127.0.0.1',
      'localhost',
      '0.0.0.0:5174',
      '[::1]:5174',
      '127.0.0.1:5174.evil.example',
      '',
    ]) {
      expect(isAllowedHost(host, 5174), host).toBe(false);
    }
    expect(isAllowedHost(undefined, 5174)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts requests without Origin and from the bridge origin', () => {
    expect(isAllowedOrigin(undefined, 5174)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5174', 5174)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5174', 5174, 'same-origin')).toBe(true);
  });

  it('refuses other origins and requests the browser marks cross-site', () => {
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:5175',
      'https://127.0.0.1:5174',
      'null',
      'file://',
    ]) {
      expect(isAllowedOrigin(origin, 5174), origin).toBe(false);
    }
    expect(isAllowedOrigin(undefined, 5174, 'cross-site')).toBe(false);
    expect(isAllowedOrigin(undefined, 5174, 'same-site')).toBe(false);
  });
});

describe('resolveStaticPath', () => {
  const root = resolve('/srv/renderer');

  it('maps URL paths to files under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(root);
    expect(resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app%20x.js')).toBe(join(root, 'assets/app x.js'));
  });

  it('refuses every way out of the root', () => {
    for (const path of [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/..%2fsecret',
      '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/..\\secret',
      '/%5c..%5csecret',
      '/index.html%00.js',
      '/%E0%A4%A', // malformed percent-encoding
    ]) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('does not let a sibling directory with the root as a prefix through', () => {
    expect(resolveStaticPath(root, '/../renderer-other/x')).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  it('is the policy of the meta tag in renderer/index.html, plus frame-ancestors', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${documentPolicy}"`);
    expect(contentSecurityPolicy).toBe(`${documentPolicy}; frame-ancestors 'none'`);
  });
});
