// The database's tables as Kysely sees them. Times are epoch milliseconds; JSON columns hold text.
import type { Generated } from "kysely";

/**
 * accepted: admitted, waiting in falcord's own queue (resumed after a restart); submitting: its submit to fal has
 * begun, so fal may have it although no request id is stored (in doubt after a restart); submitted, running and
 * completed: at fal, watched by its request id; then one of the terminal states.
 */
export type JobState = "accepted" | "submitting" | "submitted" | "running" | "completed" | "delivered" | "failed" | "cancelled";

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
  /** When the result was deleted with its Delete button. */
  deleted_at: number | null;
  nsfw_policy: Generated<"withhold" | "spoiler">;
  /** Set for jobs made by /contest enter: the contest the result enters once delivered. */
  contest_id: number | null;
  /** The language of the job's reply (a shipped locale, see src/i18n). */
  locale: Generated<string>;
  /** 1: started where the bot is not a member, so reachable only through the interaction token (then by direct message). */
  token_only: Generated<number>;
  /** A line every edit of the reply starts with (Discord forced it private, and the reply says so), or null. */
  reply_note: string | null;
  /** The request at fal the job is at: 0 the model's, 1 the background removal after it (an asset without background). */
  step: Generated<number>;
  /** After step 0 of a two-step job: its result (the model's description is kept) and its cost. */
  first_result_json: string | null;
  first_cost: number | null;
  /** The process running the job (see JobOwner), until lease_until unless it renews the lease. */
  owner: string | null;
  lease_until: number | null;
  /** The turn a waiting job got at fal's account (shared fal turns): it holds a place there until it leaves fal. */
  fal_turn: number | null;
}

/** fal's account as the processes share it: one row (id 1). */
export interface FalAccountTable {
  id: number;
  /** How many jobs may be at fal at once. */
  turn_limit: number;
  /** Once the account's limit was found, it is not raised before this time. */
  held_until: number;
  next_turn: number;
}

export interface FalMemberTurnsTable {
  /** `${guildId ?? "dm"}:${userId}` */
  member_key: string;
  last_turn: number;
}

export interface PendingFormsTable {
  id: string;
  payload_json: string;
  expires_at: number;
}

export interface GuildSettingsTable {
  guild_id: string;
  settings_json: string;
  updated_by: string | null;
  updated_at: number;
}

export type LedgerStatus = "reserved" | "settled" | "released";

export interface LedgerTable {
  job_id: number;
  /** The server the spend counts against, or for a member's own install (no server settings apply) `user:<their id>`. */
  guild_id: string;
  user_id: string;
  model_id: string;
  /** UTC day the job was accepted, YYYY-MM-DD: quotas and budgets are per UTC day. */
  day: string;
  status: LedgerStatus;
  /** Images reserved, then the images actually returned. */
  images: number;
  /** Estimated cost reserved, then the settled cost. */
  usd: number;
  created_at: number;
  settled_at: number | null;
}

/** Kept by triggers on ledger (migration 0007): a server's reserved and settled spend on one UTC day. */
export interface LedgerGuildDaysTable {
  guild_id: string;
  day: string;
  usd_micros: number;
}

/** Kept by triggers on ledger: the images a member reserved or was billed for on one UTC day, in one server. */
export interface LedgerMemberDaysTable {
  guild_id: string;
  user_id: string;
  day: string;
  images: number;
}

export type ContestPhase = "submission" | "voting" | "results" | "cancelled";

export interface ContestsTable {
  id: Generated<number>;
  guild_id: string;
  channel_id: string;
  theme: string;
  created_by: string;
  phase: ContestPhase;
  submission_ends_at: number;
  voting_ends_at: number;
  entries_per_member: number;
  /** null: one vote per entry, as many entries as the member likes. */
  votes_per_member: number | null;
  /** Model ids; null means every model the server allows. */
  allowed_models_json: string | null;
  approval: number;
  hide_counts: number;
  /** The server's preferred locale when the contest was made; null for contests made before it was kept. */
  locale: string | null;
  announcement_message_id: string | null;
  results_message_id: string | null;
  voting_announced_at: number | null;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
}

export type EntryStatus = "pending" | "approved" | "rejected" | "withdrawn";

export interface ContestEntriesTable {
  id: Generated<number>;
  contest_id: number;
  user_id: string;
  job_id: number | null;
  image_index: number;
  model_id: string;
  prompt: string;
  /** Where the image can be fetched: the entry message's attachment once posted, else the job's output. */
  image_url: string;
  status: EntryStatus;
  message_id: string | null;
  decided_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContestVotesTable {
  entry_id: number;
  user_id: string;
  contest_id: number;
  created_at: number;
}

/** A member's own defaults (across servers), as JSON read back through the preferences feature's schema. */
export interface MemberDefaultsTable {
  user_id: string;
  defaults_json: string;
  updated_at: number;
}

/** A member's saved style: a prompt addition and up to a few reference images kept on fal storage. */
export interface MemberStylesTable {
  id: Generated<number>;
  user_id: string;
  /** Unique per member, compared without regard to case (collate nocase). */
  name: string;
  prompt_addition: string;
  /** The images' fal storage URLs, a JSON list. */
  image_urls_json: string;
  created_at: number;
  updated_at: number;
}

export interface Database {
  jobs: JobsTable;
  pending_forms: PendingFormsTable;
  guild_settings: GuildSettingsTable;
  ledger: LedgerTable;
  ledger_guild_days: LedgerGuildDaysTable;
  ledger_member_days: LedgerMemberDaysTable;
  contests: ContestsTable;
  contest_entries: ContestEntriesTable;
  contest_votes: ContestVotesTable;
  member_defaults: MemberDefaultsTable;
  member_styles: MemberStylesTable;
  fal_account: FalAccountTable;
  fal_member_turns: FalMemberTurnsTable;
}
