// Moves an SQLite database's rows into a new PostgreSQL database (both already migrated to the same version), for an
// operator who outgrows SQLite: everything or nothing, in one transaction on PostgreSQL.
import { statementsOf, type Db } from "./database.js";
import type { Queries } from "./statements.js";

/**
 * The tables in an order their foreign keys allow. The ledger's day totals are not copied: PostgreSQL's trigger counts
 * each ledger row as it arrives.
 */
const tables = [
  "contests",
  "jobs",
  "contest_entries",
  "contest_votes",
  "ledger",
  "pending_forms",
  "guild_settings",
  "member_defaults",
  "member_styles",
] as const;

/** Tables whose ids the database assigns: PostgreSQL's counters continue after the copied ids. */
const assignedIds = ["contests", "jobs", "contest_entries", "member_styles"] as const;

const rowsPerBatch = 200;

export class TargetNotEmpty extends Error {
  constructor(readonly table: string) {
    super(`the PostgreSQL database already holds rows (in ${table}); copy into a new, empty database`);
    this.name = "TargetNotEmpty";
  }
}

async function insertBatch(queries: Queries, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const values: Record<string, unknown> = {};
  const tuples = rows.map((row, r) => `(${columns.map((column, c) => ((values[`v${r}_${c}`] = row[column]), `@v${r}_${c}`)).join(", ")})`);
  await queries.run(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values);
}

/** Copies every row of `from` (SQLite) into `to` (PostgreSQL, empty); returns how many rows each table had. */
export async function copySqliteToPostgres(from: Db, to: Db): Promise<Record<string, number>> {
  const source = statementsOf(from);
  const target = statementsOf(to);
  if (source.dialect !== "sqlite" || target.dialect !== "postgres") throw new Error("copies an SQLite database into a PostgreSQL one");
  const copied: Record<string, number> = {};
  await target.transaction(async (queries) => {
    for (const table of tables) {
      if (await queries.get(`SELECT 1 AS found FROM ${table} LIMIT 1`)) throw new TargetNotEmpty(table);
    }
    for (const table of tables) {
      copied[table] = 0;
      // Read in rowid order, a batch at a time, so a long history never sits in memory at once.
      for (let after = -1; ; ) {
        const batch = await source.all<Record<string, unknown> & { _rowid: number }>(
          `SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > @after ORDER BY rowid LIMIT ${rowsPerBatch}`,
          { after },
        );
        if (batch.length === 0) break;
        after = batch.at(-1)!._rowid;
        await insertBatch(
          queries,
          table,
          batch.map(({ _rowid, ...row }) => row),
        );
        copied[table] += batch.length;
      }
    }
    for (const table of assignedIds) {
      await queries.get(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
    }
  });
  return copied;
}
