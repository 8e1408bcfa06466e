import { afterEach, describe, expect, it, vi } from "vitest";
import { StartGate } from "../../src/jobs/start-gate.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("StartGate", () => {
  afterEach(() => vi.useRealTimers());

  it("lets at most perTurn starts through per turn of the event loop, in the order they asked", async () => {
    const gate = new StartGate({ perTurn: 3, maxHoldMs: 1000, quietMs: 0 });
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

  it("holds starts while an acknowledgement is in flight and releases them when the last one ends", async () => {
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 60_000, quietMs: 0 });
    const first = gate.acknowledgement();
    const second = gate.acknowledgement();
    let started = false;
    const start = gate.pass().then(() => (started = true));
    for (let i = 0; i < 5; i++) await nextTurn();
    first();
    first(); // ending twice counts once
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(started).toBe(false);
    second();
    await start;
    expect(started).toBe(true);
  });

  it("starts a held job anyway once it waited maxHoldMs, so a stream of acknowledgements cannot starve the jobs", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 500, quietMs: 0 });
    gate.acknowledgement(); // never ends
    const passed: number[] = [];
    for (const i of [1, 2, 3]) void gate.pass().then(() => passed.push(i));
    await vi.advanceTimersByTimeAsync(499);
    expect(passed).toEqual([]);
    const turns: number[][] = [];
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersToNextTimerAsync();
      turns.push([...passed]);
    }
    // one per turn while the acknowledgements go on
    expect(turns).toEqual([[], [1], [1, 2], [1, 2, 3]]);
  });

  it("holds starts through a burst: until no acknowledgement began for quietMs (looked at every quietMs), even between two of them", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    const gate = new StartGate({ perTurn: 10, maxHoldMs: 1000, quietMs: 20 });
    let started = false;
    gate.acknowledgement()();
    void gate.pass().then(() => (started = true));
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(10);
      gate.acknowledgement()(); // sent at once: none in flight, but the burst goes on
    }
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(19);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(started).toBe(true);
  });

  it("serves starts that ask while a batch is being let through", async () => {
    const gate = new StartGate({ perTurn: 2, maxHoldMs: 1000, quietMs: 0 });
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
    const gate = new StartGate({ perTurn: 100, maxHoldMs: 1000, quietMs: 0 });
    const passed: number[] = [];
    await Promise.all(Array.from({ length: 3000 }, (_, i) => gate.pass().then(() => passed.push(i))));
    expect(passed).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it("refuses a limit that would let nobody through", () => {
    expect(() => new StartGate({ perTurn: 0, maxHoldMs: 1, quietMs: 0 })).toThrow(RangeError);
  });
});
