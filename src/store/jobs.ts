// The jobs table behind an async interface: every state change is one guarded UPDATE, so a transition
// that already happened (a repeat after a crash, a race) changes nothing and reports false. A job's end
// changes its ledger row in the same transaction: settled when it completed, released when it failed.
// The store keeps a job's request and result as JSON; the feature that runs jobs names their types.
import { sql, type Insertable, type Selectable } from "kysely";
import { statementsOf, type Db } from "./database.js";
import type { Dialect } from "./statements.js";
import type { JobState, JobsTable } from "./schema.js";
import { fallbackLocale, resolveLocale, type SupportedLocale } from "../i18n/index.js";

export interface NewJob<Request> {
  ref: string;
  modelId: string;
  endpoint: string;
  request: Request;
  input: Record<string, unknown>;
  requesterId: string;
  guildId: string | null;
  channelId: string;
  applicationId: string;
  interactionId: string;
  interactionToken: string;
  tokenExpiresAt: number;
  ephemeral: boolean;
  channelNsfw: boolean;
  uploadLimit: number;
  costEstimate: number;
  parentJobId?: number;
  /** How images the model flagged are shown outside NSFW channels; withheld unless the server chose spoilers. */
  nsfwPolicy?: "withhold" | "spoiler";
  /** /contest enter: the contest this job's result enters once delivered. */
  contestId?: number;
  /** The language the job's reply speaks, the asking member's; English unless given. */
  locale?: SupportedLocale;
  /** Started where the bot is not a member: its reply is reached only through the interaction token, then by direct message. */
  tokenOnly?: boolean;
  /** A line every edit of the reply starts with, already in the member's language (why the reply is private). */
  replyNote?: string;
}

export interface JobRecord<Request, Result> extends NewJob<Request> {
  id: number;
  state: JobState;
  replyMessageId: string | null;
  requestId: string | null;
  result: Result | null;
  error: unknown;
  costFinal: number | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  deliveredAt: number | null;
  deletedAt: number | null;
  locale: SupportedLocale;
  /** The request at fal the job is at: 0 its model's; 1 the background removal that follows it (see markStepDone). */
  step: number;
  /** After the first of two steps: its result and its cost, settled with the second's at the job's end. */
  firstResult: Result | null;
  firstCost: number | null;
}

/**
 * The process that runs a job (`id`, unique among the processes sharing the database; stable across its restarts, so a
 * restarted process takes its own jobs back at once) and how long its lease on the job lasts without renewal.
 */
export interface JobOwner {
  id: string;
  leaseMs: number;
}

/** One process on its own database: the only owner there is. */
export const soleOwner: JobOwner = { id: "main", leaseMs: 15_000 };

/** The condition of the partial indexes on unfinished jobs, word for word: a bound list would not match them. */
export const unfinishedCondition = "state not in ('delivered', 'failed', 'cancelled')";

export interface JobRepository<Request, Result> {
  create(job: NewJob<Request>): Promise<JobRecord<Request, Result>>;
  get(id: number): Promise<JobRecord<Request, Result> | undefined>;
  getByRef(ref: string): Promise<JobRecord<Request, Result> | undefined>;
  /** The job whose reply (progress, then result) is this message, if any: the newest, should two ever share it. */
  getByReplyMessage(messageId: string): Promise<JobRecord<Request, Result> | undefined>;
  /** The job whose current request at fal has this id (fal's webhook callbacks name it), if any. */
  getByRequestId(requestId: string): Promise<JobRecord<Request, Result> | undefined>;
  /** Jobs not yet delivered, failed or cancelled, oldest first. */
  unfinished(): Promise<JobRecord<Request, Result>[]>;
  /** How many jobs are in each unfinished state (for the metrics). */
  unfinishedByState(): Promise<Record<string, number>>;
  setReplyMessageId(id: number, messageId: string): Promise<void>;
  /** Records fal's request id and the input as sent (its images may have been re-hosted). */
  markSubmitted(id: number, requestId: string, input: Record<string, unknown>): Promise<boolean>;
  /**
   * The submit to fal is about to begin: from here until markSubmitted, fal may hold the job without falcord
   * knowing its request id. Also records the reply's message id, when known (learned at the defer; written here
   * to save a write while interactions pour in). Only while this process owns the job (its lease is renewed too):
   * a process that stalled past its lease and woke must not submit a job another one took over.
   */
  markSubmitting(id: number, replyMessageId?: string | null): Promise<boolean>;
  /** The same for a second submit of a job at fal (its images re-hosted): in doubt again until markResubmitted. */
  markResubmitting(id: number): Promise<boolean>;
  /**
   * A failed job whose result fal had made (and billed) goes back to completed, to be delivered again through
   * the interaction of the button that asked; its ledger row stays as it was. False for any other job.
   */
  markRedelivering(id: number, via: { applicationId: string; interactionToken: string; tokenExpiresAt: number }): Promise<boolean>;
  /** A second submit of the same job after fal could not fetch its images. */
  markResubmitted(id: number, requestId: string, input: Record<string, unknown>): Promise<boolean>;
  markRunning(id: number): Promise<boolean>;
  /**
   * The first of a job's two requests at fal is done: its result and cost are kept, and the job goes back to accepted at
   * step 1, to be submitted again (to the background removal). False unless it was at fal at step 0.
   */
  markStepDone(id: number, result: Result, cost: number): Promise<boolean>;
  /**
   * A restart found the job's second submit (its background removal) in doubt: it goes back to accepted, to be submitted
   * again (at worst fal makes a second cut-out, a few cents, rather than the member losing the picture).
   */
  markCutoutAgain(id: number): Promise<boolean>;
  /** Also settles the job's ledger row with the real figures. */
  markCompleted(id: number, result: Result, costFinal: number, images: number): Promise<boolean>;
  markDelivered(id: number): Promise<boolean>;
  /**
   * Also releases the job's reservation, unless it completed (fal bills results: its row stays settled) or its first step
   * did (settled at that step's cost).
   */
  markFailed(id: number, error: unknown): Promise<boolean>;
  /** Also releases the job's reservation (or settles a first step fal made, as markFailed). */
  markCancelled(id: number, error: unknown): Promise<boolean>;
  /** The result was deleted from Discord; the record stays (it is the job's history). */
  markDeleted(id: number): Promise<void>;
  /**
   * Takes the unfinished jobs nobody runs — this owner's from before a restart, those without an owner, and those
   * whose owner's lease ran out — and leases them to this owner; oldest first. With `othersOnly`, not this owner's.
   */
  claim(options?: { othersOnly?: boolean }): Promise<JobRecord<Request, Result>[]>;
  /** Extends this owner's lease on its unfinished jobs; returns their ids (a job missing was taken over by another). */
  renewLeases(): Promise<Set<number>>;
  /**
   * Renews this owner's lease on a completed job just before its result is posted; false when another process took
   * the job over (that one delivers it) or it is no longer waiting for its delivery.
   */
  holdForDelivery(id: number): Promise<boolean>;
}

/** The row of a job just accepted. */
export function newJobRow<Request>(job: NewJob<Request>, at: number, owner: JobOwner): Insertable<JobsTable> {
  return {
    owner: owner.id,
    lease_until: at + owner.leaseMs,
    ref: job.ref,
    state: "accepted",
    model_id: job.modelId,
    endpoint: job.endpoint,
    request_json: JSON.stringify(job.request),
    input_json: JSON.stringify(job.input),
    requester_id: job.requesterId,
    guild_id: job.guildId,
    channel_id: job.channelId,
    application_id: job.applicationId,
    interaction_id: job.interactionId,
    interaction_token: job.interactionToken,
    token_expires_at: job.tokenExpiresAt,
    ephemeral: job.ephemeral ? 1 : 0,
    channel_nsfw: job.channelNsfw ? 1 : 0,
    upload_limit: job.uploadLimit,
    cost_estimate: job.costEstimate,
    parent_job_id: job.parentJobId ?? null,
    nsfw_policy: job.nsfwPolicy ?? "withhold",
    contest_id: job.contestId ?? null,
    locale: job.locale ?? fallbackLocale,
    token_only: job.tokenOnly ? 1 : 0,
    reply_note: job.replyNote ?? null,
    created_at: at,
    updated_at: at,
  };
}

export function toRecord<Request, Result>(row: Selectable<JobsTable>): JobRecord<Request, Result> {
  return {
    id: row.id,
    ref: row.ref,
    state: row.state,
    modelId: row.model_id,
    endpoint: row.endpoint,
    request: JSON.parse(row.request_json) as Request,
    input: JSON.parse(row.input_json) as Record<string, unknown>,
    requesterId: row.requester_id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    applicationId: row.application_id,
    interactionId: row.interaction_id,
    interactionToken: row.interaction_token,
    tokenExpiresAt: row.token_expires_at,
    ephemeral: row.ephemeral === 1,
    channelNsfw: row.channel_nsfw === 1,
    uploadLimit: row.upload_limit,
    costEstimate: row.cost_estimate,
    ...(row.parent_job_id !== null ? { parentJobId: row.parent_job_id } : {}),
    nsfwPolicy: row.nsfw_policy,
    ...(row.contest_id !== null ? { contestId: row.contest_id } : {}),
    locale: resolveLocale(row.locale),
    ...(row.token_only === 1 ? { tokenOnly: true } : {}),
    ...(row.reply_note !== null ? { replyNote: row.reply_note } : {}),
    replyMessageId: row.reply_message_id,
    requestId: row.request_id,
    result: row.result_json ? (JSON.parse(row.result_json) as Result) : null,
    error: row.error_json ? (JSON.parse(row.error_json) as unknown) : null,
    costFinal: row.cost_final,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    completedAt: row.completed_at,
    deliveredAt: row.delivered_at,
    deletedAt: row.deleted_at,
    step: row.step,
    firstResult: row.first_result_json ? (JSON.parse(row.first_result_json) as Result) : null,
    firstCost: row.first_cost,
  };
}

/** The values every transition binds: the job (`@id`) and the time of the change (`@at`). */
type Change = { id: number; at: number };
/** The process making a change that only the job's owner may make, and the end of its renewed lease. */
type Owned = { owner: string; until: number };

/**
 * Transitions run for every job: each is one hand-written statement (statements.ts), on SQLite prepared once and run
 * synchronously. The ledger updates touch only a reserved row: a completed job's row is settled already, and stays so
 * if it fails.
 */
function createTransitions(db: Db) {
  const statements = statementsOf(db);
  /** The job's guarded UPDATE and, when it changed the job, the ledger's, in the same transaction. */
  const transition = <Values extends Change>(jobSql: string, ledgerSql?: string): ((values: Values) => Promise<boolean>) => {
    statements.check(jobSql, ...(ledgerSql === undefined ? [] : [ledgerSql]));
    if (ledgerSql === undefined) return async (values) => (await statements.run(jobSql, values)) > 0;
    return (values) =>
      statements.transaction(async (queries) => {
        if ((await queries.run(jobSql, values)) === 0) return false;
        await queries.run(ledgerSql, values);
        return true;
      });
  };
  // A job that ends without its result is not charged, except for a first step fal made (an asset's picture, before its
  // background removal failed): that is settled at its cost, with no image counted.
  const firstCost = "(SELECT first_cost FROM jobs WHERE id = @id)";
  const release = `UPDATE ledger SET status = CASE WHEN ${firstCost} IS NULL THEN 'released' ELSE 'settled' END,
      usd = coalesce(${firstCost}, usd), images = CASE WHEN ${firstCost} IS NULL THEN images ELSE 0 END, settled_at = @at
    WHERE job_id = @id AND status = 'reserved'`;
  return {
    submitting: transition<Change & Owned & { replyMessageId: string | null }>(
      `UPDATE jobs SET state = 'submitting', reply_message_id = coalesce(@replyMessageId, reply_message_id), lease_until = @until,
         updated_at = @at
       WHERE id = @id AND state IN ('accepted') AND owner = @owner`,
    ),
    submitted: transition<Change & { requestId: string; input: string }>(
      `UPDATE jobs SET state = 'submitted', request_id = @requestId, input_json = @input, submitted_at = @at, updated_at = @at
       WHERE id = @id AND state IN ('accepted', 'submitting')`,
    ),
    // The process whose button asked delivers it: it becomes the job's owner.
    redelivering: transition<Change & Owned & { applicationId: string; interactionToken: string; tokenExpiresAt: number }>(
      `UPDATE jobs SET state = 'completed', error_json = NULL, application_id = @applicationId,
         interaction_token = @interactionToken, token_expires_at = @tokenExpiresAt, owner = @owner, lease_until = @until,
         updated_at = @at
       WHERE id = @id AND state IN ('failed') AND result_json IS NOT NULL`,
    ),
    resubmitting: transition<Change & Owned>(
      `UPDATE jobs SET state = 'submitting', lease_until = @until, updated_at = @at
       WHERE id = @id AND state IN ('submitted', 'running') AND owner = @owner`,
    ),
    resubmitted: transition<Change & { requestId: string; input: string }>(
      `UPDATE jobs SET state = 'submitted', request_id = @requestId, input_json = @input, updated_at = @at
       WHERE id = @id AND state IN ('submitting', 'submitted', 'running')`,
    ),
    stepped: transition<Change & { result: string; usd: number }>(
      `UPDATE jobs SET state = 'accepted', step = 1, first_result_json = @result, first_cost = @usd, request_id = NULL,
         submitted_at = NULL, updated_at = @at
       WHERE id = @id AND state IN ('submitted', 'running') AND step = 0`,
    ),
    running: transition<Change>("UPDATE jobs SET state = 'running', updated_at = @at WHERE id = @id AND state IN ('submitted')"),
    cutoutAgain: transition<Change>("UPDATE jobs SET state = 'accepted', updated_at = @at WHERE id = @id AND state IN ('submitting') AND step = 1"),
    completed: transition<Change & { result: string; usd: number; images: number }>(
      `UPDATE jobs SET state = 'completed', result_json = @result, cost_final = @usd, completed_at = @at, updated_at = @at
       WHERE id = @id AND state IN ('submitted', 'running')`,
      "UPDATE ledger SET status = 'settled', images = @images, usd = @usd, settled_at = @at WHERE job_id = @id AND status = 'reserved'",
    ),
    delivered: transition<Change>(
      "UPDATE jobs SET state = 'delivered', delivered_at = @at, updated_at = @at WHERE id = @id AND state IN ('completed')",
    ),
    failed: transition<Change & { error: string }>(
      `UPDATE jobs SET state = 'failed', error_json = @error, updated_at = @at
       WHERE id = @id AND state IN ('accepted', 'submitting', 'submitted', 'running', 'completed')`,
      release,
    ),
    cancelled: transition<Change & { error: string }>(
      `UPDATE jobs SET state = 'cancelled', error_json = @error, updated_at = @at
       WHERE id = @id AND state IN ('accepted', 'submitting', 'submitted', 'running')`,
      release,
    ),
  };
}

/**
 * Claims jobs for an owner. The inner SELECT picks them; on PostgreSQL it skips rows another process is claiming at
 * that moment, and the outer condition is checked again on each row as it is changed, so a job goes to one owner.
 */
function claimSql(dialect: Dialect, othersOnly: boolean): string {
  const free = `(owner IS NULL OR lease_until < @at${othersOnly ? "" : " OR owner = @owner"})`;
  const mine = othersOnly ? " AND (owner IS NULL OR owner <> @owner)" : "";
  return `UPDATE jobs SET owner = @owner, lease_until = @until
    WHERE id IN (SELECT id FROM jobs WHERE ${unfinishedCondition} AND ${free}${mine}
                 ${dialect === "postgres" ? "FOR UPDATE SKIP LOCKED" : ""})
      AND ${unfinishedCondition} AND ${free}
    RETURNING *`;
}

const renewSql = `UPDATE jobs SET lease_until = @until WHERE owner = @owner AND ${unfinishedCondition} RETURNING id`;
const holdSql = "UPDATE jobs SET lease_until = @until WHERE id = @id AND state = 'completed' AND owner = @owner";

export function createJobRepository<Request, Result>(
  db: Db,
  now: () => number = Date.now,
  owner: JobOwner = soleOwner,
): JobRepository<Request, Result> {
  const transitions = createTransitions(db);
  const owned = () => {
    const at = now();
    return { at, owner: owner.id, until: at + owner.leaseMs };
  };
  const statements = statementsOf(db);
  const claims = { all: claimSql(statements.dialect, false), others: claimSql(statements.dialect, true) };
  statements.check(claims.all, claims.others, renewSql, holdSql);
  const get = async (id: number) => {
    const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRecord<Request, Result>(row);
  };

  return {
    async create(job) {
      const row = await db.insertInto("jobs").values(newJobRow(job, now(), owner)).returningAll().executeTakeFirstOrThrow();
      return toRecord<Request, Result>(row);
    },
    get,
    async getByRef(ref) {
      const row = await db.selectFrom("jobs").selectAll().where("ref", "=", ref).executeTakeFirst();
      return row && toRecord<Request, Result>(row);
    },
    async getByReplyMessage(messageId) {
      const row = await db
        .selectFrom("jobs")
        .selectAll()
        .where("reply_message_id", "=", messageId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toRecord<Request, Result>(row);
    },
    async getByRequestId(requestId) {
      const row = await db.selectFrom("jobs").selectAll().where("request_id", "=", requestId).orderBy("id", "desc").limit(1).executeTakeFirst();
      return row && toRecord<Request, Result>(row);
    },
    async unfinished() {
      // Written out (not bound) so that SQLite answers from the partial index of unfinished jobs, not by scanning
      // the whole history; sorted here, as the index is not in id order.
      const rows = await db.selectFrom("jobs").selectAll().where(sql.raw<boolean>(unfinishedCondition)).execute();
      return rows.sort((a, b) => a.id - b.id).map((row) => toRecord<Request, Result>(row));
    },
    async unfinishedByState() {
      const rows = await db
        .selectFrom("jobs")
        .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
        .where(sql.raw<boolean>(unfinishedCondition))
        .groupBy("state")
        .execute();
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
    },
    async setReplyMessageId(id, messageId) {
      await db.updateTable("jobs").set({ reply_message_id: messageId, updated_at: now() }).where("id", "=", id).execute();
    },
    markSubmitted: (id, requestId, input) => transitions.submitted({ id, at: now(), requestId, input: JSON.stringify(input) }),
    markSubmitting: (id, replyMessageId) => transitions.submitting({ id, ...owned(), replyMessageId: replyMessageId || null }),
    markRedelivering: (id, via) => transitions.redelivering({ id, ...owned(), ...via }),
    markResubmitting: (id) => transitions.resubmitting({ id, ...owned() }),
    holdForDelivery: async (id) => (await statements.run(holdSql, { id, owner: owner.id, until: now() + owner.leaseMs })) > 0,
    markResubmitted: (id, requestId, input) => transitions.resubmitted({ id, at: now(), requestId, input: JSON.stringify(input) }),
    markRunning: (id) => transitions.running({ id, at: now() }),
    markCutoutAgain: (id) => transitions.cutoutAgain({ id, at: now() }),
    markStepDone: (id, result, cost) => transitions.stepped({ id, at: now(), result: JSON.stringify(result), usd: cost }),
    markCompleted: (id, result, costFinal, images) =>
      transitions.completed({ id, at: now(), result: JSON.stringify(result), usd: costFinal, images }),
    markDelivered: (id) => transitions.delivered({ id, at: now() }),
    markFailed: (id, error) => transitions.failed({ id, at: now(), error: JSON.stringify(error) }),
    async markDeleted(id) {
      await db.updateTable("jobs").set({ deleted_at: now(), updated_at: now() }).where("id", "=", id).execute();
    },
    markCancelled: (id, error) => transitions.cancelled({ id, at: now(), error: JSON.stringify(error) }),
    async claim({ othersOnly = false } = {}) {
      const at = now();
      const rows = await statements.all<Selectable<JobsTable>>(othersOnly ? claims.others : claims.all, {
        owner: owner.id,
        at,
        until: at + owner.leaseMs,
      });
      return rows.sort((a, b) => a.id - b.id).map((row) => toRecord<Request, Result>(row));
    },
    async renewLeases() {
      const rows = await statements.all<{ id: number }>(renewSql, { owner: owner.id, until: now() + owner.leaseMs });
      return new Set(rows.map((row) => row.id));
    },
  };
}
