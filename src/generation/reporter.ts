// A job's voice in Discord: throttled progress in its reply, then the result with its buttons, or the failure, all in
// the job's language (the asking member's, kept with the job).
import type { APIButtonComponent, Client, REST } from "discord.js";
import type { Config } from "../config.js";
import { UploadTooLarge, type JobFailure, type JobPhase } from "./steps.js";
import type { JobReporter } from "./runner.js";
import type { Logger } from "../log.js";
import type { Catalog } from "../models/index.js";
import type { JobRecord, JobRepository } from "./job.js";
import { failureText } from "./failure-text.js";
import type { EditTurns } from "../discord/progress-pacer.js";
import { progressHeader, progressText } from "./progress-text.js";
import { editReply, isRequestTooLarge, readReply, type ReplyLocation } from "../discord/reply-target.js";
import { cancelButtons, jobButtonId, resultActionRows, resultButtons, retryButtons, runButtons } from "./result-buttons.js";
import { describeMessage } from "./describe-message.js";
import { promptsOfDescribe } from "./describe.js";
import { offeredPositions } from "./result-images.js";
import { resultMessage, type FinishedJob } from "./result-message.js";
import { FAILURE_COLOUR, textReply, withLeadingNote, type ReplyLayout } from "./reply-layout.js";
import { ThrottledEditor } from "../discord/throttled-editor.js";
import { t } from "../i18n/index.js";
import type { BufferPool } from "../media/buffer-pool.js";

export interface ReporterDeps {
  client: Client<true>;
  /** For edits through the interaction token (see interaction-rest.ts). */
  interactionRest: REST;
  config: Pick<Config, "PROGRESS_INTERVAL_MS">;
  log: Logger;
  jobs: JobRepository;
  catalog: Catalog;
  /** The budget all replies' progress edits share, held while the bot is saturated (see progress-pacer.ts). */
  progressTurns: EditTurns;
  /**
   * Buttons other features add under a result with images (contests: "Submit to contest"; assets: "Make asset", or an
   * asset's own "Add as emoji" and the like), in the result's first row.
   */
  extraButtons?(job: JobRecord): Promise<APIButtonComponent[]>;
  /** Memory for the results' upload bodies, handed back once each is sent. */
  uploadBuffers: BufferPool;
}

const completionMarginMs = 250;

/** Failures worth a Retry button: the same request may well succeed later. */
const retryable = new Set<JobFailure["kind"]>([
  "interrupted",
  "busy",
  "timeout",
  "model-error",
  "network",
  "unknown",
  "output-unavailable",
  "upload-too-large",
  "source-unavailable",
]);

export function createJobReporter(deps: ReporterDeps, job: JobRecord): JobReporter {
  // A job stored before its model left the catalog still gets its reply (see the runner's model-unavailable).
  const model = deps.catalog.get(job.modelId);
  const log = deps.log.child({ job: job.ref });
  const location: ReplyLocation = { ...job };
  // A Describe's prompt is the bot's own question, not the member's words.
  const header =
    model?.kind === "vision" ? t(job.locale, "job.readingImage", { model: model.name }) : progressHeader(model?.name ?? job.modelId, job.request);
  const cancel = cancelButtons(job.ref, job.locale);

  const edit = async (payload: ReplyLayout, options?: { progress: boolean }) => {
    // A reply Discord keeps private says so first, whatever it shows (see the job's replyNote).
    const noted = job.replyNote ? withLeadingNote(payload, job.replyNote) : payload;
    const outcome = await editReply(deps.client, deps.interactionRest, location, noted, deps.uploadBuffers, options);
    if (outcome && location.replyMessageId !== outcome.messageId && outcome.via !== "direct-message") {
      location.replyMessageId = outcome.messageId;
      // Only a convenience for later edits: failing to record it must not turn a delivered result into a failure.
      await deps.jobs
        .setReplyMessageId(job.id, outcome.messageId)
        .catch((error: unknown) => log.warn({ err: error }, "could not record the reply's message id"));
    }
  };
  const editor = new ThrottledEditor(
    // Progress is only ever an edit (sent anew, by direct message or in the channel, each would be a new message); the result is not.
    // It carries the Cancel button: the job waits or runs.
    (text) => edit(textReply(text, cancel), { progress: true }),
    deps.config.PROGRESS_INTERVAL_MS,
    (error) => log.warn({ err: error }, "a progress edit failed"),
    // The deferred reply was just written: a job that finishes within one interval needs no progress edit at all.
    { lastEditAt: performance.now(), turns: deps.progressTurns },
  );
  let phase: JobPhase | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let closed = false;
  const render = () => phase && editor.show(progressText(header, phase, performance.now(), job.locale));

  return {
    phase(next) {
      if (closed) return;
      phase = next;
      ticker ??= setInterval(render, deps.config.PROGRESS_INTERVAL_MS);
      render();
    },
    submitted() {
      // Edits at fal come a quarter second after each whole interval: one due just as fal finishes would
      // otherwise race the news of it, and a job makes at most 2 + (time at fal) / interval requests.
      editor.restartInterval(completionMarginMs);
    },
    async delivered(result: FinishedJob) {
      const model = deps.catalog.require(job.modelId);
      const { locale } = job;
      let payload: ReplyLayout;
      if (model.kind === "vision") {
        // A Describe's result is words: its prompts, each with a Run button.
        const prompts = promptsOfDescribe(result.output, deps.catalog);
        const rows = [
          ...runButtons(job.ref, prompts.length, job.locale),
          ...resultButtons(job.ref, { canEdit: false, canDelete: !job.ephemeral && !job.tokenOnly, locale: job.locale }),
        ];
        payload = describeMessage(model, prompts, result, rows, locale);
      } else {
        // Where the bot is not a member, nothing that needs it in the channel (a contest, a server's asset) is offered.
        // The job as delivered: its buttons may depend on the images it shows.
        const extra = result.files.length > 0 && !job.tokenOnly ? await deps.extraButtons?.({ ...job, result: result.output }).catch(() => []) : [];
        // An asset is finished as it is: it carries its own buttons, not the actions that would make another picture.
        const asset = job.request.asset !== undefined;
        const rows = [
          // Deleting takes the bot token in the channel: not where the bot is not a member.
          ...resultButtons(job.ref, { canEdit: result.files.length > 0 && !asset, canDelete: !job.ephemeral && !job.tokenOnly, extra, locale: job.locale }),
          ...(asset ? [] : resultActionRows(job.ref, offeredPositions({ ...job, result: result.output }), result.files.length, job.locale)),
        ];
        payload = resultMessage(model, job.request, result, rows, locale);
      }
      await edit(payload).catch((error: unknown) => {
        throw isRequestTooLarge(error) ? new UploadTooLarge("Discord refused the result's upload as too large", { cause: error }) : error;
      });
    },
    async alreadyDelivered() {
      // Every result carries its Re-roll button, and nothing else the bot writes in a reply does.
      const resultButton = jobButtonId("reroll", job.ref);
      const reply = await readReply(deps.client, deps.interactionRest, location);
      return (reply?.components ?? []).some(
        (row) => "components" in row && row.components.some((component) => "custom_id" in component && component.custom_id === resultButton),
      );
    },
    async failed(failure) {
      await edit(textReply(failureText(failure, job.ref, job.locale), retryable.has(failure.kind) ? retryButtons(job.ref, job.locale) : [], FAILURE_COLOUR));
    },
    async close() {
      closed = true;
      clearInterval(ticker);
      await editor.close();
    },
  };
}
