import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, documentPolicy } from '../../../main/shell/pagePolicy';
import { findRendererFile, resolveStaticPath } from '../../../main/shell/rendererFiles';

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

describe('findRendererFile', () => {
  const base = mkdtempSync(join(tmpdir(), 'faultline-renderer-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));

  it('finds a file with its type, and a directory stands for its index.html', async () => {
    expect(await findRendererFile(root, '/assets/app.js')).toEqual({
      found: true,
      file: join(root, 'assets', 'app.js'),
      size: 10,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(await findRendererFile(root, '/')).toMatchObject({ found: true, file: join(root, 'index.html') });
  });

  it('refuses a path out of the root and a link inside it that leads out', async () => {
    expect(await findRendererFile(root, '/../secret.txt')).toMatchObject({ found: false, status: 403 });
    expect(await findRendererFile(root, '/assets/link.txt')).toMatchObject({ found: false, status: 403 });
  });

  it('answers not found for what is not there', async () => {
    expect(await findRendererFile(root, '/nothing.js')).toMatchObject({ found: false, status: 404 });
  });
});

describe('contentSecurityPolicy', () => {
  it('is the policy of the meta tag in renderer/index.html, plus frame-ancestors', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${documentPolicy}"`);
    expect(contentSecurityPolicy).toBe(`${documentPolicy}; frame-ancestors 'none'`);
  });
});
