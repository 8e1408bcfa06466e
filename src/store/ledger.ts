// The cost ledger: one row per job, reserved when the job is accepted, settled with the real output or
// released when the job fails. The check against the limits and the reservation happen in one transaction.
import { sql } from "kysely";
import type { Db } from "./database.js";
import { createJobRepository, type JobRecord, type NewJob } from "./jobs.js";

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

export interface Admission {
  job: NewJob;
  guildId: string;
  images: number;
  usd: number;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Returns the problems that refuse the job given today's totals; none admits it. */
  decide(totals: TodayTotals): string[];
}

export type AdmissionResult = { ok: true; job: JobRecord } | { ok: false; problems: string[] };

export interface SpendRow {
  day: string;
  modelId: string;
  userId: string;
  images: number;
  usd: number;
}

export interface LedgerRepository {
  admit(admission: Admission): Promise<AdmissionResult>;
  /** The real figures once the job completed. */
  settle(jobId: number, images: number, usd: number): Promise<void>;
  /** A failed or cancelled job costs nothing (fal bills only results). */
  release(jobId: number): Promise<void>;
  today(guildId: string, userId: string, day: string): Promise<TodayTotals>;
  /** Settled and reserved spend from `fromDay` on, per day, model and member. */
  spendSince(guildId: string, fromDay: string): Promise<SpendRow[]>;
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

async function totals(db: Db, guildId: string, userId: string, day: string): Promise<TodayTotals> {
  const row = await db
    .selectFrom("ledger")
    .select([
      sql<number>`coalesce(sum(case when user_id = ${userId} then images else 0 end), 0)`.as("memberImages"),
      sql<number>`coalesce(sum(usd), 0)`.as("guildUsd"),
    ])
    .where("guild_id", "=", guildId)
    .where("day", "=", day)
    .where("status", "!=", "released")
    .executeTakeFirstOrThrow();
  // Two scalar subqueries, so each uses its own index (the unfinished jobs' and max over the member's jobs).
  const member = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("jobs")
        .select(eb.fn.countAll<number>().as("n"))
        .where("guild_id", "=", guildId)
        .where("requester_id", "=", userId)
        // Written out (not bound) so that SQLite can match it to the partial index's condition.
        .where(sql<boolean>`state not in ('delivered', 'failed', 'cancelled')`)
        .as("inFlight"),
      eb
        .selectFrom("jobs")
        .select((sub) => sub.fn.max("created_at").as("at"))
        .where("guild_id", "=", guildId)
        .where("requester_id", "=", userId)
        .as("lastAt"),
    ])
    .executeTakeFirstOrThrow();
  return {
    memberImages: Number(row.memberImages),
    guildUsd: Number(row.guildUsd),
    memberInFlight: Number(member.inFlight),
    memberLastJobAt: member.lastAt === null ? undefined : Number(member.lastAt),
  };
}

export function createLedgerRepository(db: Db, now: () => number = Date.now): LedgerRepository {
  return {
    // SQLite runs one transaction at a time on the connection, so 50 admissions at once see each other's reservations.
    admit: (admission) =>
      db.transaction().execute(async (trx) => {
        const problems = admission.decide(await totals(trx, admission.guildId, admission.job.requesterId, admission.day));
        if (problems.length) return { ok: false as const, problems };
        const job = await createJobRepository(trx, now).create(admission.job);
        await trx
          .insertInto("ledger")
          .values({
            job_id: job.id,
            guild_id: admission.guildId,
            user_id: admission.job.requesterId,
            model_id: admission.job.modelId,
            day: admission.day,
            status: "reserved",
            images: admission.images,
            usd: admission.usd,
            created_at: now(),
          })
          .execute();
        return { ok: true as const, job };
      }),
    async settle(jobId, images, usd) {
      await db
        .updateTable("ledger")
        .set({ status: "settled", images, usd, settled_at: now() })
        .where("job_id", "=", jobId)
        .where("status", "=", "reserved")
        .execute();
    },
    async release(jobId) {
      await db
        .updateTable("ledger")
        .set({ status: "released", settled_at: now() })
        .where("job_id", "=", jobId)
        .where("status", "=", "reserved")
        .execute();
    },
    today: (guildId, userId, day) => totals(db, guildId, userId, day),
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
