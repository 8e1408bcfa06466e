// The database's tables as Kysely sees them. Times are epoch milliseconds; JSON columns hold text.
import type { Generated } from "kysely";

export type JobState = "accepted" | "submitted" | "running" | "completed" | "delivered" | "failed" | "cancelled";

export interface JobsTable {
  id: Generated<number>;
  ref: string;
  state: JobState;
  model_id: string;
  endpoint: string;
  /** GenerationRequest as the member gave it. */
  request_json: string;
  /** The validated fal input. */
  input_json: string;
  requester_id: string;
  guild_id: string | null;
  channel_id: string;
  application_id: string;
  interaction_id: string;
  interaction_token: string;
  token_expires_at: number;
  reply_message_id: string | null;
  ephemeral: number;
  channel_nsfw: number;
  upload_limit: number;
  request_id: string | null;
  /** NormalizedOutput once completed. */
  result_json: string | null;
  /** JobFailure once failed. */
  error_json: string | null;
  cost_estimate: number;
  cost_final: number | null;
  parent_job_id: number | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  completed_at: number | null;
  delivered_at: number | null;
}

export interface Database {
  jobs: JobsTable;
}
