import { describe, expect, it } from "vitest";
import { BufferPool } from "../../src/media/buffer-pool.js";

describe("BufferPool", () => {
  it("serves a request from memory handed back before, of a power-of-two capacity", () => {
    const pool = new BufferPool(4 * 1024 * 1024, 8 * 1024 * 1024);
    const first = pool.take(1_000_000);
    expect(first.byteLength).toBe(1_000_000);
    expect(first.buffer.byteLength).toBe(1024 * 1024);
    pool.give(first);
    const second = pool.take(900_000);
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteLength).toBe(900_000);
  });

  it("never hands the same memory to two holders, even when it is given back twice", () => {
    const pool = new BufferPool(4 * 1024 * 1024, 8 * 1024 * 1024);
    const buffer = pool.take(500_000);
    pool.give(buffer);
    pool.give(buffer);
    const a = pool.take(500_000);
    const b = pool.take(500_000);
    expect(a.buffer).toBe(buffer.buffer);
    expect(b.buffer).not.toBe(a.buffer);
  });

  it("ignores buffers it did not issue, and keeps no more than its limit", () => {
    const pool = new BufferPool(1024 * 1024, 8 * 1024 * 1024);
    const foreign = Buffer.allocUnsafeSlow(1024 * 1024);
    pool.give(foreign);
    expect(pool.take(1024 * 1024).buffer).not.toBe(foreign.buffer);
    const [a, b] = [pool.take(1024 * 1024), pool.take(1024 * 1024)];
    pool.give(a);
    pool.give(b); // over the limit: dropped
    expect(pool.take(1024 * 1024).buffer).toBe(a.buffer);
    expect(pool.take(1024 * 1024).buffer).not.toBe(b.buffer);
  });

  it("gives a request over its largest size memory of its own, never pooled", () => {
    const pool = new BufferPool(64 * 1024 * 1024, 8 * 1024 * 1024);
    const big = pool.take(9 * 1024 * 1024);
    pool.give(big);
    expect(pool.take(9 * 1024 * 1024).buffer).not.toBe(big.buffer);
  });
});
