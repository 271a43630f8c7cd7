import { describe, expect, it } from 'vitest';
import { tagValue } from '../../../main/core/applications/tagKeys';

describe('tagValue', () => {
  it('takes the key as configured over a case variant, whatever the order of the tags', () => {
    // AWS tag keys are case-sensitive: service and Service are two tags of one ENI.
    expect(tagValue({ Name: 'a', service: 'orders', Service: 'legacy' }, ['service'])).toBe('orders');
    expect(tagValue({ Name: 'a', Service: 'legacy', service: 'orders' }, ['service'])).toBe('orders');
  });

  it('lets a case variant stand in for a missing key, the first in code-unit order', () => {
    expect(tagValue({ Service: 'orders' }, ['service'])).toBe('orders');
    expect(tagValue({ service_: 'x', SERVICE: 'b', Service: 'a' }, ['service'])).toBe('b');
    expect(tagValue({ Service: 'a', SERVICE: 'b' }, ['service'])).toBe('b');
  });

  it('goes on to the next key when one is absent or blank', () => {
    expect(tagValue({ service: ' ', component: 'api' }, ['service', 'component'])).toBe('api');
    expect(tagValue({}, ['service'])).toBeNull();
  });
});
