import { describe, expect, it } from "vitest";
import { TurnGate } from "../../src/jobs/turn-gate.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("TurnGate", () => {
  it("lets at most perTurn callers through per turn of the event loop, in the order they called", async () => {
    const gate = new TurnGate(3);
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

  it("serves callers that arrive while a batch is being let through", async () => {
    const gate = new TurnGate(2);
    const passed: string[] = [];
    await gate.pass().then(() => {
      passed.push("a");
      void gate.pass().then(() => passed.push("late"));
    });
    await nextTurn();
    await nextTurn();
    expect(passed).toEqual(["a", "late"]);
  });

  it("refuses a limit that would let nobody through", () => {
    expect(() => new TurnGate(0)).toThrow(RangeError);
  });
});
