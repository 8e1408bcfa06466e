// A job as the bot stored it, read from its SQLite file (read-only, plain SQL): its state and its ledger row.
import SQLite from "better-sqlite3";
import { expect } from "vitest";
import type { InteractionHandle } from "../fakes/discord/index.js";
import type { Harness } from "./harness.js";

export interface StoredJob {
  id: number;
  ref: string;
  state: string;
  ledger: string | null;
  usd: number | null;
}

/** The one job the interaction started and its ledger row. */
export function storedJob(h: Harness, interaction: Pick<InteractionHandle, "id">): StoredJob {
  const db = new SQLite(h.databasePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT j.id, j.ref, j.state, l.status AS ledger, l.usd FROM jobs j LEFT JOIN ledger l ON l.job_id = j.id
         WHERE j.interaction_id = ?`,
      )
      .all(interaction.id) as StoredJob[];
    expect(rows).toHaveLength(1);
    return rows[0]!;
  } finally {
    db.close();
  }
}
