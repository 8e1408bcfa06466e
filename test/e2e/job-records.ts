// A job as the bot stored it, read from its database (plain SQL): its state and its ledger row.
import type { FalArrival } from "../fakes/fal/index.js";
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

/** fal's submits as the fake saw them arrive. */
export const submitArrivals = (harness: Harness): FalArrival[] => harness.fal.arrivals.filter((a) => a.route === "submit");

/** The most of the bot's requests at the fake fal at once, queued or running (submitted, not yet completed). */
export function peakAtFal(h: Harness): number {
  const spans = [...h.fal.jobs.values()].map((job) => [job.submittedAt, job.completedAt!] as const);
  return Math.max(...spans.map(([start]) => spans.filter(([s, end]) => s <= start && start < end).length));
}

/** Every job row as the bot stored it (the bot may be running), oldest first. */
export function storedJobs(harness: Harness) {
  return harness.database.all<{ id: number; ref: string; state: string; owner: string | null; request_id: string | null; parent_job_id: number | null }>(
    "SELECT id, ref, state, owner, request_id, parent_job_id FROM jobs ORDER BY id",
  );
}
