// Turns at fal's account shared through the database, as a process's runner sees them: a job waits for its turn,
// hears its place in the line, leaves the line when its member cancels, and gets its turn when a place frees.
import { describe, expect, it } from "vitest";
import { createGenerationJobs } from "../../src/generation/job.js";
import { SharedFalCapacity } from "../../src/generation/shared-fal-capacity.js";
import { createFalTurnsRepository } from "../../src/store/fal-turns.js";
import { sampleJob } from "./job-fixture.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";

const open = databasesClosedAfterEach();

describe(`shared fal turns on ${testDialect}`, () => {
  it("grant in turn, report each waiting job's place, and let a cancelled job leave the line", async () => {
    const db = await open(await freshTarget());
    const owner = { id: "a", leaseMs: 60_000 };
    const jobs = createGenerationJobs(db, Date.now, owner);
    const errors: unknown[] = [];
    const capacity = new SharedFalCapacity(createFalTurnsRepository(db, owner, { ceiling: 4, known: 1, initial: 2 }), {
      pollMs: 20,
      onError: (error) => errors.push(error),
    });
    const ids: number[] = [];
    // One after the other: the line is in the order the jobs arrived.
    for (const [i, ref] of ["TURN01", "TURN02", "TURN03"].entries()) ids.push((await jobs.create(sampleJob(ref, { requesterId: `10000000000000000${i}` }))).id);
    const [first, second, third] = ids as [number, number, number];
    const places = new Map<number, number[]>();
    const cancel = new AbortController();
    const acquire = (jobId: number, signal?: AbortSignal) =>
      capacity.acquire({ jobId, key: `g:${jobId}`, ...(signal ? { signal } : {}), onPosition: (p) => places.set(jobId, [...(places.get(jobId) ?? []), p]) });

    const slot = await acquire(first);
    const waitingSecond = acquire(second, cancel.signal);
    const waitingThird = acquire(third);
    await expect.poll(() => places.get(third)?.at(-1)).toBe(2);
    expect(places.get(second)).toEqual([1]);
    expect(await capacity.queue()).toEqual({ waiting: 2, running: 1 });

    cancel.abort(new Error("cancelled by the member"));
    await expect(waitingSecond).rejects.toThrow("cancelled by the member");
    await jobs.markCancelled(second, { kind: "cancelled" });
    await expect.poll(() => places.get(third)?.at(-1)).toBe(1);

    // The first leaves fal: the third's turn comes.
    await jobs.markFailed(first, { kind: "unknown" });
    slot.release();
    await waitingThird;
    expect(places.get(third)?.at(-1)).toBe(0);
    expect(await capacity.queue()).toEqual({ waiting: 0, running: 1 });
    capacity.stop();
    expect(errors).toEqual([]);
  });
});
