import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProgressPacer } from "../../src/discord/progress-pacer.js";

describe("ProgressPacer", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("lets a second's worth go at once, then perSecond a second, in the order asked", async () => {
    const pacer = new ProgressPacer(5);
    const granted: { turn: number; at: number }[] = [];
    for (let turn = 0; turn < 12; turn++) pacer.wait(() => granted.push({ turn, at: performance.now() }));
    expect(granted).toEqual([]); // never from inside wait
    await vi.advanceTimersByTimeAsync(0);
    expect(granted.map((g) => g.turn)).toEqual([0, 1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted.map((g) => g.turn)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 6; i < granted.length; i++) expect(granted[i]!.at - granted[i - 1]!.at).toBeGreaterThanOrEqual(200);
    await vi.advanceTimersByTimeAsync(400);
    expect(granted.map((g) => g.turn)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("skips a turn given up without spending the budget on it", async () => {
    const pacer = new ProgressPacer(2);
    const granted: string[] = [];
    pacer.wait(() => granted.push("a"));
    pacer.wait(() => granted.push("b"));
    pacer.wait(() => granted.push("c"));
    const withdrawD = pacer.wait(() => granted.push("d"));
    pacer.wait(() => granted.push("e"));
    withdrawD();
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual(["a", "b", "c", "e"]);
  });

  it("saves up no more than a second's worth while idle", async () => {
    const pacer = new ProgressPacer(4);
    await vi.advanceTimersByTimeAsync(60_000);
    const granted: number[] = [];
    for (let turn = 0; turn < 10; turn++) pacer.wait(() => granted.push(turn));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(249);
    expect(granted).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toHaveLength(5);
  });

  it("refuses a budget under one edit a second", () => {
    expect(() => new ProgressPacer(0)).toThrow(RangeError);
  });
});
