// Job leases (several processes on one database): a process claims the jobs nobody runs, renews its own, and takes
// over a dead one's once their lease ran out; a job goes to one process at a time, however many claim at once.
import { describe, expect, it } from "vitest";
import { createGenerationJobs } from "../../src/generation/job.js";
import { createLedgerRepository } from "../../src/store/ledger.js";
import { sampleJob } from "./job-fixture.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";

const open = databasesClosedAfterEach();

/** Processes on one database, with one clock. */
async function processes(names: string[], leaseMs = 1000) {
  const target = await freshTarget();
  let clock = 10_000;
  // SQLite in memory is one database per connection: the processes share the connection there.
  const shared = testDialect === "sqlite" ? await open(target) : undefined;
  const each = await Promise.all(
    names.map(async (id) => {
      const db = shared ?? (await open(target));
      const owner = { id, leaseMs };
      return { id, jobs: createGenerationJobs(db, () => clock, owner), ledger: createLedgerRepository(db, () => clock, owner) };
    }),
  );
  return { each, advance: (ms: number) => (clock += ms) };
}

describe(`job leases on ${testDialect}`, () => {
  it("are the admitting process's; renewed, kept; after a restart the same process takes its own back at once", async () => {
    const { each, advance } = await processes(["a", "b"]);
    const [a, b] = each as [(typeof each)[number], (typeof each)[number]];
    const admitted = await a.ledger.admit({ job: sampleJob("LEASE1"), guildId: "200000000000000001", images: 1, usd: 0.039, day: "2026-12-03", decide: () => [] });
    if (!admitted.ok) throw new Error("not admitted");
    const id = admitted.job.id;
    const own = await a.jobs.create(sampleJob("LEASE2"));
    expect(await b.jobs.claim({ othersOnly: true })).toEqual([]);
    advance(900);
    expect(await a.jobs.renewLeases()).toEqual(new Set([id, own.id]));
    advance(900);
    // Renewed 900 ms ago: still a's.
    expect(await b.jobs.claim({ othersOnly: true })).toEqual([]);
    // a restarted: its own jobs, at once, oldest first; b has none.
    expect((await a.jobs.claim()).map((job) => job.ref)).toEqual(["LEASE1", "LEASE2"]);
    expect(await b.jobs.renewLeases()).toEqual(new Set());
  });

  it("run out when not renewed: another process takes the jobs over, the first loses them; finished jobs stay where they are", async () => {
    const { each, advance } = await processes(["a", "b"]);
    const [a, b] = each as [(typeof each)[number], (typeof each)[number]];
    const running = await a.jobs.create(sampleJob("DEAD01"));
    const done = await a.jobs.create(sampleJob("DEAD02"));
    await a.jobs.markFailed(done.id, { kind: "unknown" });
    advance(1001);
    const taken = await b.jobs.claim({ othersOnly: true });
    expect(taken.map((job) => job.ref)).toEqual(["DEAD01"]);
    expect(await b.jobs.renewLeases()).toEqual(new Set([running.id]));
    expect(await a.jobs.renewLeases()).toEqual(new Set());
    // Taken once: a third look finds nothing.
    expect(await b.jobs.claim({ othersOnly: true })).toEqual([]);
  });

  it("fence a process that stalled past its lease: it can no longer submit or deliver the jobs another took over", async () => {
    const { each, advance } = await processes(["a", "b"]);
    const [a, b] = each as [(typeof each)[number], (typeof each)[number]];
    const waiting = await a.jobs.create(sampleJob("FENCE1"));
    const atFal = await a.jobs.create(sampleJob("FENCE2"));
    const done = await a.jobs.create(sampleJob("FENCE3"));
    for (const job of [atFal, done]) {
      expect(await a.jobs.markSubmitting(job.id)).toBe(true);
      expect(await a.jobs.markSubmitted(job.id, `req-${job.ref}`, {})).toBe(true);
    }
    expect(await a.jobs.markCompleted(done.id, { images: [] }, 0.039, 1)).toBe(true);
    // a stalls; its leases run out and b takes the three jobs over.
    advance(1001);
    expect((await b.jobs.claim({ othersOnly: true })).map((job) => job.ref)).toEqual(["FENCE1", "FENCE2", "FENCE3"]);
    // a wakes: each step only the owner takes is refused, and the jobs are as b has them.
    expect(await a.jobs.markSubmitting(waiting.id)).toBe(false);
    expect(await a.jobs.markResubmitting(atFal.id)).toBe(false);
    expect(await a.jobs.holdForDelivery(done.id)).toBe(false);
    expect((await b.jobs.get(waiting.id))?.state).toBe("accepted");
    expect((await b.jobs.get(atFal.id))?.state).toBe("submitted");
    // b, the owner, may; holding renews its lease.
    expect(await b.jobs.markSubmitting(waiting.id)).toBe(true);
    advance(900);
    expect(await b.jobs.holdForDelivery(done.id)).toBe(true);
    advance(900);
    // The two b did not renew ran out again; the one b held for its delivery did not.
    expect((await a.jobs.claim({ othersOnly: true })).map((job) => job.ref)).toEqual(["FENCE1", "FENCE2"]);
    // Nothing left to hold once it is delivered.
    expect(await b.jobs.markDelivered(done.id)).toBe(true);
    expect(await b.jobs.holdForDelivery(done.id)).toBe(false);
  });

  it("a Retry that redelivers a result makes the process whose button asked the job's owner", async () => {
    const { each } = await processes(["a", "b"]);
    const [a, b] = each as [(typeof each)[number], (typeof each)[number]];
    const job = await a.jobs.create(sampleJob("RETRY1"));
    expect(await a.jobs.markSubmitting(job.id)).toBe(true);
    expect(await a.jobs.markSubmitted(job.id, "req-retry", {})).toBe(true);
    expect(await a.jobs.markCompleted(job.id, { images: [] }, 0.039, 1)).toBe(true);
    expect(await a.jobs.markFailed(job.id, { kind: "unknown" })).toBe(true);
    const via = { applicationId: "100000000000000009", interactionToken: "token", tokenExpiresAt: Date.now() + 900_000 };
    expect(await b.jobs.markRedelivering(job.id, via)).toBe(true);
    expect(await a.jobs.holdForDelivery(job.id)).toBe(false);
    expect(await b.jobs.holdForDelivery(job.id)).toBe(true);
  });

  it("go to one process each when several claim the same orphaned jobs at once", async () => {
    const { each, advance } = await processes(["dead", "b", "c", "d"]);
    const [dead, ...living] = each;
    for (let i = 0; i < 60; i++) await dead!.jobs.create(sampleJob(`ORPH${String(i).padStart(2, "0")}`));
    advance(1001);
    const claims = await Promise.all(living.flatMap((p) => [p.jobs.claim({ othersOnly: true }), p.jobs.claim({ othersOnly: true })]));
    const refs = claims.flat().map((job) => job.ref);
    expect(new Set(refs).size).toBe(refs.length);
    let rest = 0;
    for (const p of living) rest += (await p.jobs.claim({ othersOnly: true })).length;
    expect(refs.length + rest).toBe(60);
  });
});
