// A job's end and its ledger row change in one transaction: read back with plain SQL, independent of the bot's code.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sampleJob } from "./job-fixture.js";
import { openDatabase, type Db } from "../../src/store/database.js";
import { createJobRepository, type JobRepository } from "../../src/store/jobs.js";
import { createLedgerRepository } from "../../src/store/ledger.js";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const day = "2026-11-22";


interface JobRow {
  state: string;
  result_json: string | null;
  error_json: string | null;
  cost_final: number | null;
  updated_at: number;
  completed_at: number | null;
}
interface LedgerRow {
  status: string;
  images: number;
  usd: number;
  settled_at: number | null;
}

async function setUp() {
  const path = join(mkdtempSync(join(tmpdir(), "falcord-job-ledger-")), "falcord.sqlite");
  const db: Db = await openDatabase(path);
  cleanup.push(() => db.destroy());
  const raw = new SQLite(path);
  cleanup.push(() => raw.close());
  let clock = 1000;
  const jobs: JobRepository = createJobRepository(db, () => clock);
  const ledger = createLedgerRepository(db, () => clock);
  return {
    jobs,
    raw,
    setClock: (at: number) => (clock = at),
    /** A job accepted with 4 images and $0.156 reserved. */
    async admit(ref: string) {
      const admitted = await ledger.admit({ job: sampleJob(ref, { costEstimate: 0.156 }), guildId: "200000000000000001", images: 4, usd: 0.156, day, decide: () => [] });
      if (!admitted.ok) throw new Error("expected admission");
      return admitted.job.id;
    },
    job: (id: number) =>
      raw.prepare("select state, result_json, error_json, cost_final, updated_at, completed_at from jobs where id = ?").get(id) as JobRow,
    ledger: (id: number) => raw.prepare("select status, images, usd, settled_at from ledger where job_id = ?").get(id) as LedgerRow,
    everything: () => ({ jobs: raw.prepare("select * from jobs order by id").all(), ledger: raw.prepare("select * from ledger order by job_id").all() }),
  };
}

describe("a job's end and its ledger row", () => {
  it("settles the row with the real figures in the same call that completes the job", async () => {
    const t = await setUp();
    const id = await t.admit("AAAAAA");
    await t.jobs.markSubmitted(id, "req-a", {});
    await t.jobs.markRunning(id);
    t.setClock(5000);
    expect(await t.jobs.markCompleted(id, { images: [], description: "two cats" }, 0.078, 2)).toBe(true);
    expect(t.job(id)).toMatchObject({ state: "completed", cost_final: 0.078, completed_at: 5000, updated_at: 5000 });
    expect(JSON.parse(t.job(id).result_json!)).toEqual({ images: [], description: "two cats" });
    expect(t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 5000 });
  });

  it("releases the reservation of a failed or cancelled job", async () => {
    const t = await setUp();
    const failed = await t.admit("AAAAAA");
    const cancelled = await t.admit("BBBBBB");
    await t.jobs.markSubmitted(cancelled, "req-b", {});
    await t.jobs.markRunning(cancelled);
    t.setClock(7000);
    expect(await t.jobs.markFailed(failed, { kind: "interrupted" })).toBe(true);
    expect(await t.jobs.markCancelled(cancelled, { kind: "timeout" })).toBe(true);
    expect(t.job(failed)).toMatchObject({ state: "failed", error_json: '{"kind":"interrupted"}', updated_at: 7000 });
    expect(t.job(cancelled)).toMatchObject({ state: "cancelled", error_json: '{"kind":"timeout"}', updated_at: 7000 });
    expect(t.ledger(failed)).toEqual({ status: "released", images: 4, usd: 0.156, settled_at: 7000 });
    expect(t.ledger(cancelled)).toEqual({ status: "released", images: 4, usd: 0.156, settled_at: 7000 });
  });

  it("keeps a completed job's settled row when it fails afterwards (fal billed the result)", async () => {
    const t = await setUp();
    const id = await t.admit("AAAAAA");
    await t.jobs.markSubmitted(id, "req-a", {});
    t.setClock(5000);
    await t.jobs.markCompleted(id, { images: [] }, 0.078, 2);
    t.setClock(6000);
    expect(await t.jobs.markFailed(id, { kind: "unknown" })).toBe(true);
    expect(t.job(id)).toMatchObject({ state: "failed", updated_at: 6000 });
    expect(t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 5000 });
  });

  it("changes nothing, job or ledger, when the job is not in a state the transition starts from", async () => {
    const t = await setUp();
    const accepted = await t.admit("AAAAAA");
    const completed = await t.admit("BBBBBB");
    const failed = await t.admit("CCCCCC");
    await t.jobs.markSubmitted(completed, "req-b", {});
    await t.jobs.markCompleted(completed, { images: [] }, 0.039, 1);
    await t.jobs.markFailed(failed, { kind: "unknown" });
    const before = t.everything();
    t.setClock(9000);

    expect(await t.jobs.markCompleted(accepted, { images: [] }, 0.078, 2)).toBe(false);
    expect(await t.jobs.markCompleted(completed, { images: [] }, 1, 4)).toBe(false);
    expect(await t.jobs.markCompleted(failed, { images: [] }, 1, 4)).toBe(false);
    expect(await t.jobs.markCancelled(completed, { kind: "timeout" })).toBe(false);
    expect(await t.jobs.markCancelled(failed, { kind: "timeout" })).toBe(false);
    expect(await t.jobs.markFailed(failed, { kind: "unknown" })).toBe(false);
    expect(await t.jobs.markRunning(accepted)).toBe(false);
    expect(await t.jobs.markDelivered(accepted)).toBe(false);
    expect(await t.jobs.markResubmitted(accepted, "req-x", {})).toBe(false);
    expect(t.everything()).toEqual(before);
  });

  it("rolls the job's change back when its ledger change fails", async () => {
    const t = await setUp();
    const id = await t.admit("AAAAAA");
    await t.jobs.markSubmitted(id, "req-a", {});
    await t.jobs.markRunning(id);
    t.raw.exec("create trigger refuse_ledger before update on ledger begin select raise(abort, 'ledger refused'); end");
    const before = t.everything();
    t.setClock(9000);

    await expect(t.jobs.markCompleted(id, { images: [] }, 0.078, 2)).rejects.toThrow(/ledger refused/);
    await expect(t.jobs.markFailed(id, { kind: "unknown" })).rejects.toThrow(/ledger refused/);
    await expect(t.jobs.markCancelled(id, { kind: "timeout" })).rejects.toThrow(/ledger refused/);
    expect(t.everything()).toEqual(before);
    expect(t.job(id).state).toBe("running");

    // Nothing was left open: once the ledger accepts updates again, the transition goes through.
    t.raw.exec("drop trigger refuse_ledger");
    expect(await t.jobs.markCompleted(id, { images: [] }, 0.078, 2)).toBe(true);
    expect(t.job(id)).toMatchObject({ state: "completed", updated_at: 9000 });
    expect(t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 9000 });
  });
});
