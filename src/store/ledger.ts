// The cost ledger: one row per job, reserved when the job is accepted, settled with the real output or
// released when the job fails (with the job's own change, see jobs.ts). The check against the limits and
// the reservation happen in one transaction.
import { sql, type Insertable } from "kysely";
import { holdingConnection, syncConnectionOf, type Db } from "./database.js";
import { newJobRow, toRecord, unfinishedState, type JobRecord, type NewJob } from "./jobs.js";
import { QueryTemplate, slot, slots } from "./query-template.js";
import type { LedgerTable } from "./schema.js";

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

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * One row: the day's totals (kept by triggers, see migration 0007) and the member's jobs, each a scalar
 * subquery on its own key or index.
 */
function todayTotalsQuery(db: Db, guildId: string, userId: string, day: string) {
  return db.selectNoFrom((eb) => [
    eb
      .selectFrom("ledger_member_days")
      .select("images")
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .where("day", "=", day)
      .as("memberImages"),
    eb.selectFrom("ledger_guild_days").select("usd_micros").where("guild_id", "=", guildId).where("day", "=", day).as("guildUsdMicros"),
    eb
      .selectFrom("jobs")
      .select(eb.fn.countAll<number>().as("n"))
      .where("guild_id", "=", guildId)
      .where("requester_id", "=", userId)
      .where(unfinishedState)
      .as("inFlight"),
    eb
      .selectFrom("jobs")
      .select((sub) => sub.fn.max("created_at").as("at"))
      .where("guild_id", "=", guildId)
      .where("requester_id", "=", userId)
      .as("lastAt"),
  ]);
}

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
 * Admission runs for every command, hundreds a second in a burst: its three queries are compiled once and run
 * as one synchronous SQLite transaction.
 */
function createAdmitter(db: Db, now: () => number) {
  // Only the rows' column names matter here: each column becomes a stand-in of the same name.
  const sampleJob = newJobRow({ request: {}, input: {} } as NewJob<unknown>, 0);
  const connection = syncConnectionOf(db);
  const templates = {
    today: new QueryTemplate(connection, todayTotalsQuery(db, slot("guildId"), slot("userId"), slot("day"))),
    insertJob: new QueryTemplate(connection, db.insertInto("jobs").values(slots(sampleJob)).returningAll()),
    insertReservation: new QueryTemplate(connection, db.insertInto("ledger").values(slots(reservationRow({ job: {} } as Admission<unknown>, 0, 0)))),
  };
  const admitNow = connection.transaction((admission: Admission<unknown>): AdmissionResult<unknown, unknown> => {
    const keys = { guildId: admission.guildId, userId: admission.job.requesterId, day: admission.day };
    const totals = todayTotals(templates.today.get(keys)!);
    const problems = admission.decide(totals);
    if (problems.length) return { ok: false, problems };
    const at = now();
    const row = templates.insertJob.get(newJobRow(admission.job, at))!;
    templates.insertReservation.run(reservationRow(admission, row.id, at));
    return { ok: true, job: toRecord(row) };
  });
  // The record holds what the caller stored: its request and, once there is one, its result.
  return <Request, Result>(admission: Admission<Request>) =>
    holdingConnection(db, () => admitNow(admission) as AdmissionResult<Request, Result>);
}

export function createLedgerRepository(db: Db, now: () => number = Date.now): LedgerRepository {
  const admit = createAdmitter(db, now);
  return {
    // SQLite runs one transaction at a time on the connection, so 50 admissions at once see each other's reservations.
    admit,
    async today(guildId, userId, day) {
      return todayTotals(await todayTotalsQuery(db, guildId, userId, day).executeTakeFirstOrThrow());
    },
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
