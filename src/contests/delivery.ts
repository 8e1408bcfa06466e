// A /contest enter job enters its contest once its result is delivered: the reporter's `delivered`, extended.
// A repeat delivery after a restart finds the entry already there (one image enters once).
import type { APIButtonComponent } from "discord.js";
import type { JobRecord, JobReporter } from "../generation/index.js";
import type { Logger } from "../log.js";
import type { ContestRepository } from "../store/contests.js";
import type { ContestEntries } from "./entries.js";
import { submitButton } from "./messages.js";
import type { Translate } from "../i18n/index.js";

export function enteringContest(reporter: JobReporter, job: JobRecord, entries: ContestEntries, log: Logger): JobReporter {
  if (job.contestId === undefined) return reporter;
  return {
    ...reporter,
    async delivered(result) {
      await reporter.delivered(result);
      await entries.fromDeliveredJob(job, result.output).catch((error: unknown) =>
        log.error({ err: error, job: job.ref, contest: job.contestId }, "could not enter a delivered job in its contest"),
      );
    },
  };
}

/** The contest a finished public result may be submitted to: the newest one taking entries of its model. */
export async function contestForResult(contests: ContestRepository, job: JobRecord): Promise<number | undefined> {
  if (!job.guildId || job.ephemeral || job.contestId !== undefined) return undefined;
  const open = await contests.takingEntries(job.guildId);
  return open.find((c) => !c.allowedModels || c.allowedModels.includes(job.modelId))?.id;
}

/** The "Submit to contest" button under a finished public result, when a contest takes it; labelled by `say` (English unless given). */
export async function submitToContestButton(contests: ContestRepository, job: JobRecord, say?: Translate): Promise<APIButtonComponent | undefined> {
  const contestId = await contestForResult(contests, job);
  return contestId === undefined ? undefined : submitButton(contestId, job.ref, say);
}
