// A job's end and its ledger row change in one transaction: read back with plain SQL, independent of the bot's code.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { sampleJob } from "./job-fixture.js";
import { openDatabase, statementsOf, type Db } from "../../src/store/database.js";
import { freshTarget, testDialect } from "./memory-db.js";
import { newJobRow, soleOwner } from "../../src/store/jobs.js";
import { createGenerationJobs, type JobRepository } from "../../src/generation/job.js";
import { createLedgerRepository, memberSpendKey } from "../../src/store/ledger.js";
import { migrationsFor } from "../../src/store/migrations.js";

/** These tests build SQLite databases as older versions left them. */
const migrations = migrationsFor("sqlite");
import type { Database } from "../../src/store/schema.js";

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

/** Makes the ledger refuse every update, in the dialect's own words, and takes that back. */
const refuseLedger = {
  sqlite: ["create trigger refuse_ledger before update on ledger begin select raise(abort, 'ledger refused'); end"],
  postgres: [
    "create function refuse_ledger() returns trigger language plpgsql as $$ begin raise exception 'ledger refused'; end $$",
    "create trigger refuse_ledger before update on ledger for each row execute function refuse_ledger()",
  ],
}[testDialect];
const allowLedger = { sqlite: ["drop trigger refuse_ledger"], postgres: ["drop trigger refuse_ledger on ledger"] }[testDialect];

async function setUp() {
  const db: Db = await openDatabase(await freshTarget());
  cleanup.push(() => db.destroy());
  const raw = statementsOf(db);
  let clock = 1000;
  const jobs: JobRepository = createGenerationJobs(db, () => clock);
  const ledger = createLedgerRepository(db, () => clock);
  const micros = "cast(round(usd * 1000000) as integer)";
  return {
    jobs,
    raw,
    setClock: (at: number) => (clock = at),
    /** A job accepted with 4 images and $0.156 reserved. */
    async admit(ref: string, who: { guildId?: string; requesterId?: string; day?: string } = {}) {
      const guildId = who.guildId ?? "200000000000000001";
      const job = sampleJob(ref, { costEstimate: 0.156, guildId, ...(who.requesterId ? { requesterId: who.requesterId } : {}) });
      const admitted = await ledger.admit({ job, guildId, images: 4, usd: 0.156, day: who.day ?? day, decide: () => [] });
      if (!admitted.ok) throw new Error("expected admission");
      return admitted.job.id;
    },
    job: async (id: number) =>
      (await raw.get<JobRow>("select state, result_json, error_json, cost_final, updated_at, completed_at from jobs where id = @id", { id }))!,
    ledger: async (id: number) => (await raw.get<LedgerRow>("select status, images, usd, settled_at from ledger where job_id = @id", { id }))!,
    /** The day totals as stored, and as summed from the ledger's rows (released rows count for nothing). */
    totals: async () => ({
      stored: {
        guilds: await raw.all("select guild_id, day, usd_micros from ledger_guild_days where usd_micros != 0 order by 1, 2"),
        members: await raw.all("select guild_id, user_id, day, images from ledger_member_days where images != 0 order by 1, 2, 3"),
      },
      summed: {
        guilds: await raw.all(`select guild_id, day, sum(${micros}) as usd_micros from ledger
          where status != 'released' group by 1, 2 having sum(${micros}) != 0 order by 1, 2`),
        members: await raw.all(`select guild_id, user_id, day, sum(images) as images from ledger
          where status != 'released' group by 1, 2, 3 having sum(images) != 0 order by 1, 2, 3`),
      },
    }),
    ledgerRepository: ledger,
    everything: async () => ({ jobs: await raw.all("select * from jobs order by id"), ledger: await raw.all("select * from ledger order by job_id") }),
    refuseLedger: async () => {
      for (const statement of refuseLedger) await raw.run(statement);
    },
    allowLedger: async () => {
      for (const statement of allowLedger) await raw.run(statement);
    },
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
    expect(await t.job(id)).toMatchObject({ state: "completed", cost_final: 0.078, completed_at: 5000, updated_at: 5000 });
    expect(JSON.parse((await t.job(id)).result_json!)).toEqual({ images: [], description: "two cats" });
    expect(await t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 5000 });
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
    expect(await t.job(failed)).toMatchObject({ state: "failed", error_json: '{"kind":"interrupted"}', updated_at: 7000 });
    expect(await t.job(cancelled)).toMatchObject({ state: "cancelled", error_json: '{"kind":"timeout"}', updated_at: 7000 });
    expect(await t.ledger(failed)).toEqual({ status: "released", images: 4, usd: 0.156, settled_at: 7000 });
    expect(await t.ledger(cancelled)).toEqual({ status: "released", images: 4, usd: 0.156, settled_at: 7000 });
  });

  it("keeps a completed job's settled row when it fails afterwards (fal billed the result)", async () => {
    const t = await setUp();
    const id = await t.admit("AAAAAA");
    await t.jobs.markSubmitted(id, "req-a", {});
    t.setClock(5000);
    await t.jobs.markCompleted(id, { images: [] }, 0.078, 2);
    t.setClock(6000);
    expect(await t.jobs.markFailed(id, { kind: "unknown" })).toBe(true);
    expect(await t.job(id)).toMatchObject({ state: "failed", updated_at: 6000 });
    expect(await t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 5000 });
  });

  it("changes nothing, job or ledger, when the job is not in a state the transition starts from", async () => {
    const t = await setUp();
    const accepted = await t.admit("AAAAAA");
    const completed = await t.admit("BBBBBB");
    const failed = await t.admit("CCCCCC");
    await t.jobs.markSubmitted(completed, "req-b", {});
    await t.jobs.markCompleted(completed, { images: [] }, 0.039, 1);
    await t.jobs.markFailed(failed, { kind: "unknown" });
    const before = await t.everything();
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
    expect(await t.everything()).toEqual(before);
  });

  it("rolls the job's change back when its ledger change fails", async () => {
    const t = await setUp();
    const id = await t.admit("AAAAAA");
    await t.jobs.markSubmitted(id, "req-a", {});
    await t.jobs.markRunning(id);
    await t.refuseLedger();
    const before = await t.everything();
    t.setClock(9000);

    await expect(t.jobs.markCompleted(id, { images: [] }, 0.078, 2)).rejects.toThrow(/ledger refused/);
    await expect(t.jobs.markFailed(id, { kind: "unknown" })).rejects.toThrow(/ledger refused/);
    await expect(t.jobs.markCancelled(id, { kind: "timeout" })).rejects.toThrow(/ledger refused/);
    expect(await t.everything()).toEqual(before);
    expect((await t.job(id)).state).toBe("running");

    // Nothing was left open: once the ledger accepts updates again, the transition goes through.
    await t.allowLedger();
    expect(await t.jobs.markCompleted(id, { images: [] }, 0.078, 2)).toBe(true);
    expect(await t.job(id)).toMatchObject({ state: "completed", updated_at: 9000 });
    expect(await t.ledger(id)).toEqual({ status: "settled", images: 2, usd: 0.078, settled_at: 9000 });
  });
});

/** A database file as the version before the day totals left it, and a Kysely open on it. */
async function databaseBeforeDayTotals() {
  const path = join(mkdtempSync(join(tmpdir(), "falcord-ledger-upgrade-")), "falcord.sqlite");
  const upTo = (last: string) => ({ getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last)) });
  const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
  const before = await new Migrator({ db: old, provider: upTo("0006_drop_unused_indexes") }).migrateToLatest();
  expect(before.error).toBeUndefined();
  return { path, old };
}

describe("the ledger's day totals", () => {
  it("follow every reservation, settlement, release and removal, per server and day and per member", async () => {
    const t = await setUp();
    const members = ["100000000000000001", "100000000000000002", "100000000000000003"];
    const guilds = ["200000000000000001", "200000000000000002"];
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) {
      ids.push(await t.admit(`T${String(i).padStart(5, "0")}`, { requesterId: members[i % 3]!, guildId: guilds[i % 2]!, day: i < 16 ? day : "2026-11-23" }));
    }
    for (const [i, id] of ids.entries()) {
      if (i % 4 === 0) continue; // stays reserved
      await t.jobs.markSubmitted(id, `req-${i}`, {});
      if (i % 4 === 1) await t.jobs.markCompleted(id, { images: [] }, 0.039 * (i % 3), i % 3);
      else if (i % 4 === 2) await t.jobs.markFailed(id, { kind: "unknown" });
      else await t.jobs.markCancelled(id, { kind: "timeout" });
    }
    // A settled job that fails later keeps its row: nothing changes.
    await t.jobs.markFailed(ids[1]!, { kind: "unknown" });
    // Rows changed or removed by hand (say, a refund) are followed as well.
    await t.raw.run("update ledger set usd = 0, status = 'settled' where job_id = @id", { id: ids[4] });
    await t.raw.run("update ledger set status = 'reserved' where job_id = @id", { id: ids[2] });
    await t.raw.run("delete from ledger where job_id = @id", { id: ids[8] });
    const { stored, summed } = await t.totals();
    expect(stored.guilds.length).toBe(4);
    expect(stored).toEqual(summed);
  });

  it("answer admission: the member's images today and the server's spend, with no float residue", async () => {
    const t = await setUp();
    const member = "100000000000000001";
    const a = await t.admit("AAAAAA", { requesterId: member });
    const b = await t.admit("BBBBBB", { requesterId: member });
    await t.admit("CCCCCC", { requesterId: "100000000000000002" });
    await t.admit("DDDDDD", { requesterId: member, day: "2026-11-21" });
    await t.jobs.markSubmitted(a, "req-a", {});
    await t.jobs.markCompleted(a, { images: [] }, 0.078, 2);
    await t.jobs.markFailed(b, { kind: "unknown" });
    expect(await t.ledgerRepository.today("200000000000000001", member, day)).toMatchObject({ memberImages: 2, guildUsd: 0.234 });
    expect(await t.ledgerRepository.today("200000000000000001", "100000000000000009", "2026-11-24")).toMatchObject({ memberImages: 0, guildUsd: 0 });
  });

  // Upgrades of SQLite files as older versions left them.
  it.skipIf(testDialect === "postgres")("are filled from the rows already in the ledger when the database is upgraded", async () => {
    const { path, old } = await databaseBeforeDayTotals();
    const raw = new SQLite(path);
    const insertRow = raw.prepare(`insert into ledger (job_id, guild_id, user_id, model_id, day, status, images, usd, created_at)
      values (?, ?, ?, 'nano-banana', ?, ?, ?, ?, 0)`);
    const rows: [string, string, string, string, number, number][] = [
      ["200000000000000001", "100000000000000001", day, "settled", 2, 0.078],
      ["200000000000000001", "100000000000000001", day, "reserved", 1, 0.039],
      ["200000000000000001", "100000000000000002", day, "released", 4, 0.156],
      ["200000000000000001", "100000000000000002", day, "reserved", 4, 0.156],
      ["200000000000000002", "100000000000000001", "2026-11-21", "settled", 1, 0.039],
    ];
    for (const [i, [guild, user, rowDay, status, images, usd]] of rows.entries()) {
      // A job row as it was then: the columns later migrations added (0012's, 0013's, 0016's) did not exist yet.
      const { token_only: _tokenOnly, reply_note: _replyNote, locale: _locale, owner: _owner, lease_until: _leaseUntil, ...before } = newJobRow(
        sampleJob(`U${i}`, { requesterId: user, guildId: guild }),
        0,
        soleOwner,
      );
      const job = await old.insertInto("jobs").values(before).returning("id").executeTakeFirstOrThrow();
      insertRow.run(job.id, guild, user, rowDay, status, images, usd);
    }
    raw.close();
    await old.destroy();

    const db = await openDatabase(path);
    cleanup.push(() => db.destroy());
    const ledger = createLedgerRepository(db);
    expect(await ledger.today("200000000000000001", "100000000000000001", day)).toMatchObject({ memberImages: 3, guildUsd: 0.273 });
    expect(await ledger.today("200000000000000001", "100000000000000002", day)).toMatchObject({ memberImages: 4, guildUsd: 0.273 });
    expect(await ledger.today("200000000000000002", "100000000000000001", "2026-11-21")).toMatchObject({ memberImages: 1, guildUsd: 0.039 });
  });

  it.skipIf(testDialect === "postgres")("leave nothing behind when the upgrade fails half-way, and are made once the obstacle is gone", async () => {
    const { path, old } = await databaseBeforeDayTotals();
    await old.destroy();
    const raw = new SQLite(path);
    cleanup.push(() => raw.close());
    raw.exec("create table ledger_member_days (obstacle text)");
    await expect(openDatabase(path)).rejects.toThrow(/0007_ledger_day_totals/);
    const made = () => raw.prepare("select name from sqlite_master where name like 'ledger_%days' or type = 'trigger' order by name").all();
    expect(made()).toEqual([{ name: "ledger_member_days" }]);
    raw.exec("drop table ledger_member_days");
    const db = await openDatabase(path);
    cleanup.push(() => db.destroy());
    expect(made()).toHaveLength(6);
  });
});

describe("spend counted against a member (their own install, no server's settings)", () => {
  it("is the member's alone: their images and USD, their unfinished jobs across places, their last job", async () => {
    const t = await setUp();
    const member = "100000000000000001";
    const key = memberSpendKey(member);
    t.setClock(5000);
    const first = await t.admit("M1", { guildId: key, requesterId: member });
    t.setClock(6000);
    await t.admit("M2", { guildId: key, requesterId: member });
    // The same member in a server that installed the bot: that spend is the server's, not counted here.
    await t.admit("S1", { requesterId: member });
    expect(await t.ledgerRepository.today(key, member, day)).toEqual({ memberImages: 8, guildUsd: 0.312, memberInFlight: 2, memberLastJobAt: 6000 });
    await t.jobs.markSubmitted(first, "req-M1", {});
    await t.jobs.markCompleted(first, { images: [] }, 0.039, 1);
    // Made and settled, but not yet delivered: still in flight, as in a server.
    expect(await t.ledgerRepository.today(key, member, day)).toMatchObject({ memberImages: 5, guildUsd: 0.195, memberInFlight: 2 });
    await t.jobs.markDelivered(first);
    expect(await t.ledgerRepository.today(key, member, day)).toMatchObject({ memberImages: 5, guildUsd: 0.195, memberInFlight: 1 });
  });
});
