/**
 * The `limit` items that sort first by `before`, in that order, without sorting the rest: a bounded
 * heap whose top is the worst item kept. Flow logs of an internet-facing service hold conversations
 * by the million; sorting them all to keep a thousand took seconds.
 */
export function firstBy<T>(items: Iterable<T>, limit: number, before: (a: T, b: T) => boolean): T[] {
  const heap: T[] = [];
  // The heap is ordered so that the item sorting last sits at index 0.
  const worse = (i: number, j: number) => before(heap[j] as T, heap[i] as T);
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as T, heap[i] as T];
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let top = i;
      if (left < heap.length && worse(left, top)) top = left;
      if (right < heap.length && worse(right, top)) top = right;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of items) {
    if (limit <= 0) break;
    if (heap.length < limit) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0 && worse(i, (i - 1) >> 1)) {
        swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    } else if (before(item, heap[0] as T)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
