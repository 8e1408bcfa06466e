// A hot-path query that Kysely builds and compiles once, with stand-ins for its values, prepared once on the
// connection (so a schema that does not fit fails at start-up). Each run binds the real values to that statement
// and runs it synchronously (inside `holdingConnection`), so a transaction of several such queries costs a few
// microseconds each instead of a build, a compile and an async round through Kysely.
import type SQLite from "better-sqlite3";
import type { Compilable } from "kysely";
import type { SyncConnection } from "./database.js";

const marker = "\u0000falcord-slot:";

/** A stand-in for the value named `name`; typed as whatever the query builder expects there. */
export function slot<T>(name: string): T {
  return `${marker}${name}` as T;
}

/** Stand-ins for every column of a row, each named after its column. */
export function slots<R extends object>(row: R): R {
  return Object.fromEntries(Object.keys(row).map((key) => [key, slot(key)])) as R;
}

type Binding = { name: string } | { value: unknown };

export class QueryTemplate<Row> {
  private readonly statement: SQLite.Statement;
  private readonly bindings: Binding[];

  constructor(connection: SyncConnection, query: Compilable<Row>) {
    const compiled = query.compile();
    this.statement = connection.prepare(compiled.sql);
    this.bindings = compiled.parameters.map((parameter) =>
      typeof parameter === "string" && parameter.startsWith(marker) ? { name: parameter.slice(marker.length) } : { value: parameter },
    );
  }

  /** The first row (for a select, or an insert … returning). */
  get(values: Record<string, unknown>): Row | undefined {
    return this.statement.get(this.parameters(values)) as Row | undefined;
  }

  /** Every row (for a select). */
  all(values: Record<string, unknown>): Row[] {
    return this.statement.all(this.parameters(values)) as Row[];
  }

  /** The number of rows changed (for an insert, update or delete). */
  run(values: Record<string, unknown>): number {
    return this.statement.run(this.parameters(values)).changes;
  }

  private parameters(values: Record<string, unknown>): unknown[] {
    return this.bindings.map((binding) => {
      if ("value" in binding) return binding.value;
      if (!(binding.name in values)) throw new Error(`no value for ${binding.name} in a query template`);
      return values[binding.name];
    });
  }
}
