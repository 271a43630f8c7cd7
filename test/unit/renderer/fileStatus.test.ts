import { describe, expect, it } from 'vitest';
import { fileStatusText } from '../../../renderer/src/format';

describe('a file’s status in the import results', () => {
  it('says a refused import imported nothing: the files that were fine were read, not imported (audit P3 #7)', () => {
    expect(fileStatusText('imported', false)).toBe('imported');
    expect(fileStatusText('imported', true)).toBe('read, not imported');
    expect(fileStatusText('skipped', true)).toBe('skipped');
    expect(fileStatusText('error', true)).toBe('error');
  });
});
