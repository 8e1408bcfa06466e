// What an open modal needs when it is submitted, kept in the database so a form survives a restart.
import { randomBytes } from "node:crypto";
import type { Db } from "./database.js";

export interface FormRepository {
  /** Stores the payload and returns its id: 12 URL-safe characters, no ":". Expired forms are dropped on the way. */
  put(payload: unknown, ttlMs: number): Promise<string>;
  /** Removes and returns the payload; undefined when unknown or expired. A form is submitted once. */
  take<T>(id: string): Promise<T | undefined>;
}

export function createFormRepository(db: Db, now: () => number = Date.now): FormRepository {
  return {
    async put(payload, ttlMs) {
      await db.deleteFrom("pending_forms").where("expires_at", "<=", now()).execute();
      const id = randomBytes(9).toString("base64url");
      await db
        .insertInto("pending_forms")
        .values({ id, payload_json: JSON.stringify(payload), expires_at: now() + ttlMs })
        .execute();
      return id;
    },
    async take<T>(id: string) {
      const row = await db.deleteFrom("pending_forms").where("id", "=", id).returningAll().executeTakeFirst();
      return row && row.expires_at > now() ? (JSON.parse(row.payload_json) as T) : undefined;
    },
  };
}
