import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttledProgress } from '../../../main/core/domain/progress';

const at = (phase: string, done: number, total = 10) => ({ phase, done, total });

afterEach(() => vi.useRealTimers());

describe('throttledProgress', () => {
  it('passes the start and the end of every phase and drops reports closer than the interval', () => {
    vi.useFakeTimers({ now: 0 });
    const seen: ReturnType<typeof at>[] = [];
    const report = throttledProgress<ReturnType<typeof at>>((p) => seen.push(p), 50);
    report(at('flows', 0));
    vi.advanceTimersByTime(10);
    report(at('flows', 3));
    vi.advanceTimersByTime(60);
    report(at('flows', 5));
    vi.advanceTimersByTime(10);
    report(at('flows', 10));
    report(at('segments', 1));
    report(at('segments', 2));
    report(at('segments', 3), true);
    expect(seen).toEqual([
      at('flows', 0),
      at('flows', 5),
      at('flows', 10),
      at('segments', 1),
      at('segments', 3),
    ]);
  });
});
