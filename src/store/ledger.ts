// The cost ledger: one row per job, reserved when the job is accepted, settled with the real output or
// released when the job fails (with the job's own change, see jobs.ts). The check against the limits and
// the reservation happen in one transaction.
import { sql, type Insertable, type Selectable } from "kysely";
import { statementsOf, type Db } from "./database.js";
import { newJobRow, soleOwner, toRecord, unfinishedCondition, type JobOwner, type JobRecord, type NewJob } from "./jobs.js";
import type { JobsTable, LedgerTable } from "./schema.js";
import type { Queries } from "./statements.js";

export interface TodayTotals {
  /** Images this member reserved or was billed for today (released reservations excluded). */
  memberImages: number;
  /** USD the whole server reserved or was billed for today. */
  guildUsd: number;
  /** The member's jobs in this server not yet delivered, failed or cancelled. */
  memberInFlight: number;
  /** When the member's last job in this server was accepted, if ever. */
  memberLastJobAt: number | undefined;
}

export interface Admission<Request> {
  job: NewJob<Request>;
  guildId: string;
  images: number;
  usd: number;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Returns the problems that refuse the job given today's totals; none admits it. */
  decide(totals: TodayTotals): string[];
}

export type AdmissionResult<Request, Result> = { ok: true; job: JobRecord<Request, Result> } | { ok: false; problems: string[] };

export interface SpendRow {
  day: string;
  modelId: string;
  userId: string;
  images: number;
  usd: number;
}

export interface LedgerRepository {
  /** Admits the job and reserves its cost, or says why not; `Result` is the type its record will hold. */
  admit<Request, Result>(admission: Admission<Request>): Promise<AdmissionResult<Request, Result>>;
  today(guildId: string, userId: string, day: string): Promise<TodayTotals>;
  /** Settled and reserved spend from `fromDay` on, per day, model and member. */
  spendSince(guildId: string, fromDay: string): Promise<SpendRow[]>;
}

/**
 * The ledger's key for spend no server's settings cover (a member's own install, in DMs or another server): counted
 * against the member, so its day's "server" total is theirs alone.
 */
export function memberSpendKey(userId: string): string {
  return `user:${userId}`;
}

function isMemberKey(key: string): boolean {
  return key.startsWith("user:");
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * One row: the day's totals (kept by triggers, see migration 0007) and the member's jobs, each a scalar subquery
 * on its own key or index; the member's unfinished jobs by the partial index jobs_member_unfinished
 * (migrations 0005 and 0020), whose condition is written out, not bound.
 */
const todayTotalsSql = `
  SELECT
    (SELECT images FROM ledger_member_days WHERE guild_id = @guildId AND user_id = @userId AND day = @day) AS "memberImages",
    (SELECT usd_micros FROM ledger_guild_days WHERE guild_id = @guildId AND day = @day) AS "guildUsdMicros",
    (SELECT count(*) FROM jobs
      WHERE guild_id = @guildId AND requester_id = @userId AND ${unfinishedCondition}) AS "inFlight",
    (SELECT max(created_at) FROM jobs WHERE guild_id = @guildId AND requester_id = @userId) AS "lastAt"`;

/**
 * The same totals for spend counted against a member (their own install, see memberSpendKey): their jobs span servers
 * and DMs, so the jobs in flight are their unfinished jobs reserved under the member's key (until delivered, as in a
 * server: a result still downloading or being posted counts), and their last job is their last reservation.
 */
const memberTotalsSql = `
  SELECT
    (SELECT images FROM ledger_member_days WHERE guild_id = @guildId AND user_id = @userId AND day = @day) AS "memberImages",
    (SELECT usd_micros FROM ledger_guild_days WHERE guild_id = @guildId AND day = @day) AS "guildUsdMicros",
    (SELECT count(*) FROM jobs
      WHERE requester_id = @userId AND ${unfinishedCondition}
        AND EXISTS (SELECT 1 FROM ledger WHERE ledger.job_id = jobs.id AND ledger.guild_id = @guildId)) AS "inFlight",
    (SELECT max(created_at) FROM ledger WHERE guild_id = @guildId AND user_id = @userId) AS "lastAt"`;

/** Every column `newJobRow` fills, bound by its name. */
const insertJobSql = `
  INSERT INTO jobs (ref, state, model_id, endpoint, request_json, input_json, requester_id, guild_id, channel_id,
    application_id, interaction_id, interaction_token, token_expires_at, ephemeral, channel_nsfw, upload_limit,
    cost_estimate, parent_job_id, nsfw_policy, contest_id, token_only, reply_note, locale, created_at, updated_at, owner, lease_until)
  VALUES (@ref, @state, @model_id, @endpoint, @request_json, @input_json, @requester_id, @guild_id, @channel_id,
    @application_id, @interaction_id, @interaction_token, @token_expires_at, @ephemeral, @channel_nsfw, @upload_limit,
    @cost_estimate, @parent_job_id, @nsfw_policy, @contest_id, @token_only, @reply_note, @locale, @created_at, @updated_at, @owner, @lease_until)
  RETURNING *`;

/** Every column `reservationRow` fills, bound by its name. */
const insertReservationSql = `
  INSERT INTO ledger (job_id, guild_id, user_id, model_id, day, status, images, usd, created_at)
  VALUES (@job_id, @guild_id, @user_id, @model_id, @day, @status, @images, @usd, @created_at)`;

type TodayTotalsRow = { memberImages: number | null; guildUsdMicros: number | null; inFlight: number | null; lastAt: number | null };

function todayTotals(row: TodayTotalsRow): TodayTotals {
  return {
    memberImages: Number(row.memberImages ?? 0),
    guildUsd: Number(row.guildUsdMicros ?? 0) / 1_000_000,
    memberInFlight: Number(row.inFlight ?? 0),
    memberLastJobAt: row.lastAt === null ? undefined : Number(row.lastAt),
  };
}

function reservationRow(admission: Admission<unknown>, jobId: number, at: number): Insertable<LedgerTable> {
  return {
    job_id: jobId,
    guild_id: admission.guildId,
    user_id: admission.job.requesterId,
    model_id: admission.job.modelId,
    day: admission.day,
    status: "reserved",
    images: admission.images,
    usd: admission.usd,
    created_at: at,
  };
}

/**
 * On PostgreSQL, several processes admit at once: each admission first locks its server's row of the day (made if
 * missing), so admissions of one server take turns and each sees the reservations of the one before. SQLite runs one
 * transaction at a time anyway.
 */
const lockDaySql = `
  INSERT INTO ledger_guild_days (guild_id, day, usd_micros) VALUES (@guildId, @day, 0)
  ON CONFLICT (guild_id, day) DO UPDATE SET usd_micros = ledger_guild_days.usd_micros`;

/**
 * Admission runs for every command, hundreds a second in a burst: its statements are hand-written (on SQLite prepared
 * once and run synchronously) and run as one transaction.
 */
function createAdmission(db: Db, now: () => number, owner: JobOwner) {
  const statements = statementsOf(db);
  statements.check(todayTotalsSql, memberTotalsSql, insertJobSql, insertReservationSql);
  const today = async (queries: Queries, guildId: string, userId: string, day: string) =>
    todayTotals((await queries.get<TodayTotalsRow>(isMemberKey(guildId) ? memberTotalsSql : todayTotalsSql, { guildId, userId, day }))!);
  const admit = (admission: Admission<unknown>) =>
    statements.transaction(async (queries): Promise<AdmissionResult<unknown, unknown>> => {
      const { guildId, day } = admission;
      if (statements.dialect === "postgres") await queries.run(lockDaySql, { guildId, day });
      const problems = admission.decide(await today(queries, guildId, admission.job.requesterId, day));
      if (problems.length) return { ok: false, problems };
      const at = now();
      const row = (await queries.get<Selectable<JobsTable>>(insertJobSql, newJobRow(admission.job, at, owner)))!;
      await queries.run(insertReservationSql, reservationRow(admission, row.id, at));
      return { ok: true, job: toRecord(row) };
    });
  return {
    // The record holds what the caller stored: its request and, once there is one, its result.
    admit: async <Request, Result>(admission: Admission<Request>) => (await admit(admission)) as AdmissionResult<Request, Result>,
    // The statement admission reads: what this shows is what admission decides on.
    today: (guildId: string, userId: string, day: string) => today(statements, guildId, userId, day),
  };
}

/** `owner`: the process the jobs it admits are leased to (see JobOwner). */
export function createLedgerRepository(db: Db, now: () => number = Date.now, owner: JobOwner = soleOwner): LedgerRepository {
  const admission = createAdmission(db, now, owner);
  return {
    // 50 admissions at once see each other's reservations (see lockDaySql).
    admit: admission.admit,
    today: admission.today,
    async spendSince(guildId, fromDay) {
      const rows = await db
        .selectFrom("ledger")
        .select(["day", "model_id", "user_id", sql<number>`sum(images)`.as("images"), sql<number>`sum(usd)`.as("usd")])
        .where("guild_id", "=", guildId)
        .where("day", ">=", fromDay)
        .where("status", "!=", "released")
        .groupBy(["day", "model_id", "user_id"])
        .orderBy("day")
        .execute();
      return rows.map((r) => ({ day: r.day, modelId: r.model_id, userId: r.user_id, images: Number(r.images), usd: Number(r.usd) }));
    },
  };
}
