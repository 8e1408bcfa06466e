// Versioned schema changes, applied in order at start-up. Never edit a shipped migration; add one.
import { sql, type Kysely, type Migration } from "kysely";

export const migrations: Record<string, Migration> = {
  "0001_jobs": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("ref", "text", (c) => c.notNull().unique())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("model_id", "text", (c) => c.notNull())
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("request_json", "text", (c) => c.notNull())
        .addColumn("input_json", "text", (c) => c.notNull())
        .addColumn("requester_id", "text", (c) => c.notNull())
        .addColumn("guild_id", "text")
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("application_id", "text", (c) => c.notNull())
        .addColumn("interaction_id", "text", (c) => c.notNull())
        .addColumn("interaction_token", "text", (c) => c.notNull())
        .addColumn("token_expires_at", "integer", (c) => c.notNull())
        .addColumn("reply_message_id", "text")
        .addColumn("ephemeral", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("channel_nsfw", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("upload_limit", "integer", (c) => c.notNull())
        .addColumn("request_id", "text")
        .addColumn("result_json", "text")
        .addColumn("error_json", "text")
        .addColumn("cost_estimate", "real", (c) => c.notNull().defaultTo(0))
        .addColumn("cost_final", "real")
        .addColumn("parent_job_id", "integer", (c) => c.references("jobs.id"))
        .addColumn("created_at", "integer", (c) => c.notNull())
        .addColumn("updated_at", "integer", (c) => c.notNull())
        .addColumn("submitted_at", "integer")
        .addColumn("completed_at", "integer")
        .addColumn("delivered_at", "integer")
        .execute();
      await db.schema.createIndex("jobs_unfinished").on("jobs").column("state").where(sql.ref("state"), "not in", ["delivered", "failed", "cancelled"]).execute();
      await db.schema.createIndex("jobs_requester").on("jobs").columns(["guild_id", "requester_id", "created_at"]).execute();
    },
  },
};
