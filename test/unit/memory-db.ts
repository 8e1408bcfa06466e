// Fresh databases for unit tests, on the dialect of the test run: SQLite in memory, or — in the postgres project
// (FALCORD_TEST_DATABASE=postgres, see vitest.config.ts) — a new database on the test server, dropped after the file.
import { afterAll, afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "../../src/store/database.js";
import { chosenDatabase, createTestDatabase, type TestDatabase } from "../e2e/test-database.js";

export const testDialect = chosenDatabase().dialect;

const created: TestDatabase[] = [];
// After the file's tests, whose own hooks have closed their connections by then.
afterAll(async () => {
  await Promise.all(created.splice(0).map((database) => database.close()));
});

/** Where a test's own database is: ":memory:" on SQLite; on PostgreSQL a new database, dropped after the file's tests. */
export async function freshTarget(): Promise<string> {
  if (testDialect === "sqlite") return ":memory:";
  const database = await createTestDatabase();
  created.push(database);
  return database.target;
}

/** Opens databases for the calling file's tests, each closed after its test. */
export function databasesClosedAfterEach(): (target: string) => Promise<Db> {
  const opened: Db[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  return async (target) => {
    const db = await openDatabase(target);
    opened.push(db);
    return db;
  };
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
