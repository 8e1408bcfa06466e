import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/store/database.js";
import { createFormRepository } from "../../src/store/forms.js";
import { createGenerationJobs } from "../../src/generation/job.js";
import { migrationsFor } from "../../src/store/migrations.js";
import { freshTarget, testDialect } from "./memory-db.js";

/** These tests build SQLite databases as older versions left them. */
const migrations = migrationsFor("sqlite");

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

describe("pending forms", () => {
  it("hand a payload back once, under a short id, and survive reopening the database", async () => {
    const path = testDialect === "sqlite" ? join(mkdtempSync(join(tmpdir(), "falcord-forms-")), "db.sqlite") : await freshTarget();
    const first = await openDatabase(path);
    const id = await createFormRepository(first).put([{ url: "https://cdn/x.png" }], 60_000);
    expect(id).toMatch(/^[\w-]{12}$/);
    await first.destroy();

    const db = await openDatabase(path);
    opened.push(db);
    const forms = createFormRepository(db);
    expect(await forms.take(id)).toEqual([{ url: "https://cdn/x.png" }]);
    expect(await forms.take(id)).toBeUndefined();
    expect(await forms.take("unknown")).toBeUndefined();
  });

  it("forget a payload after its time to live, and prune expired ones", async () => {
    let now = 0;
    const db = await openDatabase(await freshTarget());
    opened.push(db);
    const forms = createFormRepository(db, () => now);
    const expired = await forms.put("a", 1000);
    now = 1000;
    expect(await forms.take(expired)).toBeUndefined();
    await forms.put("b", 1000);
    now = 5000;
    await forms.put("c", 1000);
    expect((await db.selectFrom("pending_forms").select("payload_json").execute()).map((r) => r.payload_json)).toEqual(['"c"']);
  });
});

describe.skipIf(testDialect === "postgres")("migrations of an SQLite file", () => {
  it("upgrade a database made by the first version, keeping its jobs", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-migrate-")), "old.sqlite");
    const old = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("0001_jobs");
    expect(error).toBeUndefined();
    const raw = new SQLite(path);
    raw
      .prepare(
        `insert into jobs (ref, state, model_id, endpoint, request_json, input_json, requester_id, guild_id, channel_id,
         application_id, interaction_id, interaction_token, token_expires_at, upload_limit, created_at, updated_at)
         values ('OLDJOB', 'submitted', 'nano-banana', 'fal-ai/nano-banana', '{"prompt":"old"}', '{"prompt":"old"}', '1', '2', '3',
         '4', '5', 'tok', 0, 10, 1, 1)`,
      )
      .run();
    raw.close();
    await old.destroy();

    const db = await openDatabase(path);
    opened.push(db);
    const job = await createGenerationJobs(db).getByRef("OLDJOB");
    expect(job).toMatchObject({ state: "submitted", request: { prompt: "old" }, deletedAt: null });
    expect(await createFormRepository(db).take("none")).toBeUndefined();
    const applied = await db.selectFrom("kysely_migration" as never).select("name" as never).execute();
    expect(applied.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations));
  });
});
