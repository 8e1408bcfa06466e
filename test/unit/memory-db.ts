// Fresh databases for unit tests, on the dialect of the test run: SQLite in memory, or — in the postgres project
// (FALCORD_TEST_DATABASE=postgres, see vitest.config.ts) — a new database on the test server, dropped after the test.
import { afterAll, afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "../../src/store/database.js";
import { createPostgresDatabase, testDialect, type PostgresDatabase } from "../databases.js";

export { testDialect };

const created: PostgresDatabase[] = [];
// After the file's tests, whose own hooks have closed their connections by then.
afterAll(async () => {
  await Promise.all(created.splice(0).map((database) => database.drop()));
});

/** Where a test's own database is: ":memory:" on SQLite; on PostgreSQL a new database, dropped after the file's tests. */
export async function freshTarget(): Promise<string> {
  if (testDialect === "sqlite") return ":memory:";
  const database = await createPostgresDatabase("falcord_unit");
  created.push(database);
  return database.url;
}

/** A fresh database for each test of the calling describe, closed after it. */
export function memoryDb(): () => Db {
  let db: Db;
  beforeEach(async () => {
    db = await openDatabase(await freshTarget());
  });
  afterEach(async () => {
    await db.destroy();
  });
  return () => db;
}
