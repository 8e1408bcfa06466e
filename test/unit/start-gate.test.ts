import { afterEach, describe, expect, it, vi } from "vitest";
import { StartGate } from "../../src/generation/start-gate.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("StartGate", () => {
  afterEach(() => vi.useRealTimers());

  it("lets at most perTurn starts through per turn of the event loop, in the order they asked", async () => {
    const gate = new StartGate({ perTurn: 3, maxHoldMs: 1000, quietMs: 20 });
    const passed: number[] = [];
    const all = Array.from({ length: 8 }, (_, i) => gate.pass().then(() => passed.push(i)));
    expect(passed).toEqual([]);
    await nextTurn();
    expect(passed).toEqual([0, 1, 2]);
    await nextTurn();
    expect(passed).toEqual([0, 1, 2, 3, 4, 5]);
    await Promise.all(all);
    expect(passed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("holds starts through a burst, until for quietMs no interaction arrived and no answer came (looked at every quietMs)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 1000, quietMs: 20 });
    let started = false;
    gate.acknowledgement()();
    void gate.pass().then(() => (started = true));
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(10);
      gate.acknowledgement()();
    }
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(19);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(started).toBe(true);
  });

  it("under a burst that goes on, lets a start through after maxHoldMs, then one per turn, so jobs are never starved", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 500, quietMs: 20 });
    const passed: number[] = [];
    gate.acknowledgement()();
    for (const i of [1, 2, 3]) void gate.pass().then(() => passed.push(i));
    for (let t = 0; t < 480; t += 10) {
      await vi.advanceTimersByTimeAsync(10);
      gate.acknowledgement()();
    }
    expect(passed).toEqual([]);
    for (let i = 0; i < 10 && passed.length === 0; i++) {
      gate.acknowledgement()();
      await vi.advanceTimersToNextTimerAsync();
    }
    expect(passed).toEqual([1]);
    expect(performance.now()).toBeGreaterThanOrEqual(500);
    // the interactions keep coming: one start per turn
    gate.acknowledgement()();
    await vi.advanceTimersToNextTimerAsync();
    expect(passed).toEqual([1, 2]);
    gate.acknowledgement()();
    await vi.advanceTimersToNextTimerAsync();
    expect(passed).toEqual([1, 2, 3]);
  });

  it("does not wait for an answer still to come, but counts one that came as activity", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 1000, quietMs: 20 });
    const answered = gate.acknowledgement(); // its answer comes at 45 ms
    let first = false;
    void gate.pass().then(() => (first = true));
    await vi.advanceTimersByTimeAsync(40);
    expect(first).toBe(true);
    await vi.advanceTimersByTimeAsync(5);
    answered();
    let second = false;
    void gate.pass().then(() => (second = true));
    await vi.advanceTimersByTimeAsync(19);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(25);
    expect(second).toBe(true);
  });

  it("serves starts that ask while a batch is being let through", async () => {
    const gate = new StartGate({ perTurn: 2, maxHoldMs: 1000, quietMs: 20 });
    const passed: string[] = [];
    await gate.pass().then(() => {
      passed.push("a");
      void gate.pass().then(() => passed.push("late"));
    });
    await nextTurn();
    await nextTurn();
    expect(passed).toEqual(["a", "late"]);
  });

  it("keeps the order through a long queue (the part already let through is dropped as it goes)", async () => {
    const gate = new StartGate({ perTurn: 100, maxHoldMs: 1000, quietMs: 20 });
    const passed: number[] = [];
    await Promise.all(Array.from({ length: 3000 }, (_, i) => gate.pass().then(() => passed.push(i))));
    expect(passed).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it("refuses settings that would let nobody through or never see a pause", () => {
    expect(() => new StartGate({ perTurn: 0, maxHoldMs: 1, quietMs: 20 })).toThrow(RangeError);
    expect(() => new StartGate({ perTurn: 1, maxHoldMs: 1, quietMs: 0 })).toThrow(RangeError);
  });
});
