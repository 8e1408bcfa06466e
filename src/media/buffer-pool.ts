// Buffers for the results being delivered, reused from one result to the next. A result is megabytes that
// live for the length of one upload; allocated fresh each time, each stays in memory until V8's next full
// collection, and at 100 results a second that was tens of megabytes waiting (and more collections).
const minimumSize = 64 * 1024;

/** The capacity a request of `size` bytes is served from: a power of two, so buffers fit the next results too. */
export function capacityFor(size: number): number {
  return Math.max(minimumSize, 2 ** Math.ceil(Math.log2(size)));
}

export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private readonly issued = new WeakSet<ArrayBuffer>();
  private pooledBytes = 0;

  /**
   * @param maxPooledBytes the most the pool keeps while nobody uses it
   * @param maxSize larger requests get a buffer of their own, never pooled
   */
  constructor(
    private readonly maxPooledBytes: number,
    private readonly maxSize: number,
  ) {}

  /** A buffer of `size` bytes (contents undefined), pooled when it is handed back. */
  take(size: number): Buffer {
    if (size > this.maxSize) return Buffer.allocUnsafeSlow(size);
    const capacity = capacityFor(size);
    let memory = this.free.get(capacity)?.pop();
    if (memory) this.pooledBytes -= capacity;
    else memory = new ArrayBuffer(capacity);
    this.issued.add(memory);
    return Buffer.from(memory, 0, size);
  }

  /** Hands a buffer from `take` (or a view of one) back once nothing reads it any more; others are ignored. */
  give(buffer: Uint8Array): void {
    const memory = buffer.buffer as ArrayBuffer;
    if (!this.issued.has(memory) || this.pooledBytes + memory.byteLength > this.maxPooledBytes) return;
    // Out until taken again: given twice, a buffer would sit in the free list twice and serve two results at once.
    this.issued.delete(memory);
    const list = this.free.get(memory.byteLength) ?? [];
    list.push(memory);
    this.free.set(memory.byteLength, list);
    this.pooledBytes += memory.byteLength;
  }
}
