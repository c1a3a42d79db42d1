/**
 * Items ordered by time `t` for eviction. Most arrive in time order and go to a FIFO (O(1));
 * the few that arrive late go to a binary heap. `popUpTo` takes from whichever front is earlier.
 */
export class EvictionQueue<T extends { readonly t: number }> {
  private fifo: T[] = [];
  private head = 0;
  private readonly heap: T[] = [];

  get size(): number {
    return this.fifo.length - this.head + this.heap.length;
  }

  push(item: T): void {
    const back = this.fifo.length > this.head ? this.fifo[this.fifo.length - 1]! : undefined;
    if (back === undefined || item.t >= back.t) this.fifo.push(item);
    else this.heapPush(item);
  }

  /** Removes every item with t ≤ limit, earliest first, handing each to `evict`. */
  popUpTo(limit: number, evict: (item: T) => void): void {
    for (;;) {
      const a = this.fifo.length > this.head ? this.fifo[this.head]! : undefined;
      const b = this.heap[0];
      const fromFifo = a !== undefined && (b === undefined || a.t <= b.t);
      const next = fromFifo ? a : b;
      if (next === undefined || next.t > limit) return;
      if (fromFifo) this.shiftFifo();
      else this.heapPop();
      evict(next);
    }
  }

  private shiftFifo(): void {
    this.head += 1;
    if (this.head === this.fifo.length) {
      this.fifo = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
  }

  private heapPush(item: T): void {
    const h = this.heap;
    let i = h.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.t <= item.t) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  private heapPop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const c = l + 1 < h.length && h[l + 1]!.t < h[l]!.t ? l + 1 : l;
      if (h[c]!.t >= last.t) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}
