// Opens the SQLite database (creating its folder), sets WAL mode, and applies pending migrations.
import SQLite from "better-sqlite3";
import { Kysely, Migrator, sql, SqliteDialect, type MigrationProvider, type SqliteDatabase } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { startCheckpointer, type Checkpointer } from "./checkpointer.js";
import { migrations } from "./migrations.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/**
 * The better-sqlite3 connection under a Db, for the few hot paths that run their own prepared statements
 * synchronously (job transitions, admission, contests taking entries) instead of a build and an async round
 * through Kysely for each query.
 */
export interface SyncConnection {
  prepare(sql: string): SQLite.Statement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

const syncConnections = new WeakMap<Db, SyncConnection>();

/** Used only inside `holdingConnection`, so no Kysely transaction is open in between. */
export function syncConnectionOf(db: Db): SyncConnection {
  const connection = syncConnections.get(db);
  if (!connection) throw new Error("this Db was not opened by openDatabase");
  return connection;
}

/** Runs synchronous statements on `syncConnectionOf(db)` while holding Kysely's connection. */
export function holdingConnection<T>(db: Db, work: () => T): Promise<T> {
  return db.connection().execute(async () => work());
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Far more than the distinct statements the bot issues; a safety net against unbounded growth. */
const maxCachedStatements = 1000;

/** Kysely's SqliteDatabase, giving out better-sqlite3's statements (the hot paths use them directly too). */
interface CachingDatabase extends SqliteDatabase {
  prepare(sql: string): SQLite.Statement;
}

/**
 * Kysely prepares every query anew; preparing is a large share of SQLite's cost under a burst of commands.
 * The bot issues a small, fixed set of statements, so each is prepared once and reused (Kysely runs one
 * query at a time on the connection, so a statement is never in use twice).
 */
function withStatementCache(sqlite: SQLite.Database, onClose: () => void): CachingDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare(sql: string) {
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

/** Moves WAL checkpoints to a worker (see checkpointer.ts); if it cannot run, SQLite checkpoints as usual. */
function offMainThreadCheckpoints(sqlite: SQLite.Database, path: string): Checkpointer | undefined {
  let checkpointer: Checkpointer | undefined;
  let fellBack = false;
  const fallBack = (error: Error) => {
    if (fellBack) return;
    fellBack = true;
    checkpointer?.stop();
    process.emitWarning(`falcord: ${error.message}; SQLite checkpoints on the main thread from now on`);
    if (sqlite.open) sqlite.pragma("wal_autocheckpoint = 1000");
  };
  try {
    checkpointer = startCheckpointer(path, fallBack);
    sqlite.pragma("wal_autocheckpoint = 0");
  } catch (error) {
    fallBack(error as Error);
  }
  return checkpointer;
}

export async function openDatabase(path: string): Promise<Db> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const checkpointer = path === ":memory:" ? undefined : offMainThreadCheckpoints(sqlite, path);
  const cached = withStatementCache(sqlite, () => checkpointer?.stop());
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  syncConnections.set(db, { prepare: (sql) => cached.prepare(sql), transaction: (fn) => sqlite.transaction(fn) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String((error as Error | undefined)?.message ?? error)}`);
  }
  return db;
}

/** Whether the database answers a query (the operators' health check). */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
