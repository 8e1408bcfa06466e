// Opens the database, applies pending migrations, and gives out its hand-written statements (statements.ts):
// SQLite in a file (WAL mode, created with its folder) by default, or PostgreSQL when given a postgres:// URL.
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { startCheckpointer, type Checkpointer } from "./checkpointer.js";
import { migrationsFor } from "./migrations.js";
import type { Database } from "./schema.js";
import { postgresStatements, sqliteStatements, type Dialect, type Statements } from "./statements.js";

export type Db = Kysely<Database>;

const statementsByDb = new WeakMap<Db, Statements>();
const poolsByDb = new WeakMap<Db, pg.Pool>();

/** The hand-written statements of a Db opened by openDatabase, on its dialect. */
export function statementsOf(db: Db): Statements {
  const statements = statementsByDb.get(db);
  if (!statements) throw new Error("this Db was not opened by openDatabase");
  return statements;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

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

function openSqlite(path: string): { db: Db; statements: Statements } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const checkpointer = path === ":memory:" ? undefined : offMainThreadCheckpoints(sqlite, path);
  const cached = withStatementCache(sqlite, () => checkpointer?.stop());
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  const statements = sqliteStatements({
    prepare: (text) => cached.prepare(text),
    inTransaction: () => sqlite.inTransaction,
    // Kysely's SQLite driver runs one query at a time on its one connection: holding it, no query runs in between.
    holding: (work) => db.connection().execute(() => work()),
  });
  return { db, statements };
}

/** PostgreSQL's 64-bit integers (times, ids, counts) and sums come back as numbers: the store's values fit a double. */
const numberTypes = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => (numberTypes.has(oid) ? Number : pg.types.getTypeParser(oid, format)),
};

function openPostgres(url: string): { db: Db; statements: Statements; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle connection the server closed (a restart, a failover) leaves the pool, which connects anew for the next query.
  pool.on("error", (error) => process.emitWarning(`falcord: the database closed an idle connection (${error.message})`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, statements: postgresStatements(db), pool };
}

/**
 * The connection pool under a Db opened by openDatabase on PostgreSQL (undefined on SQLite): for what needs one
 * session of its own, kept checked out (leadership.ts's advisory lock).
 */
export function postgresPoolOf(db: Db): pg.Pool | undefined {
  return poolsByDb.get(db);
}

/** An SQLite file path (or ":memory:"), or a postgres:// URL. */
export async function openDatabase(target: string): Promise<Db> {
  const dialect: Dialect = isPostgresUrl(target) ? "postgres" : "sqlite";
  const { db, statements, pool } = dialect === "postgres" ? openPostgres(target) : { ...openSqlite(target), pool: undefined };
  statementsByDb.set(db, statements);
  if (pool) poolsByDb.set(db, pool);
  const provider = { getMigrations: async () => migrationsFor(dialect) };
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
