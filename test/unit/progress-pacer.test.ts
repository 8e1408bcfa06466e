import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProgressPacer } from "../../src/discord/progress-pacer.js";

/** A turn that sends something: it notes `value` in `granted` when its turn comes. */
const sends = <T>(granted: T[], value: T) => () => {
  granted.push(value);
  return true;
};

describe("ProgressPacer", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("lets a second's worth go at once, then perSecond a second, in the order asked", async () => {
    const pacer = new ProgressPacer(5);
    const granted: { turn: number; at: number }[] = [];
    for (let turn = 0; turn < 12; turn++) {
      pacer.wait(() => {
        granted.push({ turn, at: performance.now() }); // the time it was granted, not asked
        return true;
      });
    }
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
    pacer.wait(sends(granted, "a"));
    pacer.wait(sends(granted, "b"));
    pacer.wait(sends(granted, "c"));
    const withdrawD = pacer.wait(sends(granted, "d"));
    pacer.wait(sends(granted, "e"));
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
    for (let turn = 0; turn < 10; turn++) pacer.wait(sends(granted, turn));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(249);
    expect(granted).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toHaveLength(5);
  });

  it("gives the budget of a turn that had nothing to send to the next one", async () => {
    const pacer = new ProgressPacer(2);
    const granted: string[] = [];
    pacer.wait(() => false); // e.g. its text was already shown
    pacer.wait(sends(granted, "a"));
    pacer.wait(sends(granted, "b"));
    pacer.wait(sends(granted, "c"));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["a", "b"]);
  });

  it("hands out no turn while held (a saturated loop), and the waiting ones once it is not", async () => {
    let saturated = true;
    const pacer = new ProgressPacer(4, () => saturated);
    const granted: string[] = [];
    pacer.wait(sends(granted, "a"));
    const withdrawB = pacer.wait(sends(granted, "b"));
    pacer.wait(sends(granted, "c"));
    await vi.advanceTimersByTimeAsync(3000);
    expect(granted).toEqual([]);
    withdrawB();
    saturated = false;
    await vi.advanceTimersByTimeAsync(250);
    expect(granted).toEqual(["a", "c"]);
  });

  it("refuses a budget under one edit a second", () => {
    expect(() => new ProgressPacer(0)).toThrow(RangeError);
  });
});
