import { describe, expect, it } from 'vitest';
import { quoteSome } from '../../../main/core/impact/risk';

describe('the names a risk reason quotes', () => {
  it('quotes up to three, then counts the rest', () => {
    expect(quoteSome(['a'])).toBe('a');
    expect(quoteSome(['a', 'b', 'c'])).toBe('a, b, c');
    expect(quoteSome(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });

  it('quotes a name many items share once with how many, so the quoted and the rest add up', () => {
    const flows = [
      'app-95 → app-20',
      'app-95 → app-20',
      'app-95 → app-20',
      'app-95 → app-7',
      'app-3 → app-20',
      'app-4 → app-1',
    ];
    expect(quoteSome(flows)).toBe('app-95 → app-20 (×3), app-95 → app-7, app-3 → app-20 and 1 more');
    expect(quoteSome(['x', 'x', 'x'])).toBe('x (×3)');
  });
});
