import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from '../../../main/bridge/security';

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
