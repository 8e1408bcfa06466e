// Runs each contest's next phase at its time, from the database: rebuilt when this process becomes the leader (a
// time that passed while no process led runs at once) and again every little while after, re-planned after every
// phase change, cleared when it stops leading and at shutdown. Only the leader keeps timers (see leader.ts).
import type { ContestRecord } from "../store/contests.js";
import type { ContestDeps } from "./deps.js";
import type { PhaseClock } from "./phase-clock.js";
import type { ContestPhases } from "./phases.js";

/** After a phase change failed (Discord down, say), try again this much later rather than at once. */
const retryDelayMs = 60_000;

export class ContestSchedule {
  /** Between rebuild() and stop(): only then does plan() set timers. */
  private leading = false;
  /** Contests whose phase change is under way (their timer has fired): rebuild() leaves them to it. */
  private readonly running = new Set<number>();

  constructor(
    private readonly deps: ContestDeps,
    private readonly phases: ContestPhases,
    private readonly clock: PhaseClock,
  ) {}

  private get now() {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * A timer for each contest under way that has none yet, nor a phase change running: at first, every one; after
   * that, the contests created in other processes (which set no timers there). A contest with its timer keeps it:
   * its times do not change, and a retry's later time must hold. Returns how many contests are under way.
   */
  async rebuild(): Promise<number> {
    this.leading = true;
    const contests = await this.deps.contests.scheduled();
    for (const contest of contests) {
      if (!this.clock.has(keyOf(contest.id)) && !this.running.has(contest.id)) this.plan(contest);
    }
    return contests.length;
  }

  /** Schedules the contest's next step (or nothing, when it is over); nothing in a process that does not lead. */
  plan(contest: ContestRecord, notBefore = 0): void {
    if (!this.leading) return;
    const key = keyOf(contest.id);
    const at = (time: number) => Math.max(time, notBefore);
    switch (contest.phase) {
      case "submission":
        this.clock.at(key, at(contest.submissionEndsAt), () => void this.run(contest.id, "voting"));
        return;
      case "voting":
        // An announcement that never went out is retried until the voting ends; then the results go on regardless.
        if (contest.votingAnnouncedAt === null && at(this.now) < contest.votingEndsAt)
          this.clock.at(key, at(this.now), () => void this.run(contest.id, "voting-retry"));
        else this.clock.at(key, at(contest.votingEndsAt), () => void this.run(contest.id, "results"));
        return;
      case "results":
        if (!contest.resultsMessageId) this.clock.at(key, at(this.now), () => void this.run(contest.id, "results-retry"));
        else this.clock.cancel(key);
        return;
      default:
        this.clock.cancel(key);
    }
  }

  /** Clears every timer; none is set again until the next rebuild(). A phase change under way finishes. */
  stop(): void {
    this.leading = false;
    this.clock.clear();
  }

  private async run(contestId: number, step: "voting" | "voting-retry" | "results" | "results-retry"): Promise<void> {
    let failed = false;
    this.running.add(contestId);
    try {
      if (step === "voting" || step === "voting-retry") await this.phases.openVoting(contestId, { retry: step === "voting-retry" });
      else await this.phases.finish(contestId, { retry: step === "results-retry" });
    } catch (error) {
      failed = true;
      this.deps.log.error({ err: error, contest: contestId, step }, "a contest phase change failed; trying again in a minute");
    }
    try {
      const contest = await this.deps.contests.get(contestId);
      if (contest) this.plan(contest, failed ? this.now + retryDelayMs : 0);
    } catch (error) {
      // The next rebuild() finds it without a timer and plans it.
      this.deps.log.error({ err: error, contest: contestId }, "could not re-plan a contest");
    } finally {
      this.running.delete(contestId);
    }
  }
}

const keyOf = (contestId: number) => `contest:${contestId}`;
