// Members' turns at fal's account, given in the database for every process at once: round robin across members,
// oldest first within one, never more jobs at fal than the limit however many processes ask at once, and the limit
// found out (raised while every place runs, lowered to what runs when a request waits at fal).
import { describe, expect, it } from "vitest";
import { createGenerationJobs } from "../../src/generation/job.js";
import type { Db } from "../../src/store/database.js";
import { createFalTurnsRepository, type FalTurnLimits } from "../../src/store/fal-turns.js";
import { sampleJob } from "./job-fixture.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";

const open = databasesClosedAfterEach();
const leaseMs = 60_000;
let clock = 10_000;
const now = () => clock;

/** Processes on one database; on SQLite in memory (one database per connection) they share the connection. */
async function processes(names: string[], limits: FalTurnLimits) {
  const target = await freshTarget();
  const shared = testDialect === "sqlite" ? await open(target) : undefined;
  return Promise.all(
    names.map(async (id) => {
      const db: Db = shared ?? (await open(target));
      const owner = { id, leaseMs };
      return { id, jobs: createGenerationJobs(db, now, owner), turns: createFalTurnsRepository(db, owner, limits) };
    }),
  );
}

type Process = Awaited<ReturnType<typeof processes>>[number];

const member = (n: number) => `10000000000000000${n}`;

async function waiting(process: Process, ref: string, requester: number) {
  return process.jobs.create(sampleJob(ref, { requesterId: member(requester) }));
}

async function refsOf(process: Process, ids: readonly number[]) {
  return Promise.all(ids.map(async (id) => (await process.jobs.get(id))!.ref));
}

describe(`fal's turns on ${testDialect}`, () => {
  it("go round robin across members, oldest first within one: a light member is not stuck behind a heavy one", async () => {
    const [a, b] = await processes(["a", "b"], { ceiling: 8, known: 1, initial: 2 });
    const heavy = [];
    for (let i = 1; i <= 4; i++) heavy.push(await waiting(a!, `HEAVY${i}`, 1));
    // The light member's job reaches another process, after the heavy member's four.
    const light = await waiting(b!, "LIGHT1", 2);

    const first = await a!.turns.round(now());
    expect(await refsOf(a!, first.grantedHere)).toEqual(["HEAVY1"]);
    expect(first).toMatchObject({ limit: 1, held: 1 });
    // Everyone's first job before anyone's second: the light member is next.
    expect(first.waiting.map((job) => job.id)).toEqual([light.id, heavy[1]!.id, heavy[2]!.id, heavy[3]!.id]);
    // What the metrics read, from any process.
    expect(await b!.turns.line(now())).toEqual({ waiting: 4, held: 1 });

    // Nothing is free until the first leaves fal: b's round gives nothing.
    expect(await b!.turns.round(now())).toMatchObject({ held: 1, grantedHere: [] });
    await a!.jobs.markFailed(heavy[0]!.id, { kind: "unknown" });
    const second = await b!.turns.round(now());
    expect(await refsOf(b!, second.grantedHere)).toEqual(["LIGHT1"]);
    // a sees its own grants only.
    expect((await a!.turns.round(now())).grantedHere).toEqual([]);
    await b!.jobs.markFailed(light.id, { kind: "unknown" });
    expect(await refsOf(a!, (await a!.turns.round(now())).grantedHere)).toEqual(["HEAVY2"]);
  });

  it("hold a place from the turn until the job leaves fal; jobs whose process died wait for their lease to be taken", async () => {
    const [a] = await processes(["a"], { ceiling: 8, known: 2, initial: 2 });
    const one = await waiting(a!, "HOLD01", 1);
    const two = await waiting(a!, "HOLD02", 2);
    const three = await waiting(a!, "HOLD03", 3);
    expect((await a!.turns.round(now())).grantedHere).toEqual([one.id, two.id]);
    // Submitted, running, and back to waiting for the next step: still held.
    await a!.jobs.markSubmitting(one.id, "");
    await a!.jobs.markSubmitted(one.id, "req-1", {});
    await a!.jobs.markRunning(one.id);
    expect(await a!.turns.round(now())).toMatchObject({ held: 2, running: 1, waiting: [{ id: three.id }] });
    await a!.jobs.markCompleted(one.id, { images: [], description: "" }, 0.039, 0);
    // Completed (being delivered) no longer holds a place; the third job's turn comes.
    expect((await a!.turns.round(now())).grantedHere).toEqual([two.id, three.id]);

    const orphan = await waiting(a!, "HOLD04", 4);
    clock += leaseMs + 1;
    await a!.jobs.markFailed(two.id, { kind: "unknown" });
    // Nobody runs the orphan: it gets no turn (it would hold a place nobody uses) until a process claims it.
    expect(await a!.turns.round(now())).toMatchObject({ held: 1, waiting: [] });
    await a!.jobs.claim();
    expect((await a!.turns.round(now())).grantedHere).toContain(orphan.id);
  });

  it("never put more jobs at fal than the limit, however many processes ask at once", async () => {
    const names = ["p1", "p2", "p3", "p4"];
    const each = await processes(names, { ceiling: 8, known: 5, initial: 2 });
    for (let i = 0; i < 40; i++) await waiting(each[i % 4]!, `BURST${String(i).padStart(2, "0")}`, i % 7);
    // Eight rounds at once, two per process; on PostgreSQL each process has its own connections.
    const rounds = await Promise.all([...each, ...each].map((process) => process.turns.round(now())));
    const granted = new Set(rounds.flatMap((round) => round.grantedHere));
    expect(granted.size).toBe(5);
    const last = await each[0]!.turns.round(now());
    expect(last).toMatchObject({ limit: 5, held: 5 });
    expect(last.waiting).toHaveLength(35);
    // Five different members got the five turns.
    const members = await Promise.all([...granted].map(async (id) => (await each[0]!.jobs.get(id))!.requesterId));
    expect(new Set(members).size).toBe(5);
  });

  it("find the account's limit: one more while every place runs and jobs wait; down to what runs when a request waits at fal", async () => {
    const [a] = await processes(["a"], { ceiling: 4, initial: 2 });
    const jobs = [];
    for (let i = 1; i <= 5; i++) jobs.push(await waiting(a!, `FIND0${i}`, i));
    expect(await a!.turns.round(now())).toMatchObject({ limit: 2, grantedHere: [jobs[0]!.id, jobs[1]!.id] });
    // Both granted but neither runs yet: no more.
    expect((await a!.turns.round(now())).raised).toBeUndefined();
    for (const job of jobs.slice(0, 2)) {
      await a!.jobs.markSubmitting(job.id, "");
      await a!.jobs.markSubmitted(job.id, `req-${job.id}`, {});
      await a!.jobs.markRunning(job.id);
    }
    const raised = await a!.turns.round(now());
    expect(raised).toMatchObject({ limit: 3, raised: 3, grantedHere: [jobs[2]!.id] });
    // The third waits at fal while two run: the account runs two.
    await a!.jobs.markSubmitting(jobs[2]!.id, "");
    await a!.jobs.markSubmitted(jobs[2]!.id, "req-3", {});
    expect(await a!.turns.foundFull(now() + 30_000)).toBe(2);
    expect(await a!.turns.foundFull(now() + 30_000)).toBeUndefined();
    // Held at 2 for 30 s even once all run.
    await a!.jobs.markRunning(jobs[2]!.id);
    expect(await a!.turns.round(now())).toMatchObject({ limit: 2, held: 3, grantedHere: [] });
    clock += 30_001;
    await a!.jobs.markFailed(jobs[0]!.id, { kind: "unknown" });
    await a!.jobs.markFailed(jobs[1]!.id, { kind: "unknown" });
    // One runs, below the limit of 2: the next goes.
    expect(await a!.turns.round(now())).toMatchObject({ limit: 2, grantedHere: [jobs[3]!.id] });
  });
});
