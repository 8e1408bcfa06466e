import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EditTurns } from "../../src/discord/progress-pacer.js";
import { ThrottledEditor } from "../../src/discord/throttled-editor.js";

function recorder(latencyMs: number) {
  const sent: { text: string; at: number; done?: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (text: string) => {
    const entry: { text: string; at: number; done?: number } = { text, at: performance.now() };
    sent.push(entry);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    inFlight--;
    entry.done = performance.now();
  };
  return { sent, send, maxInFlight: () => maxInFlight };
}

describe("ThrottledEditor", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("sends the first text at once, then at most one edit per interval, always ending on the newest text", async () => {
    const r = recorder(100);
    const editor = new ThrottledEditor(r.send, 1500, () => {});
    for (let i = 0; i < 40; i++) {
      editor.show(`step ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(3000);
    await editor.close();
    expect(r.sent[0]!.text).toBe("step 0");
    expect(r.sent.at(-1)!.text).toBe("step 39");
    for (let i = 1; i < r.sent.length; i++) expect(r.sent[i]!.at - r.sent[i - 1]!.at).toBeGreaterThanOrEqual(1500);
    expect(r.sent.length).toBeLessThanOrEqual(4 + 1);
    expect(r.maxInFlight()).toBe(1);
  });

  it("skips a text equal to the last one sent", async () => {
    const r = recorder(10);
    const editor = new ThrottledEditor(r.send, 1000, () => {});
    editor.show("same");
    await vi.advanceTimersByTimeAsync(2000);
    editor.show("same");
    await vi.advanceTimersByTimeAsync(2000);
    await editor.close();
    expect(r.sent.map((s) => s.text)).toEqual(["same"]);
  });

  it("never overlaps edits when one is slower than the interval", async () => {
    const r = recorder(2500);
    const editor = new ThrottledEditor(r.send, 1000, () => {});
    for (let i = 0; i < 10; i++) {
      editor.show(`t${i}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    await editor.close();
    expect(r.maxInFlight()).toBe(1);
    for (let i = 1; i < r.sent.length; i++) expect(r.sent[i]!.at).toBeGreaterThanOrEqual(r.sent[i - 1]!.done!);
  });

  it("close waits for the edit in flight and sends nothing after", async () => {
    const r = recorder(300);
    const editor = new ThrottledEditor(r.send, 1000, () => {});
    editor.show("a");
    editor.show("b");
    let closed = false;
    const closing = editor.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(299);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(r.sent[0]!.done).toBe(300);
    editor.show("c");
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.sent.map((s) => s.text)).toEqual(["a"]);
  });

  it("reports a failed edit and keeps going", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const editor = new ThrottledEditor(
      async () => {
        if (++calls === 1) throw new Error("429");
      },
      100,
      (error) => errors.push(error),
    );
    editor.show("x");
    await vi.advanceTimersByTimeAsync(10);
    editor.show("y");
    await vi.advanceTimersByTimeAsync(500);
    await editor.close();
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });
});

describe("ThrottledEditor after a fresh write", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("waits a whole interval before its first edit, and sends nothing for a job closed within it", async () => {
    const sent: number[] = [];
    const editor = new ThrottledEditor(async () => void sent.push(performance.now()), 1500, () => {}, { lastEditAt: performance.now() });
    editor.show("queued");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeGreaterThanOrEqual(1500);

    const quick = new ThrottledEditor(async () => void sent.push(performance.now()), 1500, () => {}, { lastEditAt: performance.now() });
    quick.show("queued");
    await vi.advanceTimersByTimeAsync(1000);
    await quick.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
  });

  it("counts the interval again from restartInterval (a job reaching fal), so no edit comes sooner than one interval after it", async () => {
    const r = recorder(10);
    const editor = new ThrottledEditor(r.send, 1500, () => {}, { lastEditAt: performance.now() });
    await vi.advanceTimersByTimeAsync(1000);
    editor.restartInterval();
    const restartedAt = performance.now();
    editor.show("generating");
    await vi.advanceTimersByTimeAsync(1400);
    expect(r.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(r.sent.map((s) => s.text)).toEqual(["generating"]);
    expect(r.sent[0]!.at - restartedAt).toBeGreaterThanOrEqual(1500);
    await editor.close();
  });

  it("never moves the interval's start backwards", async () => {
    const r = recorder(10);
    const editor = new ThrottledEditor(r.send, 1500, () => {});
    editor.restartInterval(1000); // the interval counts from 1000
    editor.restartInterval(); // now (0) is earlier: ignored
    editor.show("x");
    await vi.advanceTimersByTimeAsync(2450);
    expect(r.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.sent.map((s) => s.text)).toEqual(["x"]);
    await editor.close();
  });

  it("adds restartInterval's offset to the wait", async () => {
    const r = recorder(10);
    const editor = new ThrottledEditor(r.send, 1500, () => {});
    editor.restartInterval(250);
    editor.show("at fal");
    await vi.advanceTimersByTimeAsync(1700);
    expect(r.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.sent.map((s) => s.text)).toEqual(["at fal"]);
    await editor.close();
  });
});

describe("ThrottledEditor sharing a budget", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  /** Turns handed out by the test: `grant()` lets the oldest waiting edit go. */
  function turnsByHand() {
    const waiting: { go: () => boolean; withdrawn: boolean }[] = [];
    const turns: EditTurns = {
      wait(go) {
        const turn = { go, withdrawn: false };
        waiting.push(turn);
        return () => void (turn.withdrawn = true);
      },
    };
    const grant = () => {
      const turn = waiting.shift();
      if (turn && !turn.withdrawn) turn.go();
    };
    return { turns, waiting, grant };
  }

  /** An editor with a 1 s interval on hand-granted turns, recording what it sends. */
  function editorOnTurns(lastEditAt?: number) {
    const r = recorder(10);
    const t = turnsByHand();
    const editor = new ThrottledEditor(r.send, 1000, () => {}, { ...(lastEditAt === undefined ? {} : { lastEditAt }), turns: t.turns });
    return { r, t, editor };
  }

  it("asks for a turn only when an edit is due, and sends the newest text when the turn comes", async () => {
    const { r, t, editor } = editorOnTurns(performance.now());
    editor.show("queued");
    await vi.advanceTimersByTimeAsync(500);
    expect(t.waiting).toHaveLength(0); // not due yet
    await vi.advanceTimersByTimeAsync(600);
    expect(t.waiting).toHaveLength(1);
    editor.show("generating 1s");
    editor.show("generating 2s");
    await vi.advanceTimersByTimeAsync(3000);
    expect(r.sent).toEqual([]); // due, but no turn yet
    expect(t.waiting).toHaveLength(1); // and it asked once
    t.grant();
    await vi.advanceTimersByTimeAsync(20);
    expect(r.sent.map((s) => s.text)).toEqual(["generating 2s"]);
    await editor.close();
  });

  it("gives its turn up on close and sends nothing after", async () => {
    const { r, t, editor } = editorOnTurns();
    editor.show("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(t.waiting).toHaveLength(1);
    await editor.close();
    expect(t.waiting[0]!.withdrawn).toBe(true);
    t.waiting[0]!.go(); // a pacer that hands out the turn anyway changes nothing
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.sent).toEqual([]);
  });

  it("waits again when the interval restarted while it waited for its turn", async () => {
    const { r, t, editor } = editorOnTurns();
    editor.show("queued");
    await vi.advanceTimersByTimeAsync(0);
    editor.restartInterval();
    t.grant();
    await vi.advanceTimersByTimeAsync(900);
    expect(r.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    t.grant();
    await vi.advanceTimersByTimeAsync(10);
    expect(r.sent.map((s) => s.text)).toEqual(["queued"]);
    expect(r.sent[0]!.at).toBeGreaterThanOrEqual(1000);
    await editor.close();
  });
});
