// A fresh in-memory database for each test of the calling describe, closed after it.
import { afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "../../src/store/database.js";

export function memoryDb(): () => Db {
  let db: Db;
  beforeEach(async () => {
    db = await openDatabase(":memory:");
  });
  afterEach(async () => {
    await db.destroy();
  });
  return () => db;
}
