import { describe, expect, it } from "vitest";
import { FairScheduler, type Slot, type SlotRequest } from "../../src/generation/scheduler.js";

/** Lets every pending promise reaction run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Jobs named `${member}${n}` (a1, a2, b1…) that record when they start and the positions they were told. */
function harness(maxConcurrent: number) {
  const scheduler = new FairScheduler(maxConcurrent);
  const started: string[] = [];
  const held = new Map<string, Slot>();
  const positions = new Map<string, number[]>();
  const waitingNow = new Set<string>();
  const counters = new Map<string, number>();
  let peak = 0;

  function submit(member: string, extra: Partial<SlotRequest> = {}): { name: string; result: Promise<Slot> } {
    const n = (counters.get(member) ?? 0) + 1;
    counters.set(member, n);
    const name = `${member}${n}`;
    positions.set(name, []);
    waitingNow.add(name);
    const result = scheduler.acquire({
      key: member,
      onPosition: (position) => positions.get(name)!.push(position),
      ...extra,
    });
    result.then(
      (slot) => {
        started.push(name);
        held.set(name, slot);
        waitingNow.delete(name);
        peak = Math.max(peak, held.size);
      },
      () => waitingNow.delete(name),
    );
    return { name, result };
  }

  function submitMany(member: string, count: number): string[] {
    return Array.from({ length: count }, () => submit(member).name);
  }

  function finish(name: string): void {
    const slot = held.get(name);
    if (!slot) throw new Error(`${name} is not running`);
    held.delete(name);
    slot.release();
  }

  /** Finishes running jobs one at a time (oldest first, or newest first) until nothing runs or waits. */
  async function drain(order: "oldest" | "newest" = "oldest"): Promise<void> {
    await settle();
    while (held.size > 0) {
      const names = [...held.keys()];
      finish(order === "oldest" ? names[0]! : names[names.length - 1]!);
      await settle();
      expect(scheduler.running).toBeLessThanOrEqual(maxConcurrent);
    }
    expect(scheduler.waiting).toBe(0);
  }

  const last = (name: string) => positions.get(name)!.at(-1);
  /** The current waiters, ordered by the last position each was told. */
  const byPosition = () => [...waitingNow].sort((a, b) => last(a)! - last(b)!);

  return {
    scheduler,
    started,
    held,
    positions,
    submit,
    submitMany,
    finish,
    drain,
    last,
    byPosition,
    get peak() {
      return peak;
    },
  };
}

describe("FairScheduler", () => {
  it("starts two single jobs before the third job of a member who queued ten (2 slots)", async () => {
    for (const order of ["oldest", "newest"] as const) {
      const h = harness(2);
      h.submitMany("h", 10);
      h.submit("s");
      h.submit("t");
      await h.drain(order);
      expect(h.started.slice(0, 4)).toEqual(["h1", "h2", "s1", "t1"]);
      expect(h.started).toHaveLength(12);
    }
  });

  it("also starts the single jobs first when they arrive while the heavy member is still queueing", async () => {
    const h = harness(2);
    h.submitMany("h", 4);
    h.submit("s");
    h.submitMany("h", 6);
    h.submit("t");
    await h.drain();
    expect(h.started.slice(0, 4)).toEqual(["h1", "h2", "s1", "t1"]);
  });

  it("grants a member's own jobs in the order it queued them", async () => {
    const h = harness(3);
    h.submitMany("a", 8);
    h.submitMany("b", 3);
    h.submitMany("a", 4);
    await h.drain("newest");
    const ofA = h.started.filter((name) => name.startsWith("a"));
    expect(ofA).toEqual(Array.from({ length: 12 }, (_, i) => `a${i + 1}`));
    expect(h.started.filter((name) => name.startsWith("b"))).toEqual(["b1", "b2", "b3"]);
  });

  it("rotates between members one job at a time", async () => {
    const h = harness(1);
    h.submitMany("a", 5);
    h.submitMany("b", 5);
    h.submit("c");
    await h.drain();
    expect(h.started).toEqual(["a1", "b1", "c1", "a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5"]);
  });

  it("keeps the rotation when members resubmit as soon as their job ends", async () => {
    const h = harness(1);
    h.submitMany("a", 6);
    const resubmitting = new Map([
      ["b", 4],
      ["c", 4],
    ]);
    for (const member of resubmitting.keys()) h.submit(member);
    await settle();
    while (h.held.size > 0) {
      const [name] = [...h.held.keys()];
      h.finish(name!);
      const member = name![0]!;
      const left = resubmitting.get(member) ?? 0;
      if (left > 1) {
        resubmitting.set(member, left - 1);
        h.submit(member);
      }
      await settle();
    }
    // b and c are never waiting while their job runs, and still do not get ahead of a.
    expect(h.started.map((name) => name[0]).join("")).toBe("abcabcabcabcaa");
  });

  it("never holds more than maxConcurrent slots and never leaves one idle while somebody waits", async () => {
    const h = harness(3);
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let submitted = 0;
    while (submitted < 200 || h.held.size > 0) {
      if (submitted < 200 && random() < 0.6) {
        h.submit("abcde"[Math.floor(random() * 5)]!);
        submitted++;
      } else if (h.held.size > 0) {
        const names = [...h.held.keys()];
        h.finish(names[Math.floor(random() * names.length)]!);
      }
      await settle();
      expect(h.scheduler.running).toBe(h.held.size);
      expect(h.scheduler.running).toBeLessThanOrEqual(3);
      if (h.scheduler.waiting > 0) expect(h.scheduler.running).toBe(3);
    }
    expect(h.peak).toBe(3);
    expect(h.started).toHaveLength(200);
    expect(h.scheduler.waiting).toBe(0);
  });

  it("takes an aborted waiter out of the queue, rejects with the reason and moves those behind it up", async () => {
    const h = harness(1);
    h.submit("x");
    h.submit("a");
    const controller = new AbortController();
    const b = h.submit("b", { signal: controller.signal });
    h.submit("c");
    await settle();
    expect([h.last("a1"), h.last("b1"), h.last("c1")]).toEqual([1, 2, 3]);
    expect(h.scheduler.waiting).toBe(3);

    const reason = new Error("the user cancelled");
    controller.abort(reason);
    await expect(b.result).rejects.toBe(reason);
    expect(h.scheduler.waiting).toBe(2);
    expect(h.positions.get("a1")).toEqual([1]);
    expect(h.positions.get("b1")).toEqual([2]);
    expect(h.positions.get("c1")).toEqual([3, 2]);

    await h.drain();
    expect(h.started).toEqual(["x1", "a1", "c1"]);
  });

  it("forgets a member whose only waiter aborted, and ranks it as new when it comes back", async () => {
    const h = harness(1);
    h.submit("x");
    const controller = new AbortController();
    h.submit("a", { signal: controller.signal }).result.catch(() => {});
    h.submit("b");
    controller.abort();
    await settle();
    expect(h.last("b1")).toBe(1);
    h.submit("a");
    await h.drain();
    expect(h.started).toEqual(["x1", "b1", "a2"]);
    expect(h.scheduler["members"].size).toBe(0);
  });

  it("rejects at once when the signal is already aborted, even with a slot free", async () => {
    const h = harness(1);
    const reason = new Error("already gone");
    const { result } = h.submit("a", { signal: AbortSignal.abort(reason) });
    await expect(result).rejects.toBe(reason);
    expect(h.scheduler.running).toBe(0);
    expect(h.positions.get("a1")).toEqual([]);
  });

  it("ignores an abort once the slot is granted", async () => {
    const h = harness(1);
    const controller = new AbortController();
    h.submit("a", { signal: controller.signal });
    h.submit("b");
    await settle();
    controller.abort();
    await settle();
    expect(h.scheduler.running).toBe(1);
    expect(h.scheduler.waiting).toBe(1);
    await h.drain();
    expect(h.started).toEqual(["a1", "b1"]);
  });

  it("makes release idempotent", async () => {
    const scheduler = new FairScheduler(1);
    const first = await scheduler.acquire({ key: "a" });
    const second = scheduler.acquire({ key: "b" });
    const third = scheduler.acquire({ key: "c" });
    first.release();
    first.release();
    expect(scheduler.running).toBe(1);
    expect(scheduler.waiting).toBe(1);
    const slot = await second;
    first.release();
    expect(scheduler.waiting).toBe(1);
    slot.release();
    (await third).release();
    slot.release();
    expect(scheduler.running).toBe(0);
    expect(scheduler.waiting).toBe(0);
  });

  it("reports 1-based positions in grant order, and 0 when granted", async () => {
    const h = harness(1);
    h.submit("h");
    h.submitMany("h", 2);
    h.submit("s");
    await settle();
    expect(h.positions.get("h1")).toEqual([0]);
    // s has never had a slot, so it goes before h's queue.
    expect(h.positions.get("h2")).toEqual([1, 2]);
    expect(h.positions.get("h3")).toEqual([2, 3]);
    expect(h.positions.get("s1")).toEqual([1]);
    expect(h.byPosition()).toEqual(["s1", "h2", "h3"]);

    h.finish("h1");
    expect(h.positions.get("s1")).toEqual([1, 0]);
    expect(h.positions.get("h2")).toEqual([1, 2, 1]);
    expect(h.positions.get("h3")).toEqual([2, 3, 2]);
    await h.drain();
    expect(h.started).toEqual(["h1", "s1", "h2", "h3"]);
  });

  it("only calls back waiters whose position changed", async () => {
    const h = harness(1);
    h.submit("x");
    h.submitMany("a", 3);
    h.submit("b");
    await settle();
    // a1 stays first when b arrives; a2 and a3 move back behind b1.
    expect(h.positions.get("a1")).toEqual([1]);
    expect(h.positions.get("a2")).toEqual([2, 3]);
    expect(h.positions.get("a3")).toEqual([3, 4]);
    expect(h.positions.get("b1")).toEqual([2]);
  });

  it("hands a released slot to the right waiter on the next microtask", async () => {
    const h = harness(2);
    h.submitMany("a", 3);
    h.submit("b");
    await settle();
    h.finish("a1");
    expect(h.scheduler.running).toBe(2);
    expect(h.scheduler.waiting).toBe(1);
    await Promise.resolve();
    expect(h.started).toEqual(["a1", "a2", "b1"]);
  });

  it("grants each waiter whose last position was 1 when a slot frees, under random traffic", async () => {
    const h = harness(2);
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const controllers = new Map<string, AbortController>();
    for (let step = 0; step < 400; step++) {
      const roll = random();
      if (roll < 0.5) {
        const controller = new AbortController();
        const { name, result } = h.submit("pqrs"[Math.floor(random() * 4)]!, { signal: controller.signal });
        result.catch(() => {});
        controllers.set(name, controller);
      } else if (roll < 0.6 && h.scheduler.waiting > 0) {
        const waiters = h.byPosition();
        controllers.get(waiters[Math.floor(random() * waiters.length)]!)!.abort();
      } else if (h.held.size > 0) {
        const expected = h.byPosition()[0];
        const names = [...h.held.keys()];
        h.finish(names[Math.floor(random() * names.length)]!);
        await settle();
        if (expected) expect(h.started.at(-1)).toBe(expected);
      }
      await settle();
      const order = h.byPosition();
      expect(order.map((name) => h.last(name))).toEqual(order.map((_, i) => i + 1));
      expect(order).toHaveLength(h.scheduler.waiting);
    }
    await h.drain();
  });

  it("reports each position once when a callback changes the queue again", async () => {
    const scheduler = new FairScheduler(1);
    const seen = new Map<string, number[]>();
    const track = (name: string) => (position: number) => seen.set(name, [...(seen.get(name) ?? []), position]);
    const aborts = { a: new AbortController(), e: new AbortController() };
    const first = await scheduler.acquire({ key: "x" });
    scheduler.acquire({ key: "a", signal: aborts.a.signal }).catch(() => {});
    const b = scheduler.acquire({
      key: "b",
      onPosition: (position) => {
        track("b")(position);
        // Runs in the middle of reporting the change that a's abort made, before c is told about it.
        if (position === 1) aborts.e.abort();
      },
    });
    scheduler.acquire({ key: "e", signal: aborts.e.signal }).catch(() => {});
    const c = scheduler.acquire({ key: "c", onPosition: track("c") });
    aborts.a.abort();
    expect(seen.get("b")).toEqual([2, 1]);
    expect(seen.get("c")).toEqual([4, 2]);
    expect(scheduler.waiting).toBe(2);
    first.release();
    expect(seen.get("b")).toEqual([2, 1, 0]);
    expect(seen.get("c")).toEqual([4, 2, 1]);
    (await b).release();
    (await c).release();
    expect(seen.get("c")).toEqual([4, 2, 1, 0]);
    expect(scheduler.running).toBe(0);
  });

  it("passes what a callback throws to onError and keeps working", async () => {
    const errors: unknown[] = [];
    const scheduler = new FairScheduler(1, { onError: (error) => errors.push(error) });
    const boom = new Error("boom");
    const first = await scheduler.acquire({ key: "a" });
    const second = scheduler.acquire({
      key: "b",
      onPosition: () => {
        throw boom;
      },
    });
    first.release();
    (await second).release();
    expect(errors).toEqual([boom, boom]);
    expect(scheduler.running).toBe(0);
  });

  it("rejects a limit below 1 or fractional, at construction and when changed", () => {
    expect(() => new FairScheduler(0)).toThrow(RangeError);
    expect(() => new FairScheduler(1.5)).toThrow(RangeError);
    expect(() => new FairScheduler(2).setLimit(0)).toThrow(RangeError);
  });

  it("a raised limit grants waiters at once, in turn; a lowered one takes nothing back and grants nothing until below it", async () => {
    const h = harness(2);
    h.submitMany("a", 3);
    h.submit("b");
    h.submit("c");
    await settle();
    expect(h.started).toEqual(["a1", "a2"]);

    h.scheduler.setLimit(4);
    await settle();
    expect(h.started).toEqual(["a1", "a2", "b1", "c1"]);
    expect(h.scheduler.running).toBe(4);

    h.scheduler.setLimit(1);
    h.finish("a1");
    h.finish("a2");
    await settle();
    // Two still held against a limit of 1: a3 waits.
    expect(h.started).toEqual(["a1", "a2", "b1", "c1"]);
    h.finish("b1");
    await settle();
    expect(h.started).toEqual(["a1", "a2", "b1", "c1"]);
    h.finish("c1");
    await settle();
    expect(h.started).toEqual(["a1", "a2", "b1", "c1", "a3"]);
    expect(h.positions.get("a3")).toEqual([1, 2, 3, 1, 0]);
  });

  it("occupy grants at once above the limit, counts like any slot and sends its member to the back of the rotation", async () => {
    const h = harness(1);
    h.submit("a");
    h.submit("b");
    await settle();
    const resumed = h.scheduler.occupy("c");
    expect(h.scheduler.running).toBe(2);
    h.finish("a1");
    await settle();
    // Still 1 held (c's) against a limit of 1: b waits.
    expect(h.started).toEqual(["a1"]);
    resumed.release();
    await settle();
    expect(h.started).toEqual(["a1", "b1"]);
  });

  it("serves 500 waiters on 16 slots in round robin and forgets everybody at the end", async () => {
    const h = harness(16);
    const members = Array.from({ length: 25 }, (_, i) => `m${String(i).padStart(2, "0")}-`);
    for (const member of members) h.submitMany(member, 20);
    await settle();
    expect(h.scheduler.running).toBe(16);
    expect(h.scheduler.waiting).toBe(484);

    // m00 filled every slot before the others arrived, so each of them goes once before m00 goes again.
    const [heavy, ...others] = members;
    const expected = Array.from({ length: 16 }, (_, i) => `${heavy}${i + 1}`);
    for (const member of others) expected.push(`${member}1`);
    for (let round = 2; round <= 20; round++) {
      const job = 16 + round - 1;
      if (job <= 20) expected.push(`${heavy}${job}`);
      for (const member of others) expected.push(`${member}${round}`);
    }
    expect(h.byPosition()).toEqual(expected.slice(16));

    await h.drain();
    expect(h.started).toEqual(expected);
    expect(h.peak).toBe(16);
    expect(h.scheduler["members"].size).toBe(0);
  });
});
