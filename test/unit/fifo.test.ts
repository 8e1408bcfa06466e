import { describe, expect, it } from "vitest";
import { Fifo } from "../../src/fifo.js";

describe("Fifo", () => {
  it("gives items back in the order pushed, across compactions, and undefined once empty", () => {
    const queue = new Fifo<number>();
    const out: number[] = [];
    // A queue that never runs empty for 5000 items: the part already read is dropped along the way.
    for (let i = 0; i < 5000; i++) {
      queue.push(i);
      queue.push(i + 0.5);
      out.push(queue.shift()!);
      expect(queue.peek()).toBe(out.length / 2);
    }
    expect(queue.size).toBe(5000);
    while (queue.size > 0) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: 10_000 }, (_, i) => i / 2));
    expect(queue.shift()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
    queue.push(7);
    expect([queue.size, queue.shift(), queue.size]).toEqual([1, 7, 0]);
  });
});
