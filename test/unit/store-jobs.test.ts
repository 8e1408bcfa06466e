import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleJob } from "./job-fixture.js";
import { openDatabase, syncConnectionOf, type Db } from "../../src/store/database.js";
import { QueryTemplate, slot } from "../../src/store/query-template.js";
import { createGenerationJobs } from "../../src/generation/job.js";
import { migrations } from "../../src/store/migrations.js";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

async function open(path: string) {
  const db = await openDatabase(path);
  opened.push(db);
  return db;
}

describe("the database", () => {
  it("creates its folder and file, runs in WAL mode, and migrates once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-db-")), "nested", "falcord.sqlite");
    const db = await open(path);
    await createGenerationJobs(db).create(sampleJob("AAAAAA"));
    await db.destroy();
    opened.pop();
    const again = await open(path);
    expect(await createGenerationJobs(again).getByRef("AAAAAA")).toMatchObject({ state: "accepted" });
    const raw = new SQLite(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("select name from kysely_migration").all()).toEqual(Object.keys(migrations).map((name) => ({ name })));
    raw.close();
  });
});

describe("WAL checkpoints", () => {
  it("run off the main connection: its automatic checkpoints are off, and the worker copies the log into the file", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-db-")), "falcord.sqlite");
    const db = await open(path);
    expect(syncConnectionOf(db).prepare("PRAGMA wal_autocheckpoint").get()).toEqual({ wal_autocheckpoint: 0 });
    const before = statSync(path).size;
    const jobs = createGenerationJobs(db);
    for (let i = 0; i < 300; i++) await jobs.create(sampleJob(`W${String(i).padStart(5, "0")}`));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before), { timeout: 5000, interval: 50 });
  });
});

describe("query templates", () => {
  it("bind each run's values where the stand-ins were, keep constants, and refuse a missing value", async () => {
    const db = await open(":memory:");
    await createGenerationJobs(db).create(sampleJob("TTTTTT"));
    const template = new QueryTemplate(
      syncConnectionOf(db),
      db.selectFrom("jobs").select(["ref", "state"]).where("ref", "=", slot<string>("ref")).where("state", "=", "accepted"),
    );
    expect(template.get({ ref: "TTTTTT" })).toEqual({ ref: "TTTTTT", state: "accepted" });
    expect(template.get({ ref: "NOPE00" })).toBeUndefined();
    expect(() => template.get({})).toThrow(/no value for ref/);
  });

  it("report how many rows a run changed", async () => {
    const db = await open(":memory:");
    const jobs = createGenerationJobs(db);
    await jobs.create(sampleJob("UUUUUU"));
    await jobs.create(sampleJob("VVVVVV"));
    const template = new QueryTemplate(syncConnectionOf(db), db.updateTable("jobs").set({ state: "running" }).where("state", "=", slot<"accepted">("from")));
    expect(template.run({ from: "accepted" })).toBe(2);
    expect(template.run({ from: "accepted" })).toBe(0);
  });
});

describe("the job repository", () => {
  it("walks a job through its states, each transition once", async () => {
    let clock = 1000;
    const jobs = createGenerationJobs(await open(":memory:"), () => clock);
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

  it("records the reply's message id with the submission, and keeps a known one when none is given", async () => {
    const jobs = createGenerationJobs(await open(":memory:"));
    const withId = await jobs.create(sampleJob("FFFFFF"));
    const without = await jobs.create(sampleJob("GGGGGG"));
    await jobs.setReplyMessageId(without.id, "900000000000000001");
    await jobs.markSubmitted(withId.id, "req-a", {}, "900000000000000002");
    await jobs.markSubmitted(without.id, "req-b", {}, null);
    expect((await jobs.get(withId.id))?.replyMessageId).toBe("900000000000000002");
    expect((await jobs.get(without.id))?.replyMessageId).toBe("900000000000000001");
  });

  it("lists only unfinished jobs, oldest first", async () => {
    const jobs = createGenerationJobs(await open(":memory:"));
    const a = await jobs.create(sampleJob("CCCCCC"));
    const b = await jobs.create(sampleJob("DDDDDD"));
    const c = await jobs.create(sampleJob("EEEEEE"));
    await jobs.markFailed(b.id, { kind: "timeout" });
    await jobs.markSubmitted(c.id, "req", c.input);
    expect((await jobs.unfinished()).map((j) => j.ref)).toEqual([a.ref, c.ref]);
  });

  it("refuses a second job with the same ref", async () => {
    const jobs = createGenerationJobs(await open(":memory:"));
    await jobs.create(sampleJob("FFFFFF"));
    await expect(jobs.create(sampleJob("FFFFFF"))).rejects.toThrow(/UNIQUE/);
  });
});
