import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FalCapacity, type FalCapacityOptions, type FalSlot } from "../../src/generation/fal-capacity.js";
import { FairScheduler } from "../../src/generation/scheduler.js";

/** Lets every pending promise reaction run (fake timers leave setImmediate alone). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function capacity(options: Partial<FalCapacityOptions> = {}) {
  const changes: string[] = [];
  const scheduler = new FairScheduler(16);
  const fal = new FalCapacity(scheduler, {
    ceiling: 16,
    onChange: ({ limit, reason }) => changes.push(`${reason} ${limit}`),
    ...options,
  });
  const slots: FalSlot[] = [];
  let members = 0;
  /** n members ask for a place each; the granted places land in `slots`, in the order granted. */
  const ask = (n: number) => {
    for (let i = 0; i < n; i++) void fal.acquire({ key: `member ${++members}` }).then((slot) => slots.push(slot));
  };
  return { fal, scheduler, slots, changes, ask };
}

describe("FalCapacity", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts at 2, what every fal account may run, and never above the ceiling", () => {
    expect(capacity().fal.limit).toBe(2);
    expect(capacity({ ceiling: 1 }).fal.limit).toBe(1);
    expect(capacity({ known: 40 }).fal.limit).toBe(16);
    expect(capacity({ known: 5 }).fal.limit).toBe(5);
  });

  it("sends one more each time a request starts at once while every place is busy and jobs wait, up to the ceiling", async () => {
    const c = capacity({ ceiling: 4 });
    c.ask(10);
    await settle();
    expect(c.slots).toHaveLength(2);
    // Another of ours still waits at fal: no more yet.
    c.slots[1]!.queued();
    c.slots[0]!.running();
    expect(c.fal.limit).toBe(2);
    c.slots[1]!.running();
    expect(c.fal.limit).toBe(3);
    await settle();
    expect(c.slots).toHaveLength(3);
    c.slots[2]!.running();
    c.slots[2]!.running();
    expect(c.fal.limit).toBe(4);
    await settle();
    c.slots[3]!.running();
    expect(c.fal.limit).toBe(4);
    expect(c.changes).toEqual(["probing 3", "probing 4"]);
  });

  it("does not probe while nothing waits in falcord's queue", async () => {
    const c = capacity();
    c.ask(2);
    await settle();
    c.slots[0]!.running();
    c.slots[1]!.running();
    expect(c.fal.limit).toBe(2);
  });

  it("a request that waits at fal past fullAfterMs while others run sets the limit to those running, and holds it", async () => {
    const c = capacity({ initial: 6, fullAfterMs: 1000, holdMs: 30_000 });
    c.ask(20);
    await settle();
    expect(c.slots).toHaveLength(6);
    for (const slot of c.slots.slice(0, 4)) slot.running();
    c.slots[4]!.queued();
    c.slots[5]!.queued();
    // Two of ours have not started at fal: no probing meanwhile.
    vi.advanceTimersByTime(999);
    expect(c.fal.limit).toBe(6);
    vi.advanceTimersByTime(1);
    expect(c.fal.limit).toBe(4);
    expect(c.changes.at(-1)).toBe("found-full 4");

    // Within the hold, a request starting at once with every place busy does not probe.
    c.slots[0]!.release();
    c.slots[1]!.release();
    c.slots[4]!.running();
    c.slots[5]!.running();
    await settle();
    expect(c.fal.limit).toBe(4);
    // After it, the next such start probes again.
    vi.advanceTimersByTime(30_000);
    c.slots[2]!.release();
    await settle();
    c.slots.at(-1)!.running();
    expect(c.fal.limit).toBe(5);
  });

  it("a short wait at fal (dispatch, a runner starting) changes nothing, nor a wait while none of ours runs", async () => {
    const c = capacity({ initial: 3, fullAfterMs: 1000 });
    c.ask(3);
    await settle();
    c.slots[0]!.queued();
    vi.advanceTimersByTime(500);
    c.slots[0]!.running();
    vi.advanceTimersByTime(1000);
    expect(c.fal.limit).toBe(3);

    c.slots[1]!.queued();
    c.slots[0]!.release();
    vi.advanceTimersByTime(2000);
    expect(c.fal.limit).toBe(3);
    expect(c.changes).toEqual([]);
  });

  it("by default, a request seen queued in one status poll and running in the next (1 s apart) is not taken for a full account", async () => {
    const c = capacity({ initial: 3 });
    c.ask(5);
    await settle();
    c.slots[0]!.running();
    c.slots[1]!.running();
    c.slots[2]!.queued();
    vi.advanceTimersByTime(2000);
    c.slots[2]!.running();
    vi.advanceTimersByTime(5000);
    expect(c.changes.filter((change) => change.startsWith("found-full"))).toEqual([]);
  });

  it("a known limit never moves", async () => {
    const c = capacity({ known: 3, fullAfterMs: 10 });
    c.ask(10);
    await settle();
    c.slots[0]!.running();
    c.slots[1]!.running();
    c.slots[2]!.queued();
    vi.advanceTimersByTime(100);
    expect(c.fal.limit).toBe(3);
    c.slots[2]!.running();
    expect(c.fal.limit).toBe(3);
  });

  it("a place for a job resumed at fal is taken at once and counts", async () => {
    const c = capacity();
    c.ask(2);
    await settle();
    const resumed = c.fal.occupy("resumed");
    expect(c.scheduler.running).toBe(3);
    resumed.release();
    expect(c.scheduler.running).toBe(2);
  });
});
