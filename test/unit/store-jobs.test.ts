import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { sampleContest, sampleJob } from "./job-fixture.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";
import { openDatabase, statementsOf, type Db } from "../../src/store/database.js";
import { createGenerationJobs, type NewJob } from "../../src/generation/job.js";
import { createContestRepository } from "../../src/store/contests.js";
import { createLedgerRepository } from "../../src/store/ledger.js";
import { migrationsFor } from "../../src/store/migrations.js";

/** These tests build SQLite databases as older versions left them. */
const migrations = migrationsFor("sqlite");

const open = databasesClosedAfterEach();

describe.skipIf(testDialect === "postgres")("the SQLite database", () => {
  it("creates its folder and file, runs in WAL mode, and migrates once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-db-")), "nested", "falcord.sqlite");
    const db = await openDatabase(path);
    await createGenerationJobs(db).create(sampleJob("AAAAAA"));
    await db.destroy();
    const again = await open(path);
    expect(await createGenerationJobs(again).getByRef("AAAAAA")).toMatchObject({ state: "accepted" });
    const raw = new SQLite(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("select name from kysely_migration").all()).toEqual(Object.keys(migrations).map((name) => ({ name })));
    raw.close();
  });
});

describe.skipIf(testDialect === "postgres")("WAL checkpoints", () => {
  it("run off the main connection: its automatic checkpoints are off, and the worker copies the log into the file", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-db-")), "falcord.sqlite");
    const db = await open(path);
    expect(await statementsOf(db).get("PRAGMA wal_autocheckpoint")).toEqual({ wal_autocheckpoint: 0 });
    const before = statSync(path).size;
    const jobs = createGenerationJobs(db);
    for (let i = 0; i < 300; i++) await jobs.create(sampleJob(`W${String(i).padStart(5, "0")}`));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before), { timeout: 5000, interval: 50 });
  });

  it("are over when the database is closed: the worker's connection is closed too, the last one removing the log", async () => {
    const folder = mkdtempSync(join(tmpdir(), "falcord-db-"));
    const path = join(folder, "falcord.sqlite");
    const db = await openDatabase(path);
    const jobs = createGenerationJobs(db);
    const before = statSync(path).size;
    for (let i = 0; i < 50; i++) await jobs.create(sampleJob(`C${String(i).padStart(5, "0")}`));
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before), { timeout: 5000, interval: 50 });
    await db.destroy();
    expect(readdirSync(folder)).toEqual(["falcord.sqlite"]);
    rmSync(folder, { recursive: true });
  });
});

describe("the store's prepared statements", () => {
  const repositories = (db: Db) => [createGenerationJobs(db), createLedgerRepository(db), createContestRepository(db)];

  it.skipIf(testDialect === "postgres")("are prepared when their repository is made, so a schema that does not fit fails at start-up", async () => {
    for (const [table, column] of [
      ["jobs", "submitted_at"],
      ["ledger_guild_days", "usd_micros"],
      ["contests", "phase"],
    ]) {
      const db = await open(await freshTarget());
      await statementsOf(db).run(`alter table ${table} rename column ${column} to renamed`);
      expect(() => repositories(db)).toThrow(`no such column: ${column}`);
    }
  });

  it.skipIf(testDialect === "postgres")("find their rows by a key or an index, the unfinished jobs by the partial index's own condition", async () => {
    const db = await open(await freshTarget());
    const connection = statementsOf(db);
    const check = vi.spyOn(connection, "check");
    repositories(db);
    const statements = check.mock.calls.flat().filter((sql) => !/^\s*INSERT/.test(sql));
    check.mockRestore();
    const plans = await Promise.all(
      statements.map(async (sql) => {
        const unbound = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, null]));
        return (await connection.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, unbound)).map((row) => row.detail);
      }),
    );
    expect(statements.length).toBeGreaterThanOrEqual(10);
    // The one scan allowed walks the partial index of unfinished jobs (the search for orphaned jobs), never the history.
    const scans = plans.flat().filter((step) => step.startsWith("SCAN ") && step !== "SCAN CONSTANT ROW");
    expect(scans.filter((step) => step !== "SCAN jobs USING INDEX jobs_unfinished")).toEqual([]);
    // A member's jobs in flight in a server, and across every place (their own install's).
    expect(plans.flat()).toContain("SEARCH jobs USING INDEX jobs_member_unfinished (requester_id=? AND guild_id=?)");
    expect(plans.flat()).toContain("SEARCH jobs USING INDEX jobs_member_unfinished (requester_id=?)");
  });

  it("admit a job as the very row that create stores, every column", async () => {
    const stored = async (add: (db: Db, job: NewJob) => Promise<unknown>) => {
      const db = await open(await freshTarget());
      const parent = await createGenerationJobs(db, () => 1000).create(sampleJob("PARENT"));
      const contest = await createContestRepository(db).create(sampleContest);
      const job = sampleJob("CHILD0", {
        guildId: "200000000000000001",
        ephemeral: true,
        channelNsfw: true,
        parentJobId: parent.id,
        nsfwPolicy: "spoiler",
        contestId: contest.id,
      });
      const record = await add(db, job);
      return { record, row: await statementsOf(db).get("select * from jobs where ref = 'CHILD0'") };
    };
    const created = await stored((db, job) => createGenerationJobs(db, () => 5000).create(job));
    const admitted = await stored(async (db, job) => {
      const ledger = createLedgerRepository(db, () => 5000);
      const result = await ledger.admit({ job, guildId: "200000000000000001", images: 1, usd: 0.039, day: "2026-11-22", decide: () => [] });
      return result.ok && result.job;
    });
    expect(admitted).toEqual(created);
    expect(created.row).toMatchObject({ ephemeral: 1, channel_nsfw: 1, parent_job_id: 1, nsfw_policy: "spoiler", contest_id: 1, created_at: 5000 });
  });
});

describe("the job repository", () => {
  it("walks a job through its states, each transition once", async () => {
    let clock = 1000;
    const jobs = createGenerationJobs(await open(await freshTarget()), () => clock);
    const job = await jobs.create(sampleJob("BBBBBB"));
    expect(job).toMatchObject({ state: "accepted", request: { prompt: "a cat" }, ephemeral: false, createdAt: 1000 });

    clock = 2000;
    expect(await jobs.markSubmitted(job.id, "req-1", { prompt: "a cat" })).toBe(true);
    expect(await jobs.markSubmitted(job.id, "req-2", { prompt: "a cat" })).toBe(false);
    expect(await jobs.markRunning(job.id)).toBe(true);
    expect(await jobs.markCompleted(job.id, { images: [], description: "hi" }, 0, 0)).toBe(true);
    expect(await jobs.markDelivered(job.id)).toBe(true);
    expect(await jobs.markDelivered(job.id)).toBe(false);
    expect(await jobs.markFailed(job.id, { kind: "unknown" })).toBe(false);

    const done = await jobs.get(job.id);
    expect(done).toMatchObject({ state: "delivered", requestId: "req-1", submittedAt: 2000, result: { description: "hi" } });
  });

  it("records the reply's message id as the submit begins, and keeps a known one when none is given", async () => {
    const jobs = createGenerationJobs(await open(await freshTarget()));
    const withId = await jobs.create(sampleJob("FFFFFF"));
    const without = await jobs.create(sampleJob("GGGGGG"));
    await jobs.setReplyMessageId(without.id, "900000000000000001");
    await jobs.markSubmitting(withId.id, "900000000000000002");
    await jobs.markSubmitting(without.id, null);
    expect((await jobs.get(withId.id))?.replyMessageId).toBe("900000000000000002");
    expect((await jobs.get(without.id))?.replyMessageId).toBe("900000000000000001");
  });

  it("finds the job whose reply is a message (a member's reply to a result names it), by the reply's index", async () => {
    const db = await open(await freshTarget());
    const jobs = createGenerationJobs(db);
    const first = await jobs.create(sampleJob("HHHHHH"));
    await jobs.create(sampleJob("JJJJJJ"));
    await jobs.markSubmitting(first.id, "900000000000000003");
    expect((await jobs.getByReplyMessage("900000000000000003"))?.ref).toBe("HHHHHH");
    expect(await jobs.getByReplyMessage("900000000000000004")).toBeUndefined();
    // SQLite's plan; PostgreSQL plans by its statistics, which an almost empty table does not fix.
    if (testDialect === "sqlite") {
      const plan = await statementsOf(db).all<{ detail: string }>(
        "EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE reply_message_id = @id ORDER BY id DESC LIMIT 1",
        { id: "900000000000000003" },
      );
      expect(plan.map((row) => row.detail)).toEqual(["SEARCH jobs USING INDEX jobs_reply_message (reply_message_id=?)"]);
    }
  });

  it("marks a submit as begun only once, from the queue, with the reply's id; it can still end in any way", async () => {
    const jobs = createGenerationJobs(await open(await freshTarget()));
    const job = await jobs.create(sampleJob("HHHHHH"));
    expect(await jobs.markSubmitting(job.id, "900000000000000003")).toBe(true);
    expect(await jobs.markSubmitting(job.id, null)).toBe(false);
    expect(await jobs.get(job.id)).toMatchObject({ state: "submitting", replyMessageId: "900000000000000003", requestId: null });
    expect((await jobs.unfinished()).map((j) => j.ref)).toEqual([job.ref]);
    expect(await jobs.markSubmitted(job.id, "req-h", {})).toBe(true);
    expect(await jobs.get(job.id)).toMatchObject({ state: "submitted", requestId: "req-h", replyMessageId: "900000000000000003" });
    expect(await jobs.markSubmitting(job.id, null)).toBe(false);
    // A second submit (re-hosted images) is in doubt the same way until its request id is stored.
    expect(await jobs.markResubmitting(job.id)).toBe(true);
    expect(await jobs.get(job.id)).toMatchObject({ state: "submitting", requestId: "req-h" });
    expect(await jobs.markResubmitted(job.id, "req-h2", { rehosted: true })).toBe(true);
    expect(await jobs.get(job.id)).toMatchObject({ state: "submitted", requestId: "req-h2", input: { rehosted: true } });

    const failed = await jobs.create(sampleJob("IIIIII"));
    await jobs.markSubmitting(failed.id);
    expect(await jobs.markFailed(failed.id, { kind: "interrupted" })).toBe(true);
    const cancelled = await jobs.create(sampleJob("JJJJJJ"));
    await jobs.markSubmitting(cancelled.id);
    expect(await jobs.markCancelled(cancelled.id, { kind: "timeout" })).toBe(true);
  });

  it("sends back to completed only a failed job whose result fal made, through the new interaction, once", async () => {
    const jobs = createGenerationJobs(await open(await freshTarget()));
    const via = { applicationId: "1234567890123456789", interactionToken: "new-token", tokenExpiresAt: 99_000 };
    const made = await jobs.create(sampleJob("KKKKKK"));
    await jobs.markSubmitted(made.id, "req-k", {});
    await jobs.markCompleted(made.id, { images: [], description: "made" }, 0.039, 1);
    await jobs.markFailed(made.id, { kind: "output-unavailable", message: "403" });
    const never = await jobs.create(sampleJob("LLLLLL"));
    await jobs.markFailed(never.id, { kind: "timeout", afterMs: 1 });

    expect(await jobs.markRedelivering(never.id, via)).toBe(false);
    expect(await jobs.markRedelivering(made.id, via)).toBe(true);
    expect(await jobs.markRedelivering(made.id, via)).toBe(false);
    expect(await jobs.get(made.id)).toMatchObject({ state: "completed", interactionToken: "new-token", tokenExpiresAt: 99_000, error: null, result: { description: "made" } });
  });

  it("lists only unfinished jobs, oldest first", async () => {
    const jobs = createGenerationJobs(await open(await freshTarget()));
    const a = await jobs.create(sampleJob("CCCCCC"));
    const b = await jobs.create(sampleJob("DDDDDD"));
    const c = await jobs.create(sampleJob("EEEEEE"));
    await jobs.markFailed(b.id, { kind: "timeout" });
    await jobs.markSubmitted(c.id, "req", c.input);
    expect((await jobs.unfinished()).map((j) => j.ref)).toEqual([a.ref, c.ref]);
  });

  it("refuses a second job with the same ref", async () => {
    const jobs = createGenerationJobs(await open(await freshTarget()));
    await jobs.create(sampleJob("FFFFFF"));
    await expect(jobs.create(sampleJob("FFFFFF"))).rejects.toThrow(/unique/i);
  });
});
