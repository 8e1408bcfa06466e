// Versioned schema changes, applied in order at start-up. Never change what a shipped migration does; add one.
// One set of migrations for both dialects (statements.ts): PostgreSQL's types and triggers differ where noted, and
// SQLite's schema is what it always was.
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type Migration, type Transaction } from "kysely";
import type { Dialect } from "./statements.js";

/**
 * A server that turned a model off keeps a list of the models it has on, which could not name the models that came
 * later: added to every such list, they start on, as on a server that never changed the list, until an admin turns
 * them off. A row that is not JSON is left for the settings' own reader.
 */
async function turnOnNewModels(db: Kysely<unknown>, added: readonly string[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { rows } = await sql<{ guild_id: string; settings_json: string }>`select guild_id, settings_json from guild_settings`.execute(trx);
    for (const row of rows) {
      let settings: unknown;
      try {
        settings = JSON.parse(row.settings_json);
      } catch {
        continue;
      }
      if (typeof settings !== "object" || settings === null || !("enabledModels" in settings)) continue;
      const enabled = settings.enabledModels;
      if (!Array.isArray(enabled)) continue;
      const missing = added.filter((id) => !enabled.includes(id));
      if (missing.length === 0) continue;
      const json = JSON.stringify({ ...settings, enabledModels: [...(enabled as unknown[]), ...missing] });
      await sql`update guild_settings set settings_json = ${json} where guild_id = ${row.guild_id}`.execute(trx);
    }
  });
}

/**
 * Kysely runs PostgreSQL's migrations in a transaction (its DDL is transactional) and SQLite's outside one: a migration
 * that must not stop half-way opens its own only where there is none.
 */
function inTransaction(db: Kysely<unknown>, work: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute((trx: Transaction<unknown>) => work(trx));
}

/** The column types and keys of a dialect: times in milliseconds and sums of micro-dollars outgrow PostgreSQL's integer. */
function columnTypes(dialect: Dialect) {
  const sqlite = dialect === "sqlite";
  return {
    integer: sqlite ? "integer" : "bigint",
    real: sqlite ? "real" : "double precision",
    /** An id the database assigns. */
    serialKey: (c: ColumnDefinitionBuilder) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()),
    withoutRowid: <T extends string, C extends string>(table: CreateTableBuilder<T, C>) => (sqlite ? table.modifyEnd(sql`without rowid`) : table),
  } as const;
}

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const t = columnTypes(dialect);
  return {
  "0001_jobs": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", t.integer, t.serialKey)
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
        .addColumn("token_expires_at", t.integer, (c) => c.notNull())
        .addColumn("reply_message_id", "text")
        .addColumn("ephemeral", t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn("channel_nsfw", t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn("upload_limit", t.integer, (c) => c.notNull())
        .addColumn("request_id", "text")
        .addColumn("result_json", "text")
        .addColumn("error_json", "text")
        .addColumn("cost_estimate", t.real, (c) => c.notNull().defaultTo(0))
        .addColumn("cost_final", t.real)
        .addColumn("parent_job_id", t.integer, (c) => c.references("jobs.id"))
        .addColumn("created_at", t.integer, (c) => c.notNull())
        .addColumn("updated_at", t.integer, (c) => c.notNull())
        .addColumn("submitted_at", t.integer)
        .addColumn("completed_at", t.integer)
        .addColumn("delivered_at", t.integer)
        .execute();
      await db.schema.createIndex("jobs_unfinished").on("jobs").column("state").where(sql.ref("state"), "not in", ["delivered", "failed", "cancelled"]).execute();
      await db.schema.createIndex("jobs_requester").on("jobs").columns(["guild_id", "requester_id", "created_at"]).execute();
    },
  },
  "0002_forms_and_deletions": {
    async up(db: Kysely<unknown>) {
      // What an open modal needs when it comes back (a custom_id holds 100 characters, too few for image links).
      await db.schema
        .createTable("pending_forms")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("payload_json", "text", (c) => c.notNull())
        .addColumn("expires_at", t.integer, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("pending_forms_expiry").on("pending_forms").column("expires_at").execute();
      await db.schema.alterTable("jobs").addColumn("deleted_at", t.integer).execute();
      await db.schema.createIndex("jobs_parent").on("jobs").column("parent_job_id").execute();
    },
  },
  "0003_settings_and_ledger": {
    async up(db: Kysely<unknown>) {
      // One row per server; the settings themselves are JSON checked by a zod schema on the way in and out.
      await db.schema
        .createTable("guild_settings")
        .addColumn("guild_id", "text", (c) => c.primaryKey())
        .addColumn("settings_json", "text", (c) => c.notNull())
        .addColumn("updated_by", "text")
        .addColumn("updated_at", t.integer, (c) => c.notNull())
        .execute();
      // One row per job: the cost reserved when it was accepted, settled with the real output or released.
      await db.schema
        .createTable("ledger")
        .addColumn("job_id", t.integer, (c) => c.primaryKey().references("jobs.id"))
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("model_id", "text", (c) => c.notNull())
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("images", t.integer, (c) => c.notNull())
        .addColumn("usd", t.real, (c) => c.notNull())
        .addColumn("created_at", t.integer, (c) => c.notNull())
        .addColumn("settled_at", t.integer)
        .execute();
      await db.schema.createIndex("ledger_guild_day").on("ledger").columns(["guild_id", "day"]).execute();
      // How this job shows images the model flagged, decided by the server's settings when it was accepted.
      await db.schema.alterTable("jobs").addColumn("nsfw_policy", "text", (c) => c.notNull().defaultTo("withhold")).execute();
      await db.schema.createIndex("ledger_member_day").on("ledger").columns(["guild_id", "user_id", "day"]).execute();
    },
  },
  "0004_contests": {
    async up(db: Kysely<unknown>) {
      // A contest's phase moves submission → voting → results (or cancelled) by guarded UPDATEs, at the times stored here.
      await db.schema
        .createTable("contests")
        .addColumn("id", t.integer, t.serialKey)
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("theme", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("submission_ends_at", t.integer, (c) => c.notNull())
        .addColumn("voting_ends_at", t.integer, (c) => c.notNull())
        .addColumn("entries_per_member", t.integer, (c) => c.notNull())
        .addColumn("votes_per_member", t.integer)
        .addColumn("allowed_models_json", "text")
        .addColumn("approval", t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn("hide_counts", t.integer, (c) => c.notNull().defaultTo(1))
        .addColumn("announcement_message_id", "text")
        .addColumn("results_message_id", "text")
        .addColumn("created_at", t.integer, (c) => c.notNull())
        .addColumn("updated_at", t.integer, (c) => c.notNull())
        .addColumn("ended_at", t.integer)
        .execute();
      await db.schema.createIndex("contests_guild_phase").on("contests").columns(["guild_id", "phase"]).execute();
      await db.schema
        .createTable("contest_entries")
        .addColumn("id", t.integer, t.serialKey)
        .addColumn("contest_id", t.integer, (c) => c.notNull().references("contests.id"))
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("job_id", t.integer, (c) => c.references("jobs.id"))
        .addColumn("image_index", t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn("model_id", "text", (c) => c.notNull())
        .addColumn("prompt", "text", (c) => c.notNull())
        .addColumn("image_url", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("message_id", "text")
        .addColumn("decided_by", "text")
        .addColumn("created_at", t.integer, (c) => c.notNull())
        .addColumn("updated_at", t.integer, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("contest_entries_member").on("contest_entries").columns(["contest_id", "user_id"]).execute();
      // One image enters a contest once.
      await db.schema.createIndex("contest_entries_job").on("contest_entries").columns(["contest_id", "job_id", "image_index"]).unique().execute();
      await db.schema
        .createTable("contest_votes")
        .addColumn("entry_id", t.integer, (c) => c.notNull().references("contest_entries.id"))
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("contest_id", t.integer, (c) => c.notNull().references("contests.id"))
        .addColumn("created_at", t.integer, (c) => c.notNull())
        .addPrimaryKeyConstraint("contest_votes_pk", ["entry_id", "user_id"])
        .execute();
      await db.schema.createIndex("contest_votes_member").on("contest_votes").columns(["contest_id", "user_id"]).execute();
      // A job made by /contest enter becomes an entry of this contest when it is delivered.
      await db.schema.alterTable("jobs").addColumn("contest_id", t.integer, (c) => c.references("contests.id")).execute();
    },
  },
  "0005_admission_indexes": {
    async up(db: Kysely<unknown>) {
      // Admission reads today's totals on every command: answered from the index alone, not from the rows.
      await db.schema
        .createIndex("ledger_guild_day_totals")
        .on("ledger")
        .columns(["guild_id", "day", "status", "user_id", "model_id", "images", "usd"])
        .execute();
      await db.schema.dropIndex("ledger_guild_day").execute();
      // A member's jobs in flight, without walking all the jobs they ever ran.
      await db.schema
        .createIndex("jobs_member_unfinished")
        .on("jobs")
        .columns(["guild_id", "requester_id"])
        .where(sql.ref("state"), "not in", ["delivered", "failed", "cancelled"])
        .execute();
    },
  },
  "0006_drop_unused_indexes": {
    async up(db: Kysely<unknown>) {
      // Written on every job and ledger change, read by no query (each is served by another index or the key).
      await db.schema.dropIndex("jobs_parent").execute();
      await db.schema.dropIndex("ledger_member_day").execute();
    },
  },
  "0007_ledger_day_totals": {
    async up(db: Kysely<unknown>) {
      // Admission summed today's ledger rows of the server on every command: a cost that grew with the day's
      // jobs (0.2 ms at the first, 0.5 ms at the 2000th). Triggers keep each day's totals instead, so admission
      // reads two rows. Money is summed in integer micro-dollars, so reserving and settling leave no float residue.
      // Kysely runs SQLite migrations outside a transaction: a failure half-way must leave nothing behind.
      await inTransaction(db, async (trx) => {
        await trx.schema
          .createTable("ledger_guild_days")
          .addColumn("guild_id", "text", (c) => c.notNull())
          .addColumn("day", "text", (c) => c.notNull())
          .addColumn("usd_micros", t.integer, (c) => c.notNull())
          .addPrimaryKeyConstraint("ledger_guild_days_pk", ["guild_id", "day"])
          .$call(t.withoutRowid)
          .execute();
        await trx.schema
          .createTable("ledger_member_days")
          .addColumn("guild_id", "text", (c) => c.notNull())
          .addColumn("user_id", "text", (c) => c.notNull())
          .addColumn("day", "text", (c) => c.notNull())
          .addColumn("images", t.integer, (c) => c.notNull())
          .addPrimaryKeyConstraint("ledger_member_days_pk", ["guild_id", "user_id", "day"])
          .$call(t.withoutRowid)
          .execute();
        // A released row (a failed or cancelled job) counts for nothing; every other row counts in full.
        const micros = (row: string) => `cast(round(${row}.usd * 1000000) as ${t.integer})`;
        const count = (row: string) => `
          insert into ledger_guild_days (guild_id, day, usd_micros) values (${row}.guild_id, ${row}.day, ${micros(row)})
            on conflict (guild_id, day) do update set usd_micros = ledger_guild_days.usd_micros + excluded.usd_micros;
          insert into ledger_member_days (guild_id, user_id, day, images) values (${row}.guild_id, ${row}.user_id, ${row}.day, ${row}.images)
            on conflict (guild_id, user_id, day) do update set images = ledger_member_days.images + excluded.images;`;
        const uncount = (row: string) => `
          update ledger_guild_days set usd_micros = usd_micros - ${micros(row)} where guild_id = ${row}.guild_id and day = ${row}.day;
          update ledger_member_days set images = images - ${row}.images
            where guild_id = ${row}.guild_id and user_id = ${row}.user_id and day = ${row}.day;`;
        const counted = (row: string) => `${row}.status != 'released'`;
        const changed = "update of status, images, usd, guild_id, user_id, day";
        const triggers =
          dialect === "sqlite"
            ? [
                `create trigger ledger_count_inserted after insert on ledger when ${counted("new")} begin ${count("new")} end`,
                `create trigger ledger_uncount_updated after ${changed} on ledger when ${counted("old")} begin ${uncount("old")} end`,
                `create trigger ledger_count_updated after ${changed} on ledger when ${counted("new")} begin ${count("new")} end`,
                `create trigger ledger_uncount_deleted after delete on ledger when ${counted("old")} begin ${uncount("old")} end`,
              ]
            : [
                // PostgreSQL's triggers run a function: one for the four cases, the old row uncounted before the new is counted.
                `create function ledger_day_totals() returns trigger language plpgsql as $$
                 begin
                   if tg_op in ('UPDATE', 'DELETE') then
                     if ${counted("old")} then ${uncount("old")} end if;
                   end if;
                   if tg_op in ('INSERT', 'UPDATE') then
                     if ${counted("new")} then ${count("new")} end if;
                   end if;
                   return null;
                 end $$`,
                `create trigger ledger_day_totals after insert or delete or ${changed} on ledger
                 for each row execute function ledger_day_totals()`,
              ];
        for (const statement of triggers) await sql.raw(statement).execute(trx);
        await sql`
          insert into ledger_guild_days (guild_id, day, usd_micros)
          select guild_id, day, sum(${sql.raw(micros("ledger"))}) from ledger where ${sql.raw(counted("ledger"))} group by guild_id, day`.execute(trx);
        await sql`
          insert into ledger_member_days (guild_id, user_id, day, images)
          select guild_id, user_id, day, sum(images) from ledger where ${sql.raw(counted("ledger"))} group by guild_id, user_id, day`.execute(trx);
        // The usage report reads the rows of a range of days; no query needs the wide index any more, and every
        // ledger change had to write it.
        await trx.schema.createIndex("ledger_guild_day").on("ledger").columns(["guild_id", "day"]).execute();
        await trx.schema.dropIndex("ledger_guild_day_totals").execute();
      });
    },
  },
  "0008_contest_voting_announced": {
    async up(db: Kysely<unknown>) {
      // When the "Voting is open" message went out: a contest whose phase changed but whose announcement did not
      // (Discord down, or the bot stopped in between) is retried, as the results are. Contests past their
      // submission phase before this column existed had theirs.
      await inTransaction(db, async (trx) => {
        await trx.schema.alterTable("contests").addColumn("voting_announced_at", t.integer).execute();
        await sql`update contests set voting_announced_at = updated_at where phase != 'submission'`.execute(trx);
      });
    },
  },
  "0009_member_preferences": {
    async up(db: Kysely<unknown>) {
      // A member's own defaults (one JSON row, read back through a zod schema) and their saved styles; both are the
      // member's across servers. Style names are unique per member whatever their case.
      await inTransaction(db, async (trx) => {
        await trx.schema
          .createTable("member_defaults")
          .addColumn("user_id", "text", (c) => c.primaryKey())
          .addColumn("defaults_json", "text", (c) => c.notNull())
          .addColumn("updated_at", t.integer, (c) => c.notNull())
          .execute();
        await trx.schema
          .createTable("member_styles")
          .addColumn("id", t.integer, t.serialKey)
          .addColumn("user_id", "text", (c) => c.notNull())
          .addColumn("name", "text", (c) => (dialect === "sqlite" ? c.notNull().modifyEnd(sql`collate nocase`) : c.notNull()))
          .addColumn("prompt_addition", "text", (c) => c.notNull())
          .addColumn("image_urls_json", "text", (c) => c.notNull())
          .addColumn("created_at", t.integer, (c) => c.notNull())
          .addColumn("updated_at", t.integer, (c) => c.notNull())
          .$call((table) => (dialect === "sqlite" ? table.addUniqueConstraint("member_styles_user_name", ["user_id", "name"]) : table))
          .execute();
        // PostgreSQL compares text by case: the same rule is an index on the name in lower case.
        if (dialect === "postgres") await sql`create unique index member_styles_user_name on member_styles (user_id, lower(name))`.execute(trx);
      });
    },
  },
  "0010_jobs_reply_message_index": {
    async up(db: Kysely<unknown>) {
      // A member's reply to a result names the result's message: its job is found by the reply's message id.
      await db.schema.createIndex("jobs_reply_message").on("jobs").column("reply_message_id").execute();
    },
  },
  "0011_new_models_on": {
    async up(db: Kysely<unknown>) {
      // Describe's vision model and the Upscale buttons' upscaler.
      await turnOnNewModels(db, ["gemini-25-flash-vision", "seedvr-upscale"]);
    },
  },
  "0012_jobs_token_only": {
    async up(db: Kysely<unknown>) {
      // A job started where the bot is not a member (a member's own install used in another server, a group DM) can
      // only be reached through its interaction token: the bot token may not post or edit there.
      // Where Discord keeps every reply private (the member lacks Use External Apps there), the reply says so: the
      // line every edit of it starts with, in the member's language.
      await inTransaction(db, async (trx) => {
        await trx.schema.alterTable("jobs").addColumn("token_only", t.integer, (c) => c.notNull().defaultTo(0)).execute();
        await trx.schema.alterTable("jobs").addColumn("reply_note", "text").execute();
      });
    },
  },
  "0013_job_locale": {
    async up(db: Kysely<unknown>) {
      // The language a job's reply speaks all its life (its progress, failure and buttons): the asking member's. Jobs
      // from before languages spoke English.
      await db.schema.alterTable("jobs").addColumn("locale", "text", (c) => c.notNull().defaultTo("en-US")).execute();
    },
  },
  "0014_job_steps": {
    async up(db: Kysely<unknown>) {
      // An asset with its background removed takes two requests at fal: the picture, then the cut-out. `step` is the
      // request the job is at (0 the model's, 1 the background removal's); the first's result (its description) and
      // cost are kept for the job's end, which settles both.
      await inTransaction(db, async (trx) => {
        await trx.schema.alterTable("jobs").addColumn("step", t.integer, (c) => c.notNull().defaultTo(0)).execute();
        await trx.schema.alterTable("jobs").addColumn("first_result_json", "text").execute();
        await trx.schema.alterTable("jobs").addColumn("first_cost", t.real).execute();
      });
    },
  },
  "0015_background_removal_on": {
    async up(db: Kysely<unknown>) {
      // The background removal behind /asset and Make asset.
      await turnOnNewModels(db, ["bria-background-removal"]);
    },
  },
    "0016_job_leases": {
      async up(db: Kysely<unknown>) {
        // Several processes share the jobs: each unfinished job is run by one of them, its owner, for as long as the
        // owner renews the lease. A job whose lease ran out (its process died) is taken over by another.
        await inTransaction(db, async (trx) => {
          await trx.schema.alterTable("jobs").addColumn("owner", "text").execute();
          await trx.schema.alterTable("jobs").addColumn("lease_until", t.integer).execute();
          // Renewed every few seconds and searched for orphans: the unfinished jobs only, by owner and lease.
          await trx.schema
            .createIndex("jobs_unfinished_lease")
            .on("jobs")
            .columns(["owner", "lease_until"])
            .where(sql.ref("state"), "not in", ["delivered", "failed", "cancelled"])
            .execute();
        });
      },
    },
    "0017_jobs_request_id_index": {
      async up(db: Kysely<unknown>) {
        // fal's callbacks (webhooks) name their request: its job is found by the request id.
        await db.schema.createIndex("jobs_request_id").on("jobs").column("request_id").execute();
      },
    },
    "0018_shared_fal_turns": {
      async up(db: Kysely<unknown>) {
        // Several processes share fal's account: members take turns for it in the database (store/fal-turns.ts).
        await inTransaction(db, async (trx) => {
          // The turn a waiting job was given: from then on it holds one of the account's places until it leaves fal.
          await trx.schema.alterTable("jobs").addColumn("fal_turn", t.integer).execute();
          // Read a few times a second by every process: the jobs waiting for fal or at it, not the whole history.
          await trx.schema
            .createIndex("jobs_at_fal")
            .on("jobs")
            .column("state")
            .where(sql.ref("state"), "in", ["accepted", "submitting", "submitted", "running"])
            .execute();
          // One row: how many jobs may be at fal at once (found out or told), and the next turn's number.
          await trx.schema
            .createTable("fal_account")
            .addColumn("id", t.integer, (c) => c.primaryKey())
            .addColumn("turn_limit", t.integer, (c) => c.notNull())
            .addColumn("held_until", t.integer, (c) => c.notNull())
            .addColumn("next_turn", t.integer, (c) => c.notNull())
            .execute();
          // When each member last got a turn: the least recently served goes next.
          await trx.schema
            .createTable("fal_member_turns")
            .addColumn("member_key", "text", (c) => c.primaryKey())
            .addColumn("last_turn", t.integer, (c) => c.notNull())
            .$call(t.withoutRowid)
            .execute();
        });
      },
    },
    "0019_contest_locale": {
      async up(db: Kysely<unknown>) {
        // The server's language when the contest was made: what the contest posts in from a process that does not
        // have the server in its cache (the contests' leader may run another shard).
        await db.schema.alterTable("contests").addColumn("locale", "text").execute();
      },
    },
    "0020_member_unfinished_by_requester": {
      async up(db: Kysely<unknown>) {
        // A member's jobs in flight are also counted across every server and DM (spend on their own install): the
        // requester leads the index, so both that count and a server's (requester and server) search it.
        await inTransaction(db, async (trx) => {
          await trx.schema.dropIndex("jobs_member_unfinished").execute();
          await trx.schema
            .createIndex("jobs_member_unfinished")
            .on("jobs")
            .columns(["requester_id", "guild_id"])
            .where(sql.ref("state"), "not in", ["delivered", "failed", "cancelled"])
            .execute();
        });
      },
    },
  };
}
