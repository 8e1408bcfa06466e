// Contests, their entries and votes. A phase change is one guarded UPDATE (`where phase = <expected>`), so it
// happens once however many timers, restarts or moderators race for it; caps are checked inside the write's transaction.
import { sql, type Selectable } from "kysely";
import { statementsOf, type Db } from "./database.js";
import type { ContestEntriesTable, ContestPhase, ContestsTable, EntryStatus } from "./schema.js";

export interface NewContest {
  guildId: string;
  channelId: string;
  theme: string;
  createdBy: string;
  submissionEndsAt: number;
  votingEndsAt: number;
  entriesPerMember: number;
  /** null: one vote per entry, no other cap. */
  votesPerMember: number | null;
  /** null: every model the server allows. */
  allowedModels: string[] | null;
  approval: boolean;
  hideCounts: boolean;
  /** The server's preferred locale when the contest was made (the interaction's guild_locale). */
  locale: string | null;
}

export interface ContestRecord extends NewContest {
  id: number;
  phase: ContestPhase;
  announcementMessageId: string | null;
  /** When the "Voting is open" message went out; null before (and when it failed). */
  votingAnnouncedAt: number | null;
  resultsMessageId: string | null;
  createdAt: number;
  endedAt: number | null;
}

export interface NewEntry {
  contestId: number;
  userId: string;
  jobId: number | null;
  imageIndex: number;
  modelId: string;
  prompt: string;
  imageUrl: string;
}

export interface EntryRecord extends NewEntry {
  id: number;
  status: EntryStatus;
  messageId: string | null;
  decidedBy: string | null;
  createdAt: number;
}

export type AddEntryResult =
  | { ok: true; entry: EntryRecord }
  | { ok: false; reason: "phase" | "cap" | "duplicate"; contest: ContestRecord | undefined };

export type VoteResult =
  | { ok: true; voted: boolean; used: number; count: number }
  | { ok: false; reason: "phase" | "own-entry" | "not-votable" | "cap"; used: number };

/** Entries that count: waiting for review or in the contest. */
const liveStatuses: readonly EntryStatus[] = ["pending", "approved"];

export interface ContestRepository {
  create(contest: NewContest): Promise<ContestRecord>;
  get(id: number): Promise<ContestRecord | undefined>;
  /** Newest first. */
  list(guildId: string, options?: { limit?: number }): Promise<ContestRecord[]>;
  /** The server's contests in their submission phase, newest first (asked for every public result delivered). */
  takingEntries(guildId: string): Promise<ContestRecord[]>;
  /** Contests whose clock still has to run: submission or voting, or results not yet posted. */
  scheduled(): Promise<ContestRecord[]>;
  /** The guarded phase change; false when the contest was not in `from` (another run already moved it). */
  advance(id: number, from: readonly ContestPhase[], to: ContestPhase): Promise<boolean>;
  setAnnouncementMessage(id: number, messageId: string): Promise<void>;
  setVotingAnnounced(id: number): Promise<void>;
  setResultsMessage(id: number, messageId: string): Promise<void>;
  /** Adds an entry when the contest is in its submission phase and the member has room under the cap. */
  addEntry(entry: NewEntry, status: "pending" | "approved"): Promise<AddEntryResult>;
  entry(id: number): Promise<EntryRecord | undefined>;
  /** Oldest first; all statuses unless given. */
  entries(contestId: number, statuses?: readonly EntryStatus[]): Promise<EntryRecord[]>;
  /** The member's pending and approved entries. */
  entriesOf(contestId: number, userId: string): Promise<EntryRecord[]>;
  setEntryMessage(id: number, messageId: string, imageUrl?: string): Promise<void>;
  /** pending → approved/rejected, once. */
  decide(id: number, status: "approved" | "rejected", by: string): Promise<boolean>;
  /** The member's own live entry → withdrawn, only during the submission phase. */
  withdraw(id: number, userId: string): Promise<boolean>;
  /** Adds the member's vote for the entry, or takes it back when it was there. */
  toggleVote(entryId: number, userId: string): Promise<VoteResult>;
  /** How many votes the member has given in the contest. */
  votesBy(contestId: number, userId: string): Promise<number>;
  /** Votes per approved entry id. */
  voteCounts(contestId: number): Promise<Map<number, number>>;
}

function toContest(row: Selectable<ContestsTable>): ContestRecord {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    theme: row.theme,
    createdBy: row.created_by,
    phase: row.phase,
    submissionEndsAt: row.submission_ends_at,
    votingEndsAt: row.voting_ends_at,
    entriesPerMember: row.entries_per_member,
    votesPerMember: row.votes_per_member,
    allowedModels: row.allowed_models_json ? (JSON.parse(row.allowed_models_json) as string[]) : null,
    approval: row.approval === 1,
    hideCounts: row.hide_counts === 1,
    locale: row.locale,
    announcementMessageId: row.announcement_message_id,
    votingAnnouncedAt: row.voting_announced_at,
    resultsMessageId: row.results_message_id,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}

function toEntry(row: Selectable<ContestEntriesTable>): EntryRecord {
  return {
    id: row.id,
    contestId: row.contest_id,
    userId: row.user_id,
    jobId: row.job_id,
    imageIndex: row.image_index,
    modelId: row.model_id,
    prompt: row.prompt,
    imageUrl: row.image_url,
    status: row.status,
    messageId: row.message_id,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
  };
}

export function createContestRepository(db: Db, now: () => number = Date.now): ContestRepository {
  const get = async (id: number, trx: Db = db) => {
    const row = await trx.selectFrom("contests").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toContest(row);
  };
  // Asked for every public result delivered: a hand-written statement, like the job transitions.
  const statements = statementsOf(db);
  const takingEntriesSql = "SELECT * FROM contests WHERE guild_id = @guildId AND phase = 'submission' ORDER BY id DESC";
  statements.check(takingEntriesSql);
  const entry = async (id: number, trx: Db = db) => {
    const row = await trx.selectFrom("contest_entries").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toEntry(row);
  };

  return {
    async create(contest) {
      const at = now();
      const { id } = await db
        .insertInto("contests")
        .values({
          guild_id: contest.guildId,
          channel_id: contest.channelId,
          theme: contest.theme,
          created_by: contest.createdBy,
          phase: "submission",
          submission_ends_at: contest.submissionEndsAt,
          voting_ends_at: contest.votingEndsAt,
          entries_per_member: contest.entriesPerMember,
          votes_per_member: contest.votesPerMember,
          allowed_models_json: contest.allowedModels ? JSON.stringify(contest.allowedModels) : null,
          approval: contest.approval ? 1 : 0,
          hide_counts: contest.hideCounts ? 1 : 0,
          locale: contest.locale,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    get: (id) => get(id),
    async list(guildId, { limit = 25 } = {}) {
      const rows = await db.selectFrom("contests").selectAll().where("guild_id", "=", guildId).orderBy("id", "desc").limit(limit).execute();
      return rows.map(toContest);
    },
    takingEntries: async (guildId) => (await statements.all<Selectable<ContestsTable>>(takingEntriesSql, { guildId })).map(toContest),
    async scheduled() {
      const rows = await db
        .selectFrom("contests")
        .selectAll()
        .where((eb) =>
          eb.or([eb("phase", "in", ["submission", "voting"]), eb.and([eb("phase", "=", "results"), eb("results_message_id", "is", null)])]),
        )
        .orderBy("id")
        .execute();
      return rows.map(toContest);
    },
    async advance(id, from, to) {
      const ended = to === "results" || to === "cancelled" ? { ended_at: now() } : {};
      const result = await db
        .updateTable("contests")
        .set({ phase: to, updated_at: now(), ...ended })
        .where("id", "=", id)
        .where("phase", "in", from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async setAnnouncementMessage(id, messageId) {
      await db.updateTable("contests").set({ announcement_message_id: messageId, updated_at: now() }).where("id", "=", id).execute();
    },
    async setVotingAnnounced(id) {
      const at = now();
      await db.updateTable("contests").set({ voting_announced_at: at, updated_at: at }).where("id", "=", id).execute();
    },
    async setResultsMessage(id, messageId) {
      await db.updateTable("contests").set({ results_message_id: messageId, updated_at: now() }).where("id", "=", id).execute();
    },
    addEntry: (newEntry, status) =>
      db.transaction().execute(async (trx): Promise<AddEntryResult> => {
        const contest = await get(newEntry.contestId, trx);
        if (!contest || contest.phase !== "submission") return { ok: false, reason: "phase", contest };
        if (newEntry.jobId !== null) {
          const same = await trx
            .selectFrom("contest_entries")
            .select("id")
            .where("contest_id", "=", newEntry.contestId)
            .where("job_id", "=", newEntry.jobId)
            .where("image_index", "=", newEntry.imageIndex)
            .executeTakeFirst();
          if (same) return { ok: false, reason: "duplicate", contest };
        }
        const { n } = await trx
          .selectFrom("contest_entries")
          .select(sql<number>`count(*)`.as("n"))
          .where("contest_id", "=", newEntry.contestId)
          .where("user_id", "=", newEntry.userId)
          .where("status", "in", liveStatuses)
          .executeTakeFirstOrThrow();
        if (Number(n) >= contest.entriesPerMember) return { ok: false, reason: "cap", contest };
        const at = now();
        const { id } = await trx
          .insertInto("contest_entries")
          .values({
            contest_id: newEntry.contestId,
            user_id: newEntry.userId,
            job_id: newEntry.jobId,
            image_index: newEntry.imageIndex,
            model_id: newEntry.modelId,
            prompt: newEntry.prompt,
            image_url: newEntry.imageUrl,
            status,
            created_at: at,
            updated_at: at,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { ok: true, entry: (await entry(id, trx))! };
      }),
    entry: (id) => entry(id),
    async entries(contestId, statuses) {
      let query = db.selectFrom("contest_entries").selectAll().where("contest_id", "=", contestId);
      if (statuses) query = query.where("status", "in", statuses);
      const rows = await query.orderBy("id").execute();
      return rows.map(toEntry);
    },
    async entriesOf(contestId, userId) {
      const rows = await db
        .selectFrom("contest_entries")
        .selectAll()
        .where("contest_id", "=", contestId)
        .where("user_id", "=", userId)
        .where("status", "in", liveStatuses)
        .orderBy("id")
        .execute();
      return rows.map(toEntry);
    },
    async setEntryMessage(id, messageId, imageUrl) {
      await db
        .updateTable("contest_entries")
        .set({ message_id: messageId, ...(imageUrl ? { image_url: imageUrl } : {}), updated_at: now() })
        .where("id", "=", id)
        .execute();
    },
    async decide(id, status, by) {
      const result = await db
        .updateTable("contest_entries")
        .set({ status, decided_by: by, updated_at: now() })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async withdraw(id, userId) {
      const result = await db
        .updateTable("contest_entries")
        .set({ status: "withdrawn", updated_at: now() })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("status", "in", liveStatuses)
        .where("contest_id", "in", (eb) => eb.selectFrom("contests").select("id").where("phase", "=", "submission"))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    toggleVote: (entryId, userId) =>
      db.transaction().execute(async (trx): Promise<VoteResult> => {
        const target = await entry(entryId, trx);
        const contest = target && (await get(target.contestId, trx));
        const usedBy = async () => {
          if (!target) return 0;
          const { n } = await trx
            .selectFrom("contest_votes")
            .select(sql<number>`count(*)`.as("n"))
            .where("contest_id", "=", target.contestId)
            .where("user_id", "=", userId)
            .executeTakeFirstOrThrow();
          return Number(n);
        };
        const countOf = async () => {
          const { n } = await trx.selectFrom("contest_votes").select(sql<number>`count(*)`.as("n")).where("entry_id", "=", entryId).executeTakeFirstOrThrow();
          return Number(n);
        };
        if (!target || !contest || target.status !== "approved") return { ok: false, reason: "not-votable", used: await usedBy() };
        if (contest.phase !== "voting") return { ok: false, reason: "phase", used: await usedBy() };
        if (target.userId === userId) return { ok: false, reason: "own-entry", used: await usedBy() };
        const removed = await trx.deleteFrom("contest_votes").where("entry_id", "=", entryId).where("user_id", "=", userId).executeTakeFirst();
        if (removed.numDeletedRows > 0n) return { ok: true, voted: false, used: await usedBy(), count: await countOf() };
        const used = await usedBy();
        if (contest.votesPerMember !== null && used >= contest.votesPerMember) return { ok: false, reason: "cap", used };
        await trx.insertInto("contest_votes").values({ entry_id: entryId, user_id: userId, contest_id: target.contestId, created_at: now() }).execute();
        return { ok: true, voted: true, used: used + 1, count: await countOf() };
      }),
    async votesBy(contestId, userId) {
      const { n } = await db
        .selectFrom("contest_votes")
        .select(sql<number>`count(*)`.as("n"))
        .where("contest_id", "=", contestId)
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    async voteCounts(contestId) {
      const rows = await db
        .selectFrom("contest_votes")
        .innerJoin("contest_entries", "contest_entries.id", "contest_votes.entry_id")
        .select(["contest_votes.entry_id as entryId", sql<number>`count(*)`.as("n")])
        .where("contest_votes.contest_id", "=", contestId)
        .where("contest_entries.status", "=", "approved")
        .groupBy("contest_votes.entry_id")
        .execute();
      return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
    },
  };
}
