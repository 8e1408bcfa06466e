// Issue 6, the parts that need no Discord: the phase clock (Node's 24.8-day timer limit, catch-up at start-up),
// the contest schedule rebuilt from the database, the leaderboard's tie-break, windows, and the store's guards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderCollage } from "../../src/contests/collage.js";
import { contestForResult } from "../../src/contests/delivery.js";
import { parseWindowEnd } from "../../src/contests/durations.js";
import type { ContestDeps } from "../../src/contests/deps.js";
import { ContestEntries } from "../../src/contests/entries.js";
import { rankEntries, winnersOf } from "../../src/contests/leaderboard.js";
import { rulesText } from "../../src/contests/messages.js";
import { MAX_TIMER_MS, PhaseClock } from "../../src/contests/phase-clock.js";
import type { ContestPhases } from "../../src/contests/phases.js";
import { scheduleWhileLeader } from "../../src/contests/leader.js";
import { ContestSchedule } from "../../src/contests/schedule.js";
import { createLogger } from "../../src/log.js";
import { catalog } from "../../src/models/index.js";
import type { OutputImage } from "../../src/models/types.js";
import { createContestRepository, type EntryRecord, type NewContest } from "../../src/store/contests.js";
import { openDatabase } from "../../src/store/database.js";
import { migrationsFor } from "../../src/store/migrations.js";

/** These tests build SQLite databases as older versions left them. */
const migrations = migrationsFor("sqlite");
import type { Database } from "../../src/store/schema.js";
import { createGenerationJobs, type JobRecord } from "../../src/generation/job.js";
import { sampleJob } from "./job-fixture.js";
import { memoryDb, testDialect } from "./memory-db.js";
import { setTimeout as realDelay } from "node:timers/promises";

const DAY = 86_400_000;
const silent = createLogger({ level: "silent", secrets: [] });

describe("the phase clock", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires a moment 40 days ahead at that moment, not early (Node would fire a 40-day setTimeout at once)", () => {
    const clock = new PhaseClock();
    const task = vi.fn();
    const at = Date.now() + 40 * DAY;
    clock.at("c", at, task);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(task).not.toHaveBeenCalled();
    expect(clock.has("c")).toBe(true);
    vi.advanceTimersByTime(at - Date.now() - 1);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    expect(Date.now()).toBe(at);
    expect(clock.has("c")).toBe(false);
    vi.advanceTimersByTime(100 * DAY);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("never arms a timer longer than 2^31−1 ms", () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const clock = new PhaseClock();
    clock.at("far", Date.now() + 300 * DAY, () => undefined);
    vi.advanceTimersByTime(299 * DAY);
    const delays = spy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(10);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it("runs a moment already past on the next tick, once; replacing and clearing cancel; after clearing it schedules again", () => {
    const clock = new PhaseClock();
    const late = vi.fn();
    clock.at("late", Date.now() - 5 * DAY, late);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(late).toHaveBeenCalledTimes(1);

    const first = vi.fn();
    const second = vi.fn();
    clock.at("k", Date.now() + 1000, first);
    clock.at("k", Date.now() + 2000, second);
    vi.advanceTimersByTime(5000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);

    const cleared = vi.fn();
    clock.at("s", Date.now() + 1000, cleared);
    clock.at("t", Date.now() + 2000, cleared);
    clock.clear();
    expect(clock.size).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(cleared).not.toHaveBeenCalled();
    const after = vi.fn();
    clock.at("s", Date.now() + 1000, after);
    vi.advanceTimersByTime(1000);
    expect(after).toHaveBeenCalledTimes(1);
    expect(clock.size).toBe(0);
  });
});

const contestInput = (overrides: Partial<NewContest> = {}): NewContest => ({
  guildId: "100000000000000002",
  channelId: "100000000000000003",
  theme: "cats in space",
  createdBy: "100000000000000001",
  submissionEndsAt: Date.now() + DAY,
  votingEndsAt: Date.now() + 2 * DAY,
  entriesPerMember: 1,
  votesPerMember: null,
  allowedModels: null,
  approval: false,
  hideCounts: true,
  locale: null,
  ...overrides,
});

describe("the contest schedule", () => {
  const db = memoryDb();
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * Lets the store's promises and the timers they arm run; only setTimeout and Date are faked. A 0 ms timer armed
   * while the fake clock ticks is due 1 ms later, hence the 1 ms steps.
   */
  /** Lets the schedule's work finish; PostgreSQL's answers come over the network, in real time (not the faked timers). */
  async function settle() {
    for (let i = 0; i < 50; i++) {
      await vi.advanceTimersByTimeAsync(1);
      await (testDialect === "postgres" ? realDelay(2) : new Promise((resolve) => setImmediate(resolve)));
    }
  }

  function scheduleWith(now: () => number) {
    const contests = createContestRepository(db(), now);
    const calls: string[] = [];
    /** Contests whose voting announcement fails (Discord down). */
    const failing = new Set<number>();
    /** Contests whose voting announcement waits for the test. */
    const gates = new Map<number, Promise<void>>();
    const phases = {
      openVoting: vi.fn(async (id: number, { retry = false }: { retry?: boolean } = {}) => {
        calls.push(`${retry ? "voting again" : "voting"} ${id}`);
        const done = (await contests.advance(id, ["submission"], "voting")) || retry;
        // Held between the phase change and the announcement, as Discord's answers hold a real one.
        await gates.get(id);
        if (done && !failing.has(id)) await contests.setVotingAnnounced(id);
        else if (done) throw new Error("Discord is down");
        return done;
      }),
      finish: vi.fn(async (id: number) => {
        calls.push(`results ${id}`);
        const done = await contests.advance(id, ["submission", "voting"], "results");
        if (done) await contests.setResultsMessage(id, "1");
        return done;
      }),
    };
    const deps = { contests, log: silent, now } as unknown as ContestDeps;
    const clock = new PhaseClock(now);
    return { contests, calls, failing, gates, clock, schedule: new ContestSchedule(deps, phases as unknown as ContestPhases, clock) };
  }

  /** A gate for `gates`, and the function that opens it. */
  function gate(): { closed: Promise<void>; open: () => void } {
    let open!: () => void;
    const closed = new Promise<void>((resolve) => (open = resolve));
    return { closed, open };
  }

  it("sets timers only while this process leads: none before rebuild() nor after stop(), even from a phase change under way; a later rebuild() schedules again", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { contests, calls, gates, clock, schedule } = scheduleWith(() => Date.now());
    const t0 = Date.now();
    const created = await contests.create(contestInput({ submissionEndsAt: t0 + 1000, votingEndsAt: t0 + DAY }));
    // Created through this process while another leads.
    schedule.plan(created);
    expect(clock.size).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(calls).toEqual([]);

    const announcing = gate();
    gates.set(created.id, announcing.closed);
    expect(await schedule.rebuild()).toBe(1);
    await settle();
    expect(calls).toEqual([`voting ${created.id}`]);
    // The leadership is lost mid-announcement: the announcement finishes, and plans nothing after it.
    schedule.stop();
    announcing.open();
    await settle();
    expect((await contests.get(created.id))?.votingAnnouncedAt).toEqual(expect.any(Number));
    expect(clock.size).toBe(0);
    await vi.advanceTimersByTimeAsync(2 * DAY);
    await settle();
    expect(calls).toHaveLength(1);

    // Leading again: the results, overdue, at once.
    expect(await schedule.rebuild()).toBe(1);
    await settle();
    expect(calls.slice(1)).toEqual([`results ${created.id}`]);
    schedule.stop();
  });

  it("a rebuild() while leading adds only the missing timers: a contest created elsewhere, not one whose phase change is running, and a retry keeps its later time", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { contests, calls, failing, gates, clock, schedule } = scheduleWith(() => Date.now());
    const t0 = Date.now();
    const running = await contests.create(contestInput({ submissionEndsAt: t0 + 1000, votingEndsAt: t0 + DAY }));
    const announcing = gate();
    gates.set(running.id, announcing.closed);
    expect(await schedule.rebuild()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    // Voting is open and not announced yet: what a retry would announce a second time.
    expect(calls).toEqual([`voting ${running.id}`]);
    expect(await contests.get(running.id)).toMatchObject({ phase: "voting", votingAnnouncedAt: null });

    // Created through another process.
    const elsewhere = await contests.create(contestInput({ submissionEndsAt: t0 + 5000, votingEndsAt: t0 + DAY }));
    failing.add(elsewhere.id);
    expect(await schedule.rebuild()).toBe(2);
    expect(clock.has(`contest:${elsewhere.id}`)).toBe(true);
    expect(clock.has(`contest:${running.id}`)).toBe(false);
    await settle();
    expect(calls).toEqual([`voting ${running.id}`]);
    announcing.open();
    await settle();
    expect(clock.has(`contest:${running.id}`)).toBe(true);

    // The announcement fails; its retry is due a minute later, and a rebuild in between does not bring it forward.
    await vi.advanceTimersByTimeAsync(4000);
    await settle();
    expect(calls.slice(1)).toEqual([`voting ${elsewhere.id}`]);
    await schedule.rebuild();
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(calls.slice(2)).toEqual([`voting again ${elsewhere.id}`]);
    schedule.stop();
  });

  it("runs in the leading process only: rebuilt when it takes the lead, again every refresh (a contest created elsewhere), cleared when it loses it", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const { contests, calls, clock, schedule } = scheduleWith(() => Date.now());
    const listeners = new Set<(leader: boolean) => void>();
    const leadership = {
      isLeader: false,
      onChange(listener: (leader: boolean) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      stop() {},
    };
    const become = (leader: boolean) => {
      leadership.isLeader = leader;
      for (const listener of listeners) listener(leader);
    };
    const t0 = Date.now();
    const due = await contests.create(contestInput({ submissionEndsAt: t0 + 60_000, votingEndsAt: t0 + DAY }));
    const lead = await scheduleWhileLeader(schedule, leadership, { refreshMs: 30_000, log: silent });
    expect(lead.scheduled).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    await settle();
    expect(calls).toEqual([]);

    // The leader died: this process takes over, and runs what came due meanwhile.
    become(true);
    await settle();
    expect(calls).toEqual([`voting ${due.id}`]);
    const elsewhere = await contests.create(contestInput({ submissionEndsAt: Date.now() + DAY, votingEndsAt: Date.now() + 2 * DAY }));
    expect(clock.has(`contest:${elsewhere.id}`)).toBe(false);
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(clock.has(`contest:${elsewhere.id}`)).toBe(true);

    become(false);
    expect(clock.size).toBe(0);
    await vi.advanceTimersByTimeAsync(3 * DAY);
    await settle();
    expect(calls).toHaveLength(1);
    expect(clock.size).toBe(0);

    become(true);
    await settle();
    // Both came due while no timer ran here: both run now.
    expect(calls.slice(1).sort()).toEqual([`results ${due.id}`, `results ${elsewhere.id}`, `voting ${elsewhere.id}`].sort());
    lead.stop();
    expect(listeners.size).toBe(0);
    expect(clock.size).toBe(0);
  });

  it("at start-up runs phases whose times passed while the bot was down, once each, in order; future ones wait", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { contests, calls, schedule } = scheduleWith(() => Date.now());
    const t0 = Date.now();
    const bothPast = await contests.create(contestInput({ submissionEndsAt: t0 - 2 * DAY, votingEndsAt: t0 - DAY }));
    const votingPast = await contests.create(contestInput({ submissionEndsAt: t0 - DAY, votingEndsAt: t0 + 30 * DAY }));
    await contests.advance(votingPast.id, ["submission"], "voting");
    await contests.setVotingAnnounced(votingPast.id);
    const future = await contests.create(contestInput({ submissionEndsAt: t0 + 50 * DAY, votingEndsAt: t0 + 60 * DAY }));

    expect(await schedule.rebuild()).toBe(3);
    await settle();
    expect(calls).toEqual([`voting ${bothPast.id}`, `results ${bothPast.id}`]);
    expect((await contests.get(bothPast.id))?.phase).toBe("results");

    await vi.advanceTimersByTimeAsync(30 * DAY);
    await settle();
    expect(calls.slice(2)).toEqual([`results ${votingPast.id}`]);
    await vi.advanceTimersByTimeAsync(20 * DAY);
    await settle();
    expect(calls.slice(3)).toEqual([`voting ${future.id}`]);
    await vi.advanceTimersByTimeAsync(10 * DAY);
    await settle();
    expect(calls.slice(4)).toEqual([`results ${future.id}`]);
    await vi.advanceTimersByTimeAsync(100 * DAY);
    expect(calls).toHaveLength(5);
    schedule.stop();
  });

  it("retries a voting announcement that never went out, a minute apart, until it does; the results follow when the voting ends", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { contests, calls, failing, schedule } = scheduleWith(() => Date.now());
    const t0 = Date.now();
    // The bot stopped after the phase changed and before the announcement.
    const stranded = await contests.create(contestInput({ submissionEndsAt: t0 - DAY, votingEndsAt: t0 + DAY }));
    await contests.advance(stranded.id, ["submission"], "voting");
    // Discord refuses this one's announcement twice.
    const refused = await contests.create(contestInput({ submissionEndsAt: t0 + 1000, votingEndsAt: t0 + DAY }));
    failing.add(refused.id);

    expect(await schedule.rebuild()).toBe(2);
    await settle();
    expect(calls).toEqual([`voting again ${stranded.id}`]);
    expect((await contests.get(stranded.id))?.votingAnnouncedAt).toEqual(expect.any(Number));
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(calls.slice(1)).toEqual([`voting ${refused.id}`]);
    expect((await contests.get(refused.id))?.votingAnnouncedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(calls.slice(2)).toEqual([`voting again ${refused.id}`]);
    failing.delete(refused.id);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(calls.slice(3)).toEqual([`voting again ${refused.id}`]);
    expect((await contests.get(refused.id))?.votingAnnouncedAt).toEqual(expect.any(Number));
    await vi.advanceTimersByTimeAsync(DAY);
    await settle();
    expect(calls.slice(4).sort()).toEqual([`results ${refused.id}`, `results ${stranded.id}`].sort());
    expect(calls).toHaveLength(6);
    schedule.stop();
  });
});

const entry = (id: number, createdAt: number): EntryRecord => ({
  id,
  contestId: 1,
  userId: `10000000000000000${id}`,
  jobId: null,
  imageIndex: 0,
  modelId: "nano-banana",
  prompt: "p",
  imageUrl: "http://x",
  status: "approved",
  messageId: null,
  decidedBy: null,
  createdAt,
});

describe("the leaderboard", () => {
  it("ranks by votes, and a tie goes to the earlier entry", () => {
    const entries = [entry(1, 300), entry(2, 100), entry(3, 200), entry(4, 50)];
    const ranked = rankEntries(entries, new Map([[1, 5], [2, 3], [3, 5], [4, 0]]));
    expect(ranked.map((r) => [r.entry.id, r.votes, r.place])).toEqual([
      [3, 5, 1],
      [1, 5, 2],
      [2, 3, 3],
      [4, 0, 4],
    ]);
    expect(winnersOf(ranked).map((r) => r.entry.id)).toEqual([3, 1, 2]);
    expect(winnersOf(rankEntries(entries, new Map()))).toEqual([]);
  });
});

describe("contest windows", () => {
  const now = Date.UTC(2026, 0, 1);
  it("reads durations and end times", () => {
    expect(parseWindowEnd("30s", now, "x", now)).toEqual({ ok: true, at: now + 30_000 });
    expect(parseWindowEnd("10m", now, "x", now)).toEqual({ ok: true, at: now + 600_000 });
    expect(parseWindowEnd("1d12h", now, "x", now)).toEqual({ ok: true, at: now + 1.5 * DAY });
    expect(parseWindowEnd(String(now / 1000 + 3600), now, "x", now)).toEqual({ ok: true, at: now + 3_600_000 });
    expect(parseWindowEnd(`<t:${now / 1000 + 60}:F>`, now, "x", now)).toEqual({ ok: true, at: now + 60_000 });
    expect(parseWindowEnd("2026-01-03T00:00:00Z", now, "x", now)).toEqual({ ok: true, at: now + 2 * DAY });
    expect(parseWindowEnd("60d", now, "x", now)).toEqual({ ok: true, at: now + 60 * DAY });
  });
  it("refuses nonsense, the past and more than a year", () => {
    expect(parseWindowEnd("soon", now, "The voting window", now)).toMatchObject({ ok: false, problem: expect.stringMatching(/^The voting window: "soon"/) });
    expect(parseWindowEnd("2025-01-01", now, "x", now)).toMatchObject({ ok: false, problem: expect.stringMatching(/must end after/) });
    expect(parseWindowEnd("400d", now, "x", now)).toMatchObject({ ok: false, problem: expect.stringMatching(/a year/) });
  });
});

describe("the contest store", () => {
  const db = memoryDb();

  it("counts the voting of contests past their submission phase as announced when upgrading a database", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-contest-upgrade-")), "falcord.sqlite");
    const upTo = (last: string) => ({ getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last)) });
    const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    expect((await new Migrator({ db: old, provider: upTo("0007_ledger_day_totals") }).migrateToLatest()).error).toBeUndefined();
    const phases = ["submission", "voting", "results", "cancelled"] as const;
    for (const [i, phase] of phases.entries()) {
      await sql`insert into contests (guild_id, channel_id, theme, created_by, phase, submission_ends_at, voting_ends_at, entries_per_member, created_at, updated_at)
        values ('1', '2', 't', '3', ${phase}, 10, 20, 1, 5, ${100 + i})`.execute(old);
    }
    await old.destroy();
    const upgraded = await openDatabase(path);
    try {
      const contests = createContestRepository(upgraded);
      const announced = await Promise.all(phases.map(async (_, i) => (await contests.get(i + 1))?.votingAnnouncedAt));
      expect(announced).toEqual([null, 101, 102, 103]);
    } finally {
      await upgraded.destroy();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });

  it("moves a phase once, caps entries and votes, toggles a vote, refuses a self-vote", async () => {
    const contests = createContestRepository(db());
    const contest = await contests.create(contestInput({ entriesPerMember: 1, votesPerMember: 1 }));
    const newEntry = (userId: string) => ({ contestId: contest.id, userId, jobId: null, imageIndex: 0, modelId: "nano-banana", prompt: "p", imageUrl: "u" });
    const a = await contests.addEntry(newEntry("1"), "approved");
    const b = await contests.addEntry(newEntry("2"), "approved");
    expect(a.ok && b.ok).toBe(true);
    expect(await contests.addEntry(newEntry("1"), "approved")).toMatchObject({ ok: false, reason: "cap" });
    const [ea, eb] = await contests.entries(contest.id);
    expect(await contests.toggleVote(ea!.id, "3")).toMatchObject({ ok: false, reason: "phase" });

    const races = await Promise.all([1, 2, 3].map(() => contests.advance(contest.id, ["submission"], "voting")));
    expect(races.filter(Boolean)).toHaveLength(1);
    expect(await contests.addEntry(newEntry("9"), "approved")).toMatchObject({ ok: false, reason: "phase" });

    expect(await contests.toggleVote(ea!.id, "1")).toMatchObject({ ok: false, reason: "own-entry" });
    expect(await contests.toggleVote(ea!.id, "3")).toEqual({ ok: true, voted: true, used: 1, count: 1 });
    expect(await contests.toggleVote(eb!.id, "3")).toMatchObject({ ok: false, reason: "cap", used: 1 });
    expect(await contests.toggleVote(ea!.id, "3")).toEqual({ ok: true, voted: false, used: 0, count: 0 });
    expect(await contests.toggleVote(eb!.id, "3")).toEqual({ ok: true, voted: true, used: 1, count: 1 });
    expect([...(await contests.voteCounts(contest.id))]).toEqual([[eb!.id, 1]]);
  });

  it("offers a result only the server's contests in their submission phase that take its model, newest first", async () => {
    const contests = createContestRepository(db());
    const older = await contests.create(contestInput());
    const voting = await contests.create(contestInput());
    await contests.advance(voting.id, ["submission"], "voting");
    const proOnly = await contests.create(contestInput({ allowedModels: ["nano-banana-pro"] }));
    await contests.create(contestInput({ guildId: "200000000000000009" }));
    expect((await contests.takingEntries(older.guildId)).map((c) => c.id)).toEqual([proOnly.id, older.id]);
    const job = (modelId: string) => ({ ...sampleJob("AAAAAA", { modelId, guildId: older.guildId }), id: 1 }) as unknown as JobRecord;
    expect(await contestForResult(contests, job("nano-banana-pro"))).toBe(proOnly.id);
    expect(await contestForResult(contests, job("nano-banana"))).toBe(older.id);
    expect(await contestForResult(contests, { ...job("nano-banana"), ephemeral: true })).toBeUndefined();
  });
});

describe("the contest rules in words", () => {
  const db = memoryDb();

  it("count entries and votes in the singular and the plural", async () => {
    const contests = createContestRepository(db());
    const one = rulesText(await contests.create(contestInput({ entriesPerMember: 1, votesPerMember: 1 })), catalog).split("\n");
    const three = rulesText(await contests.create(contestInput({ entriesPerMember: 3, votesPerMember: 3 })), catalog).split("\n");
    expect(one.slice(0, 2)).toEqual(["• 1 entry per member", "• 1 vote per member (one per entry, not your own)"]);
    expect(three.slice(0, 2)).toEqual(["• 3 entries per member", "• 3 votes per member (one per entry, not your own)"]);
  });
});

describe("entering a contest", () => {
  const db = memoryDb();

  it("takes the first image the model did not flag, even from a job in an NSFW channel; a result with only flagged images cannot enter", async () => {
    const contests = createContestRepository(db());
    const jobs = createGenerationJobs(db());
    const deps = { contests, jobs, catalog, log: createLogger({ level: "silent", secrets: [] }) } as unknown as ContestDeps;
    const entries = new ContestEntries(deps);
    // With review on, an entry waits unposted, so no Discord is needed.
    const contest = await contests.create(contestInput({ approval: true, entriesPerMember: 5 }));
    const image = (n: number, nsfw: boolean): OutputImage => ({ url: `https://fal.example/${n}.png`, contentType: "image/png", nsfw });
    let refs = 0;
    const job = (channelNsfw: boolean, images: OutputImage[]) =>
      jobs
        .create(sampleJob(`JOB${String(++refs).padStart(3, "0")}`, { guildId: contest.guildId, channelNsfw, tokenExpiresAt: Date.now() + DAY }))
        .then((record) => ({ record, output: { images } }));

    for (const channelNsfw of [false, true]) {
      const { record, output } = await job(channelNsfw, [image(0, true), image(1, false), image(2, false)]);
      const outcome = await entries.enterJob(contest, record, output);
      expect(outcome, `job channel NSFW: ${channelNsfw}`).toMatchObject({ ok: true, posted: false, entry: { imageIndex: 1, imageUrl: "https://fal.example/1.png" } });
    }
    for (const channelNsfw of [false, true]) {
      const { record, output } = await job(channelNsfw, [image(0, true), image(1, true)]);
      expect(await entries.enterJob(contest, record, output)).toMatchObject({ ok: false, problem: expect.stringMatching(/a flagged image cannot enter/) });
    }
    expect(await entries.enterJob(contest, (await job(false, [])).record, { images: [] })).toMatchObject({ ok: false, problem: expect.stringMatching(/no image/) });
    expect((await contests.entries(contest.id)).map((e) => e.imageUrl)).toEqual(["https://fal.example/1.png", "https://fal.example/1.png"]);
  });
});

describe("the results collage", () => {
  it("puts up to four entries in a 2×2 PNG, with a placeholder for an image that could not be fetched", async () => {
    const tile = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#ff0000" } }).png().toBuffer();
    const png = await renderCollage([
      { bytes: tile, place: 1, votes: 3 },
      { bytes: undefined, place: 2, votes: 2 },
      { bytes: Buffer.from("not an image"), place: 3, votes: 1 },
      { bytes: tile, place: 4, votes: 0 },
    ]);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(2 * 512 + 3 * 12);
    expect(meta.height).toBe(2 * 512 + 3 * 12);
    expect(catalog.all().length).toBeGreaterThan(0);
  });
});
