// Runs each contest's next phase at its time, from the database: rebuilt at start-up (a time that passed while
// the bot was down runs at once), re-planned after every phase change, cleared at shutdown.
import type { ContestRecord } from "../store/contests.js";
import type { ContestDeps } from "./deps.js";
import type { PhaseClock } from "./phase-clock.js";
import type { ContestPhases } from "./phases.js";

/** After a phase change failed (Discord down, say), try again this much later rather than at once. */
const retryDelayMs = 60_000;

export class ContestSchedule {
  constructor(
    private readonly deps: ContestDeps,
    private readonly phases: ContestPhases,
    private readonly clock: PhaseClock,
  ) {}

  private get now() {
    return (this.deps.now ?? Date.now)();
  }

  /** At start-up: one timer per contest still under way. Returns how many. */
  async rebuild(): Promise<number> {
    const contests = await this.deps.contests.scheduled();
    for (const contest of contests) this.plan(contest);
    return contests.length;
  }

  /** Schedules the contest's next step (or nothing, when it is over). */
  plan(contest: ContestRecord, notBefore = 0): void {
    const key = `contest:${contest.id}`;
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

  stop(): void {
    this.clock.stop();
  }

  private async run(contestId: number, step: "voting" | "voting-retry" | "results" | "results-retry"): Promise<void> {
    let failed = false;
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
      this.deps.log.error({ err: error, contest: contestId }, "could not re-plan a contest");
    }
  }
}
