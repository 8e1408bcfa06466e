// The store's hand-written statements (job transitions, admission, the reads run for every command): SQL with named
// parameters (`@name`), run alike on SQLite and PostgreSQL. On SQLite each is prepared once and run synchronously on
// the connection Kysely holds; on PostgreSQL it goes through Kysely's executeQuery as `$1, $2…`.
import type SQLite from "better-sqlite3";
import { CompiledQuery, type Kysely } from "kysely";

export type Dialect = "sqlite" | "postgres";

export type Values = Record<string, unknown>;

export interface Queries {
  get<Row>(text: string, values?: Values): Promise<Row | undefined>;
  all<Row>(text: string, values?: Values): Promise<Row[]>;
  /** How many rows the statement changed. */
  run(text: string, values?: Values): Promise<number>;
}

export interface Statements extends Queries {
  readonly dialect: Dialect;
  /** Throws now if a statement does not fit the schema, so that a repository fails at start-up (SQLite prepares it). */
  check(...texts: string[]): void;
  /** One transaction: committed when `work` resolves, rolled back when it throws. `work` uses only the queries it is given. */
  transaction<T>(work: (queries: Queries) => Promise<T>): Promise<T>;
}

/** The connection of an SQLite Db, with Kysely's hold on it (no other query runs in between). */
export interface SqliteConnection {
  prepare(text: string): SQLite.Statement;
  inTransaction(): boolean;
  holding<T>(work: () => Promise<T>): Promise<T>;
}

export function sqliteStatements(connection: SqliteConnection): Statements {
  const bound = (values: Values | undefined): [] | [Values] => (values ? [values] : []);
  const direct: Queries = {
    get: async <Row>(text: string, values?: Values) => connection.prepare(text).get(...bound(values)) as Row | undefined,
    all: async <Row>(text: string, values?: Values) => connection.prepare(text).all(...bound(values)) as Row[],
    run: async (text, values) => connection.prepare(text).run(...bound(values)).changes,
  };
  return {
    dialect: "sqlite",
    check: (...texts) => texts.forEach((text) => connection.prepare(text)),
    get: (text, values) => connection.holding(() => direct.get(text, values)),
    all: (text, values) => connection.holding(() => direct.all(text, values)),
    run: (text, values) => connection.holding(() => direct.run(text, values)),
    transaction: (work) =>
      connection.holding(async () => {
        connection.prepare("BEGIN").run();
        try {
          const result = await work(direct);
          connection.prepare("COMMIT").run();
          return result;
        } catch (error) {
          if (connection.inTransaction()) connection.prepare("ROLLBACK").run();
          throw error;
        }
      }),
  };
}

interface Positional {
  text: string;
  names: string[];
}

/** `@name` → `$n`, the same number for each use of a name. */
export function toPositional(text: string): Positional {
  const names: string[] = [];
  const positional = text.replace(/@(\w+)/g, (_, name: string) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text: positional, names };
}

function parametersOf({ names }: Positional, values: Values = {}): unknown[] {
  return names.map((name) => {
    if (!(name in values)) throw new RangeError(`missing named parameter '${name}'`);
    return values[name];
  });
}

export function postgresStatements<Schema>(db: Kysely<Schema>): Statements {
  const compiled = new Map<string, Positional>();
  const positional = (text: string) => {
    let found = compiled.get(text);
    if (!found) compiled.set(text, (found = toPositional(text)));
    return found;
  };
  const on = (executor: Kysely<Schema>): Queries => {
    const execute = <Row>(text: string, values?: Values) => {
      const statement = positional(text);
      return executor.executeQuery<Row>(CompiledQuery.raw(statement.text, parametersOf(statement, values)));
    };
    return {
      get: async <Row>(text: string, values?: Values) => (await execute<Row>(text, values)).rows[0],
      all: async <Row>(text: string, values?: Values) => (await execute<Row>(text, values)).rows,
      run: async (text, values) => Number((await execute(text, values)).numAffectedRows ?? 0n),
    };
  };
  // PostgreSQL checks a statement when it first runs: a misfit shows at the first job rather than at start-up.
  return { dialect: "postgres", check: () => undefined, ...on(db), transaction: (work) => db.transaction().execute((trx) => work(on(trx))) };
}
