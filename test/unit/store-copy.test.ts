// Moving to PostgreSQL: every row of an SQLite database, as it was, in an empty PostgreSQL database; ids continue after
// the copied ones; the day totals follow from the ledger; a database that holds rows is refused, unchanged.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGenerationJobs } from "../../src/generation/job.js";
import { createContestRepository } from "../../src/store/contests.js";
import { copySqliteToPostgres, TargetNotEmpty } from "../../src/store/copy-database.js";
import { statementsOf, type Db } from "../../src/store/database.js";
import { createLedgerRepository } from "../../src/store/ledger.js";
import { sampleContest, sampleJob } from "./job-fixture.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";

const open = databasesClosedAfterEach();

/** An SQLite database with a little of everything: jobs at each end, their ledger rows, a contest, settings, styles. */
async function filledSqlite(): Promise<Db> {
  const db = await open(join(mkdtempSync(join(tmpdir(), "falcord-copy-")), "falcord.sqlite"));
  const jobs = createGenerationJobs(db, () => 5000);
  const ledger = createLedgerRepository(db, () => 5000);
  const contest = await createContestRepository(db).create(sampleContest);
  const ids: number[] = [];
  for (let i = 0; i < 450; i++) {
    const job = sampleJob(`C${String(i).padStart(5, "0")}`, { guildId: "200000000000000001", ...(i === 7 ? { contestId: contest.id } : {}) });
    const admitted = await ledger.admit({ job, guildId: "200000000000000001", images: 1, usd: 0.039, day: "2026-12-03", decide: () => [] });
    if (!admitted.ok) throw new Error("not admitted");
    ids.push(admitted.job.id);
  }
  for (const id of ids.slice(0, 300)) {
    await jobs.markSubmitted(id, `req-${id}`, { prompt: "a cat" });
    if (id % 3 === 0) await jobs.markFailed(id, { kind: "model-error" });
    else await jobs.markCompleted(id, { images: [{ url: "https://v3.fal.media/files/cat.png", nsfw: false }] }, 0.039, 1);
  }
  const raw = statementsOf(db);
  await raw.run(
    `INSERT INTO contest_entries (contest_id, user_id, job_id, image_index, model_id, prompt, image_url, status, created_at, updated_at)
     VALUES (@contest, '100000000000000001', @job, 0, 'nano-banana', 'a cat', 'https://v3.fal.media/files/cat.png', 'accepted', 1, 1)`,
    { contest: contest.id, job: ids[7] },
  );
  await raw.run("INSERT INTO contest_votes (entry_id, user_id, contest_id, created_at) VALUES (1, '100000000000000002', @contest, 1)", { contest: contest.id });
  await raw.run("INSERT INTO guild_settings (guild_id, settings_json, updated_by, updated_at) VALUES ('200000000000000001', '{\"dailyImageQuota\":7}', '1', 1)");
  await raw.run("INSERT INTO member_defaults (user_id, defaults_json, updated_at) VALUES ('100000000000000001', '{\"private\":true}', 1)");
  await raw.run(
    `INSERT INTO member_styles (user_id, name, prompt_addition, image_urls_json, created_at, updated_at)
     VALUES ('100000000000000001', 'Watercolour', 'in watercolour', '[]', 1, 1)`,
  );
  await raw.run("INSERT INTO pending_forms (id, payload_json, expires_at) VALUES ('form1', '[]', 99999999999999)");
  return db;
}

const keys: Record<string, string> = {
  contests: "id",
  jobs: "id",
  contest_entries: "id",
  contest_votes: "entry_id, user_id",
  ledger: "job_id",
  pending_forms: "id",
  guild_settings: "guild_id",
  member_defaults: "user_id",
  member_styles: "id",
  ledger_guild_days: "guild_id, day",
  ledger_member_days: "guild_id, user_id, day",
};

describe.skipIf(testDialect !== "postgres")("copying an SQLite database into PostgreSQL", () => {
  it("brings every row as it was, the day totals with them, and new ids after the copied ones", async () => {
    const from = await filledSqlite();
    const to = await open(await freshTarget());
    const copied = await copySqliteToPostgres(from, to);
    expect(copied).toMatchObject({ jobs: 450, ledger: 450, contests: 1, contest_entries: 1, contest_votes: 1, member_styles: 1 });
    for (const [table, key] of Object.entries(keys)) {
      const read = (db: Db) => statementsOf(db).all(`SELECT * FROM ${table} ORDER BY ${key}`);
      const rows = await read(to);
      expect(rows, table).toEqual(await read(from));
      expect(rows.length, table).toBeGreaterThan(0);
    }
    // The day's totals answer admission on PostgreSQL as they did on SQLite.
    const today = (db: Db) => createLedgerRepository(db).today("200000000000000001", "100000000000000001", "2026-12-03");
    expect(await today(to)).toEqual(await today(from));
    const next = await createGenerationJobs(to).create(sampleJob("AFTER1"));
    expect(next.id).toBe(451);
  });

  it("refuses a database that already holds rows, and changes nothing in it", async () => {
    const from = await filledSqlite();
    const to = await open(await freshTarget());
    await createGenerationJobs(to).create(sampleJob("THERE1"));
    await expect(copySqliteToPostgres(from, to)).rejects.toBeInstanceOf(TargetNotEmpty);
    expect(await statementsOf(to).all("SELECT ref FROM jobs")).toEqual([{ ref: "THERE1" }]);
    expect(await statementsOf(to).all("SELECT * FROM ledger")).toEqual([]);
  });
});
