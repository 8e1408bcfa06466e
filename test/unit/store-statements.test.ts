import { describe, expect, it } from "vitest";
import { openDatabase, statementsOf } from "../../src/store/database.js";
import { toPositional } from "../../src/store/statements.js";
import { freshTarget, testDialect } from "./memory-db.js";

describe("the store's hand-written statements", () => {
  it("become PostgreSQL's numbered parameters, one number per name however often it is used", () => {
    expect(toPositional("UPDATE jobs SET a = @at, b = @at WHERE id = @id AND c = coalesce(@x, c)")).toEqual({
      text: "UPDATE jobs SET a = $1, b = $1 WHERE id = $2 AND c = coalesce($3, c)",
      names: ["at", "id", "x"],
    });
  });

  it(`run on ${testDialect}: a transaction commits what it did, or nothing when it throws`, async () => {
    const db = await openDatabase(await freshTarget());
    try {
      const statements = statementsOf(db);
      const put = "INSERT INTO pending_forms (id, payload_json, expires_at) VALUES (@id, @payload, @at)";
      await statements.transaction(async (queries) => {
        await queries.run(put, { id: "kept", payload: "{}", at: 1 });
      });
      await expect(
        statements.transaction(async (queries) => {
          await queries.run(put, { id: "undone", payload: "{}", at: 2 });
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await statements.all("SELECT id, expires_at FROM pending_forms ORDER BY id")).toEqual([{ id: "kept", expires_at: 1 }]);
      expect(await statements.run("DELETE FROM pending_forms WHERE id = @id", { id: "kept" })).toBe(1);
      await expect(statements.run(put, { id: "x", payload: "{}" })).rejects.toThrow(/at/);
    } finally {
      await db.destroy();
    }
  });
});
