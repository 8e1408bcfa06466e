// The bot's database for one e2e harness, SQLite or PostgreSQL as the test run asks (FALCORD_TEST_DATABASE), and a
// handle that reads and changes it with plain SQL, independent of the bot's code. The SQL is written once, with `?`
// placeholders, and must run on both: no SQLite-only functions, integers compared as integers.
import SQLite from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type Dialect = "sqlite" | "postgres";
export type SqlParam = string | number | null;

export interface TestDatabase {
  readonly dialect: Dialect;
  /** What the bot is given to find it: the SQLite file's path, or a postgres:// URL. */
  readonly target: string;
  /** The bot's environment entry that points it here (DATABASE_PATH or DATABASE_URL). */
  readonly env: Record<string, string>;
  /** The first row, if any. */
  get<Row>(sql: string, ...params: SqlParam[]): Promise<Row | undefined>;
  all<Row>(sql: string, ...params: SqlParam[]): Promise<Row[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, ...params: SqlParam[]): Promise<number>;
  /** Throws the database away, as if it were lost, leaving an empty one in its place. Only while the bot is stopped. */
  wipe(): Promise<void>;
  /** Closes this handle's connections and deletes the database. */
  close(): Promise<void>;
}

type Choice = { dialect: "sqlite" } | { dialect: "postgres"; adminUrl: string };

/** Which database the test run asked for. */
export function chosenDatabase(env: NodeJS.ProcessEnv = process.env): Choice {
  const asked = env.FALCORD_TEST_DATABASE ?? "";
  if (asked === "" || asked === "sqlite") return { dialect: "sqlite" };
  if (asked !== "postgres") throw new Error(`FALCORD_TEST_DATABASE=${asked}: expected "postgres", "sqlite" or nothing (SQLite)`);
  const adminUrl = env.FALCORD_TEST_POSTGRES_URL;
  if (!adminUrl) {
    throw new Error(
      "FALCORD_TEST_DATABASE=postgres needs FALCORD_TEST_POSTGRES_URL, an admin URL of a test server " +
        '(postgres://falcord@127.0.0.1:54329/postgres after `eval "$(scripts/test-postgres.sh start)"`)',
    );
  }
  return { dialect: "postgres", adminUrl };
}

/** A fresh, empty database of the kind the test run asked for; a PostgreSQL one is named `<prefix>_<random>`. */
export async function createTestDatabase(env: NodeJS.ProcessEnv = process.env, prefix = "falcord_e2e"): Promise<TestDatabase> {
  const choice = chosenDatabase(env);
  return choice.dialect === "postgres" ? createPostgresDatabase(choice.adminUrl, prefix) : createSqliteDatabase();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "falcord-db-"));
  const path = join(dir, "falcord.sqlite");
  // A connection for each call, closed straight after: the bot has the file open (WAL mode), holding one open would
  // keep a lost (wiped) file alive, and a reader needs no write access.
  const connected = <T>(readonly: boolean, work: (db: SQLite.Database) => T): T => {
    const db = new SQLite(path, { readonly });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    dialect: "sqlite",
    target: path,
    env: { DATABASE_PATH: path },
    get: async <Row>(sql: string, ...params: SqlParam[]) => connected(true, (db) => db.prepare(sql).get(...params) as Row | undefined),
    all: async <Row>(sql: string, ...params: SqlParam[]) => connected(true, (db) => db.prepare(sql).all(...params) as Row[]),
    run: async (sql, ...params) => connected(false, (db) => db.prepare(sql).run(...params).changes),
    async wipe() {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * bigint (int8, oid 20) and numeric (oid 1700) come back from pg as strings, to lose no precision; the bot's integers
 * (epoch milliseconds, ids, counts) and sums fit a JS number, as they do in SQLite, so the tests compare numbers.
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format)),
};

/** `?` placeholders as pg's $1, $2, …; a `?` inside a quoted string or identifier stays (dollar quoting is not read). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = "";
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "?") {
      out += `$${++n}`;
      continue;
    }
    out += char;
  }
  return out;
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(adminUrl: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  let pool: pg.Pool | undefined;
  const connected = () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: url.href, max: 2, types: numberTypes });
      // An idle connection the server ended (a restart of the test server, say): the next query opens another.
      pool.on("error", () => {});
    }
    return pool;
  };
  const query = (sql: string, params: SqlParam[]) => connected().query(numberedPlaceholders(sql), params);
  const disconnect = async () => {
    const ending = pool;
    pool = undefined;
    await ending?.end();
  };
  return {
    dialect: "postgres",
    target: url.href,
    env: { DATABASE_URL: url.href },
    get: async <Row>(sql: string, ...params: SqlParam[]) => (await query(sql, params)).rows[0] as Row | undefined,
    all: async <Row>(sql: string, ...params: SqlParam[]) => (await query(sql, params)).rows as Row[],
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    async wipe() {
      await disconnect();
      await asAdmin(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
      await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
    },
    async close() {
      await disconnect();
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Makes the database refuse every change to `table.column` with `message` (a trigger), as a full disk or a broken
 * database would; resolves with a function that takes the refusal away.
 */
export async function refuseUpdates(db: TestDatabase, table: string, column: string, message: string): Promise<() => Promise<void>> {
  const name = `e2e_refuse_${table}_${column}`;
  if (db.dialect === "sqlite") {
    await db.run(`CREATE TRIGGER ${name} BEFORE UPDATE OF ${column} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return async () => void (await db.run(`DROP TRIGGER ${name}`));
  }
  await db.run(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`);
  await db.run(`CREATE TRIGGER ${name} BEFORE UPDATE OF ${column} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.run(`DROP TRIGGER ${name} ON ${table}`);
    await db.run(`DROP FUNCTION ${name}()`);
  };
}
