// The e2e harness's database handle (test/e2e/test-database.ts) on both databases: `?` placeholders, rows changed,
// integers and sums as numbers, a wipe, and the database gone after close. PostgreSQL only with a test server
// (FALCORD_TEST_POSTGRES_URL, see scripts/test-postgres.sh); skipped without one.
import { existsSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { chosenDatabase, createTestDatabase, numberedPlaceholders, refuseUpdates, type TestDatabase } from "../e2e/test-database.js";

const postgresUrl = process.env.FALCORD_TEST_POSTGRES_URL;

describe("chosenDatabase", () => {
  it("is SQLite unless the run asks for PostgreSQL", () => {
    expect(chosenDatabase({})).toEqual({ dialect: "sqlite" });
    expect(chosenDatabase({ FALCORD_TEST_DATABASE: "sqlite", FALCORD_TEST_POSTGRES_URL: "postgres://x/y" })).toEqual({ dialect: "sqlite" });
    expect(chosenDatabase({ FALCORD_TEST_DATABASE: "postgres", FALCORD_TEST_POSTGRES_URL: "postgres://x/y" })).toEqual({
      dialect: "postgres",
      adminUrl: "postgres://x/y",
    });
  });

  it("fails plainly when PostgreSQL is asked for without a server, or the choice is unknown", () => {
    expect(() => chosenDatabase({ FALCORD_TEST_DATABASE: "postgres" })).toThrow(/needs FALCORD_TEST_POSTGRES_URL/);
    expect(() => chosenDatabase({ FALCORD_TEST_DATABASE: "mysql" })).toThrow(/FALCORD_TEST_DATABASE=mysql/);
  });
});

describe("numberedPlaceholders", () => {
  it("numbers each ? outside quotes", () => {
    expect(numberedPlaceholders(`select '?' as "a?", x from t where a = ? and b in (?, ?)`)).toBe(`select '?' as "a?", x from t where a = $1 and b in ($2, $3)`);
    expect(numberedPlaceholders("select 'it''s ?' where a = ?")).toBe("select 'it''s ?' where a = $1");
  });
});

/** The same checks on either database; `exists` tells whether the database is still there. */
function handleChecks(env: () => NodeJS.ProcessEnv, exists: (db: TestDatabase) => Promise<boolean>) {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("reads and changes rows with ? placeholders; bigint, numeric and count(*) come back as numbers", async () => {
    db = await createTestDatabase(env());
    const bigint = db.dialect === "postgres" ? "bigint" : "integer";
    const numeric = db.dialect === "postgres" ? "numeric" : "real";
    expect(await db.run(`create table jobs (id ${bigint} primary key, state text not null, at ${bigint}, usd ${numeric})`)).toBe(0);
    expect(await db.run("insert into jobs (id, state, at, usd) values (?, ?, ?, ?)", 1, "queued", 1_764_000_000_000, 0.039)).toBe(1);
    expect(await db.run("insert into jobs (id, state, at, usd) values (?, ?, ?, ?)", 2, "it's ?", null, 0.5)).toBe(1);
    expect(await db.run("update jobs set state = 'delivered' where id >= ?", 1)).toBe(2);

    expect(await db.get("select id, at, usd from jobs where id = ?", 1)).toEqual({ id: 1, at: 1_764_000_000_000, usd: 0.039 });
    expect(await db.get("select id from jobs where id = ?", 3)).toBeUndefined();
    expect(await db.all("select id, state from jobs where state = ? order by id", "delivered")).toEqual([
      { id: 1, state: "delivered" },
      { id: 2, state: "delivered" },
    ]);
    const totals = await db.get<{ n: number; totalUsd: number; at: number }>(`select count(*) as n, coalesce(sum(usd), 0) as "totalUsd", max(at) as at from jobs`);
    expect(totals).toEqual({ n: 2, totalUsd: expect.closeTo(0.539, 9), at: 1_764_000_000_000 });
  });

  it("refuses changes to one column until the refusal is taken away", async () => {
    db = await createTestDatabase(env());
    await db.run("create table jobs (id integer primary key, state text, delivered_at integer)");
    await db.run("insert into jobs (id, state) values (?, ?)", 1, "completed");
    const allow = await refuseUpdates(db, "jobs", "delivered_at", "delivery not recorded");
    await expect(db.run("update jobs set state = 'delivered', delivered_at = ? where id = ?", 5, 1)).rejects.toThrow(/delivery not recorded/);
    expect(await db.run("update jobs set state = ? where id = ?", "failed", 1)).toBe(1);
    await allow();
    expect(await db.run("update jobs set state = 'delivered', delivered_at = ? where id = ?", 5, 1)).toBe(1);
    expect(await db.get("select state, delivered_at from jobs")).toEqual({ state: "delivered", delivered_at: 5 });
  });

  it("wipes to an empty database, and is gone after close", async () => {
    db = await createTestDatabase(env());
    await db.run("create table kept (id integer)");
    await db.wipe();
    await db.run("create table kept (id integer)");
    expect(await db.all("select id from kept")).toEqual([]);
    expect(await exists(db)).toBe(true);
    await db.close();
    expect(await exists(db)).toBe(false);
    db = undefined;
  });
}

describe("the SQLite handle", () => {
  handleChecks(
    () => ({}),
    async (db) => existsSync(db.target),
  );
});

describe.skipIf(!postgresUrl)("the PostgreSQL handle (FALCORD_TEST_POSTGRES_URL)", () => {
  handleChecks(
    () => ({ FALCORD_TEST_DATABASE: "postgres", FALCORD_TEST_POSTGRES_URL: postgresUrl }),
    async (db) => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        const name = new URL(db.target).pathname.slice(1);
        return (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
      } finally {
        await admin.end();
      }
    },
  );

  it("gives the bot a DATABASE_URL on the same server, to a database of its own", async () => {
    const db = await createTestDatabase({ FALCORD_TEST_DATABASE: "postgres", FALCORD_TEST_POSTGRES_URL: postgresUrl });
    try {
      const target = new URL(db.target);
      const admin = new URL(postgresUrl!);
      expect(target.host).toBe(admin.host);
      expect(target.pathname).toMatch(/^\/falcord_e2e_[0-9a-f]{12}$/);
      expect(db.env).toEqual({ DATABASE_URL: db.target });
    } finally {
      await db.close();
    }
  });
});
