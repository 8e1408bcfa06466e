// Members' turns at fal's account, shared by every process on one database. A round, in one transaction that locks
// the account's row (so rounds of all processes take turns), counts the jobs that hold a place at fal, adjusts how
// many may (finding out the account's limit), and gives the free places to the waiting jobs of the members served
// least recently: round robin across members, oldest first within one. A job given a turn holds its place from
// then until it leaves fal (completed, failed, cancelled); the counts are read from the jobs' states, so a process
// that dies leaves no place taken that its jobs do not hold.
import { statementsOf, type Db } from "./database.js";
import type { JobOwner } from "./jobs.js";
import type { Queries } from "./statements.js";

export interface FalTurnLimits {
  /** The most jobs ever at fal at once (MAX_CONCURRENT_JOBS). */
  ceiling: number;
  /** The account's limit when the operator knows it (FAL_CONCURRENCY_LIMIT): no finding out then. */
  known?: number | undefined;
  /** Where finding out starts: what every account may run. */
  initial: number;
}

export interface FalTurnRound {
  /** How many jobs may be at fal at once now. */
  limit: number;
  /** Jobs holding a place at fal (this round's grants included), and of those the ones fal runs. */
  held: number;
  running: number;
  /** The jobs still waiting, in the order they are to get their turns. */
  waiting: { id: number; owner: string | null }[];
  /** This owner's waiting jobs (accepted) that hold a turn: given by this round or another process's. */
  grantedHere: number[];
  /** Set when this round raised the limit (every place was taken by a running job, and jobs wait). */
  raised?: number;
}

export interface FalTurnsRepository {
  round(at: number): Promise<FalTurnRound>;
  /** How many jobs wait for a turn (whose process runs them) and how many hold one, without changing anything. */
  line(at: number): Promise<{ waiting: number; held: number }>;
  /**
   * A request waited at fal while others ran: the account runs no more than those now running. Lowers the limit to
   * that and holds it there until `holdUntil`; returns the new limit, or undefined when it was not above.
   */
  foundFull(holdUntil: number): Promise<number | undefined>;
}

const atFal = "state IN ('accepted', 'submitting', 'submitted', 'running')";
const memberKey = "coalesce(guild_id, 'dm') || ':' || requester_id";

const ensureAccountSql = `INSERT INTO fal_account (id, turn_limit, held_until, next_turn) VALUES (1, @limit, 0, 1)
  ON CONFLICT (id) DO NOTHING`;

const countsSql = `SELECT
    coalesce(sum(CASE WHEN state <> 'accepted' OR fal_turn IS NOT NULL THEN 1 ELSE 0 END), 0) AS held,
    coalesce(sum(CASE WHEN state = 'running' THEN 1 ELSE 0 END), 0) AS running
  FROM jobs WHERE ${atFal}`;

/**
 * The waiting jobs whose process still runs them (its lease holds), in turn order: everyone's first waiting job, the
 * member served least recently (or never) first; then everyone's second; and so on.
 */
const waitingSql = `WITH waiting AS (
    SELECT id, owner, ${memberKey} AS member_key FROM jobs
    WHERE ${atFal} AND state = 'accepted' AND fal_turn IS NULL AND lease_until >= @at
  )
  SELECT waiting.id, waiting.owner, waiting.member_key,
    row_number() OVER (PARTITION BY waiting.member_key ORDER BY waiting.id) AS place,
    coalesce(turns.last_turn, 0) AS last_turn,
    min(waiting.id) OVER (PARTITION BY waiting.member_key) AS first_id
  FROM waiting LEFT JOIN fal_member_turns AS turns ON turns.member_key = waiting.member_key
  ORDER BY place, last_turn, first_id`;

const lineSql = `SELECT
    coalesce(sum(CASE WHEN state <> 'accepted' OR fal_turn IS NOT NULL THEN 1 ELSE 0 END), 0) AS held,
    coalesce(sum(CASE WHEN state = 'accepted' AND fal_turn IS NULL AND lease_until >= @at THEN 1 ELSE 0 END), 0) AS waiting
  FROM jobs WHERE ${atFal}`;
const grantSql = `UPDATE jobs SET fal_turn = @turn WHERE id = @id AND state = 'accepted' AND fal_turn IS NULL`;
const servedSql = `INSERT INTO fal_member_turns (member_key, last_turn) VALUES (@memberKey, @turn)
  ON CONFLICT (member_key) DO UPDATE SET last_turn = excluded.last_turn`;
const accountSql = "UPDATE fal_account SET turn_limit = @limit, next_turn = @turn WHERE id = 1";
const holdSql = "UPDATE fal_account SET held_until = @holdUntil WHERE id = 1";
const lowerSql = "UPDATE fal_account SET turn_limit = @limit WHERE id = 1";
const grantedHereSql = `SELECT id FROM jobs WHERE owner = @owner AND ${atFal} AND state = 'accepted' AND fal_turn IS NOT NULL`;

interface WaitingRow {
  id: number;
  owner: string | null;
  member_key: string;
}

export function createFalTurnsRepository(db: Db, owner: JobOwner, limits: FalTurnLimits): FalTurnsRepository {
  const statements = statementsOf(db);
  // On PostgreSQL every round waits here for the others: the counts it reads stay true until it commits.
  const lockAccountSql = `SELECT turn_limit, held_until, next_turn FROM fal_account WHERE id = 1${statements.dialect === "postgres" ? " FOR UPDATE" : ""}`;
  statements.check(ensureAccountSql, countsSql, lineSql, waitingSql, grantSql, servedSql, grantedHereSql, lockAccountSql, accountSql, holdSql, lowerSql);
  const initial = Math.min(limits.ceiling, limits.known ?? limits.initial);
  // Made once, committed on its own, before any round: every round (of any process) then finds the row to lock.
  let accountMade: Promise<number> | undefined;
  const inTurn = <T>(work: (queries: Queries) => Promise<T>) => {
    accountMade ??= statements.run(ensureAccountSql, { limit: initial }).catch((error: unknown) => {
      accountMade = undefined; // the next round tries again
      throw error;
    });
    return accountMade.then(() => statements.transaction(work));
  };
  const account = async (queries: Queries) => (await queries.get<{ turn_limit: number; held_until: number; next_turn: number }>(lockAccountSql))!;

  return {
    async line(at) {
      const row = (await statements.get<{ waiting: number; held: number }>(lineSql, { at }))!;
      return { waiting: Number(row.waiting), held: Number(row.held) };
    },
    round: (at) =>
      inTurn(async (queries) => {
        const row = await account(queries);
        const counts = (await queries.get<{ held: number; running: number }>(countsSql))!;
        let held = Number(counts.held);
        const running = Number(counts.running);
        const waiting = await queries.all<WaitingRow>(waitingSql, { at });
        let limit = limits.known !== undefined ? initial : Math.min(row.turn_limit, limits.ceiling);
        let raised: number | undefined;
        // Every place runs at fal and jobs still wait: fal may take one more. (While one of ours has not started, fal
        // may be full already; sending more would only queue them there.)
        if (limits.known === undefined && held >= limit && held === running && waiting.length > 0 && at >= row.held_until && limit < limits.ceiling) {
          raised = limit = limit + 1;
        }
        let turn = row.next_turn;
        const given = waiting.slice(0, Math.max(0, limit - held));
        for (const job of given) {
          if ((await queries.run(grantSql, { id: job.id, turn })) === 0) continue;
          await queries.run(servedSql, { memberKey: job.member_key, turn });
          turn++;
          held++;
        }
        if (turn !== row.next_turn || raised !== undefined) {
          await queries.run(accountSql, { limit, turn });
        }
        const grantedHere = await queries.all<{ id: number }>(grantedHereSql, { owner: owner.id });
        return {
          limit,
          held,
          running,
          waiting: waiting.slice(given.length).map(({ id, owner }) => ({ id, owner })),
          grantedHere: grantedHere.map((job) => job.id),
          ...(raised !== undefined ? { raised } : {}),
        };
      }),
    foundFull: (holdUntil) =>
      inTurn(async (queries) => {
        const row = await account(queries);
        // With none of the account's requests running, fal is slow to start them, not full.
        const limit = Number((await queries.get<{ running: number }>(countsSql))!.running);
        if (limits.known !== undefined || limit === 0) return undefined;
        await queries.run(holdSql, { holdUntil });
        if (limit >= row.turn_limit) return undefined;
        await queries.run(lowerSql, { limit });
        return limit;
      }),
  };
}
