import { describe, expect, it } from 'vitest';
import { childPath, pathKeys } from '../../../main/core/input/jsonPath';

describe('pathKeys, which manifest errors use to find the line of a JSON path', () => {
  it('reverses childPath for names, indexes and quoted keys', () => {
    const keys = ['spec', 'ingress', 0, 'from', 12, 'app.kubernetes.io/name', 'a "quoted" key', '$x'];
    const path = keys.reduce<string>((p, key) => childPath(p, key), '$');
    expect(path).toBe('$.spec.ingress[0].from[12]["app.kubernetes.io/name"]["a \\"quoted\\" key"].$x');
    expect(pathKeys(path)).toEqual(keys);
  });

  it('reads the root as no keys', () => {
    expect(pathKeys('$')).toEqual([]);
  });
});
