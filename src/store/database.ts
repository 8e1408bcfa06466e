// Opens the SQLite database (creating its folder), sets WAL mode, and applies pending migrations.
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationProvider, type SqliteDatabase } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrations } from "./migrations.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Far more than the distinct statements the bot issues; a safety net against unbounded growth. */
const maxCachedStatements = 1000;

/**
 * Kysely prepares every query anew; preparing is a large share of SQLite's cost under a burst of commands.
 * The bot issues a small, fixed set of statements, so each is prepared once and reused (Kysely runs one
 * query at a time on the connection, so a statement is never in use twice).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= maxCachedStatements) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export async function openDatabase(path: string): Promise<Db> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String((error as Error | undefined)?.message ?? error)}`);
  }
  return db;
}
