// The bot's database as the soak reads it: plain SQL on a read-only connection, independent of the bot's code.
import SQLite from "better-sqlite3";

export interface StoredJob {
  id: number;
  ref: string;
  state: string;
  model_id: string;
  interaction_id: string;
  request_id: string | null;
  /** JobFailure's kind, when the job failed or was cancelled. */
  failure: string | null;
  /** JobFailure's stage (an unreadable answer: "submit" or "result"). */
  stage: string | null;
}

export interface StoredLedgerRow {
  job_id: number;
  status: string;
  images: number;
  usd: number;
}

function withDatabase<T>(path: string, read: (db: SQLite.Database) => T): T {
  const db = new SQLite(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Jobs not yet delivered, failed or cancelled. */
export function unfinishedJobs(path: string): number {
  return withDatabase(path, (db) => (db.prepare("SELECT count(*) AS n FROM jobs WHERE state NOT IN ('delivered', 'failed', 'cancelled')").get() as { n: number }).n);
}

/** Unfinished jobs by state. */
export function unfinishedByState(path: string): Record<string, number> {
  return withDatabase(path, (db) => {
    const rows = db.prepare("SELECT state, count(*) AS n FROM jobs WHERE state NOT IN ('delivered', 'failed', 'cancelled') GROUP BY state").all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  });
}

export function readStore(path: string): { jobs: StoredJob[]; ledger: StoredLedgerRow[] } {
  return withDatabase(path, (db) => ({
    jobs: db
      .prepare(
        `SELECT id, ref, state, model_id, interaction_id, request_id,
           json_extract(error_json, '$.kind') AS failure, json_extract(error_json, '$.stage') AS stage
         FROM jobs ORDER BY id`,
      )
      .all() as StoredJob[],
    ledger: db.prepare("SELECT job_id, status, images, usd FROM ledger ORDER BY job_id").all() as StoredLedgerRow[],
  }));
}
