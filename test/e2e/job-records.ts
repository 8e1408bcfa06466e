// A job as the bot stored it, read from its database (plain SQL): its state and its ledger row.
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
export async function storedJob(h: Harness, interaction: Pick<InteractionHandle, "id">): Promise<StoredJob> {
  const rows = await h.database.all<StoredJob>(
    `SELECT j.id, j.ref, j.state, l.status AS ledger, l.usd FROM jobs j LEFT JOIN ledger l ON l.job_id = j.id
     WHERE j.interaction_id = ?`,
    interaction.id,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}
