// Drives jobs through their states, writing each transition to the store before the next side effect,
// so that a restart resumes every job where it stopped: never submitted twice, never delivered twice.
import type { FalClient } from "../fal/client.js";
import { submit } from "../fal/queue.js";
import type { Logger } from "../log.js";
import type { BufferPool } from "../media/buffer-pool.js";
import type { Download } from "../media/download.js";
import type { Catalog, ModelDefinition, NormalizedOutput } from "../models/index.js";
import type { JobRecord, JobRepository } from "./job.js";
import type { RunTimes } from "./eta.js";
import type { FalSlot, FalTurns } from "./fal-capacity.js";
import type { FalCallbacks } from "./fal-callbacks.js";
import { freshLink, withFreshLinks, type RefreshLinks } from "./fresh-links.js";
import { canvasInput } from "./canvas-input.js";
import { cutOutPicture, cutoutInput, cutoutModelFor } from "./cutout.js";
import { FairScheduler } from "./scheduler.js";
import { StartGate } from "./start-gate.js";
import {
  awaitResult,
  describeFailure,
  isInputDownloadFailure,
  JobCancelled,
  prepareFiles,
  refitSmaller,
  rehostInput,
  UploadTooLarge,
  type JobFailure,
  type JobPhase,
  type PreparedFiles,
} from "./steps.js";

/** How a job talks to its requester; the Discord side implements it. */
export interface JobReporter {
  phase(phase: JobPhase): void;
  /** The job reached fal: progress is paced from here, so a job's edits grow with its time at fal. */
  submitted(): void;
  delivered(result: PreparedFiles & { output: NormalizedOutput; elapsedMs: number }): Promise<void>;
  /** Whether the reply already shows this job's result (a delivery that reached Discord just before a crash). */
  alreadyDelivered(): Promise<boolean>;
  failed(failure: JobFailure): Promise<void>;
  /** Stops progress updates and waits for one in flight. */
  close(): Promise<void>;
}

/** What the runner tells the operators' metrics as it happens (implemented by ops/metrics.ts). */
export interface JobMetrics {
  /** A request's time at fal, from its submit to its result. */
  atFal(modelId: string, seconds: number): void;
  /** A job finished at fal with this cost. */
  charged(modelId: string, usd: number): void;
  /** From fal's result to the images in Discord. */
  delivered(seconds: number): void;
  ended(state: "delivered" | "failed" | "cancelled"): void;
}

export interface RunnerDeps {
  fal: FalClient;
  log: Logger;
  jobs: JobRepository;
  /** Members take turns for the jobs that may be at fal at once (in this process, or shared by all). */
  capacity: FalTurns;
  /** Limits how many finished jobs hold their images in memory at once (download, fit, upload). */
  deliveries: FairScheduler;
  /** Memory for the results' images, reused from one delivery to the next. */
  imageBuffers: BufferPool;
  /** Fetches results and input images, from the hosts the bot downloads from only. */
  download: Download;
  catalog: Catalog;
  runTimes: RunTimes;
  timeoutMs: number;
  /** How long a finished image may take to download from fal's CDN. */
  downloadTimeoutMs: number;
  uploadInputs: boolean;
  /** Fresh links for Discord attachment links about to expire. */
  refreshLinks: RefreshLinks;
  reporterFor(job: JobRecord): JobReporter;
  /**
   * fal's webhooks (FAL_WEBHOOK_URL): requests are submitted with `url`, and a job waits for its callback in
   * `callbacks` (with a status read every `sweepMs` in case it never comes) instead of streaming its status.
   */
  webhook?: { url: string; callbacks: FalCallbacks; sweepMs: number } | undefined;
  metrics?: JobMetrics;
  now?: () => number;
}

/** At most this many jobs can be in doubt after a crash (see JobRunner.submits). */
const submitsAtOnce = 2;

/** Why the runner stopped driving a job it leaves as it is, for the next start or for the process that took it over. */
class Shutdown extends Error {
  constructor(message = "the bot is shutting down") {
    super(message);
  }
}

export class JobRunner {
  private readonly running = new Map<number, { stop: AbortController; cancel: AbortController; done: Promise<void> }>();
  private stopping = false;
  /**
   * Acknowledgements go first; job starts follow, a few per event-loop turn, once for 20 ms no interaction came
   * and no acknowledgement was answered (under a stream of interactions, one per turn after 2 s).
   */
  private readonly starts = new StartGate({ perTurn: 4, maxHoldMs: 2000, quietMs: 20 });
  /**
   * Submits on their way to fal at once. A job whose submit is on its way when the process dies is in doubt after
   * the restart (fal may have it, nothing can find it), so this bounds how many members a crash can ask to retry;
   * members take turns here as for slots.
   */
  private readonly submits = new FairScheduler(submitsAtOnce);

  constructor(private readonly deps: RunnerDeps) {}

  /** False once shutdown began: new work must be turned away. */
  get accepting(): boolean {
    return !this.stopping;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** An interaction is being acknowledged: new jobs hold their fal work for a pause (see StartGate); call the result once answered. */
  acknowledging(): () => void {
    return this.starts.acknowledgement();
  }

  /** Runs (or resumes) a job in the background. */
  start(job: JobRecord): void {
    // After shutdown began nothing would abort it; the job stays as it is and resumes at the next start.
    if (this.stopping || this.running.has(job.id)) return;
    const stop = new AbortController();
    const cancel = new AbortController();
    const done = this.drive(job, stop.signal, cancel.signal)
      .catch(async (error: unknown) => {
        // Whatever broke, the job must not stay unfinished: it would count against its member until the next start.
        this.deps.log.error({ err: error, job: job.ref }, "a job's runner failed; the job ends as failed");
        await this.end(job, { kind: "unknown", message: "the job's runner failed" });
      })
      .catch((error: unknown) => this.deps.log.error({ err: error, job: job.ref }, "could not end a job whose runner failed"))
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, { stop, cancel, done });
  }

  /**
   * A member's cancel: a job still waiting leaves the queue, one at fal is cancelled there, and either ends as
   * cancelled with its reservation released. A job whose result fal had already made is delivered as usual. True
   * when the job ended as cancelled; false when it was not running here or was too far along.
   */
  async cancel(jobId: number, by: string): Promise<boolean> {
    const entry = this.running.get(jobId);
    if (!entry) return false;
    entry.cancel.abort(new JobCancelled(by));
    await entry.done;
    return (await this.deps.jobs.get(jobId))?.state === "cancelled";
  }

  /**
   * At start-up: resumes the jobs left unfinished by the last run, oldest first (read before this run took any
   * work, so a job admitted meanwhile is never mistaken for one). A job still in falcord's queue simply takes its
   * turn again; only one whose submit had begun without its request id coming back is in doubt (fal may be
   * making it, and nothing can find it there), so its member is told and may press Retry.
   */
  async recover(leftOver: readonly JobRecord[]): Promise<number> {
    for (const job of leftOver) {
      this.deps.log.info({ job: job.ref, state: job.state }, "recovering a job");
      try {
        if (job.state === "submitting" && job.step === 1 && (await this.deps.jobs.markCutoutAgain(job.id))) this.start({ ...job, state: "accepted" });
        else if (job.state === "submitting") await this.end(job, { kind: "interrupted" });
        else this.start(job);
      } catch (error) {
        this.deps.log.error({ err: error, job: job.ref }, "could not recover a job");
      }
    }
    return leftOver.length;
  }

  /**
   * Stops driving the jobs running here that are not among `owned`: another process took them over (this one missed
   * renewing their lease), and drives them from where the database says they are.
   */
  keepOnly(owned: ReadonlySet<number>): number[] {
    const lost = [...this.running.keys()].filter((id) => !owned.has(id));
    for (const id of lost) this.running.get(id)!.stop.abort(new Shutdown("another process took the job over"));
    return lost;
  }

  /** Stops watching every job (they stay persisted and resume at the next start) and waits for them to settle. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const { stop } of this.running.values()) stop.abort(new Shutdown());
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  /** Ends a job that never ran (or stopped running) as failed, its reservation released, and tells its member. */
  private async end(job: JobRecord, failure: JobFailure): Promise<void> {
    if (!(await this.deps.jobs.markFailed(job.id, failure))) return;
    this.deps.metrics?.ended("failed");
    try {
      await this.deps.reporterFor(job).failed(failure);
    } catch (error) {
      this.deps.log.warn({ err: error, job: job.ref, failure: failure.kind }, "could not tell the member their job failed");
    }
  }

  /**
   * Sends the job to fal, recording first that its submit has begun and then its request id: between the two
   * writes a restart cannot know whether fal has it. fal's client retries a submit itself (429, 502–504, a dropped
   * connection); those retries lie inside the window too. Undefined when the job changed state before it began.
   */
  /**
   * `recorded`: the input stored with the job, the one sent unless this is a background removal (step 1): the job keeps
   * its model's input, which Re-roll and Retry make the job again from.
   */
  private async submit(job: JobRecord, endpoint: string, input: Record<string, unknown>, memberKey: string, stop: AbortSignal, again = false) {
    const recorded = job.step === 1 ? job.input : input;
    const { jobs } = this.deps;
    const turn = await this.submits.acquire({ key: memberKey, signal: stop });
    try {
      if (!(await (again ? jobs.markResubmitting(job.id) : jobs.markSubmitting(job.id, job.replyMessageId)))) return undefined;
      // Not abortable: a submit that reached fal must have its request id recorded, even during shutdown.
      const webhookUrl = this.deps.webhook?.url;
      const requestId = await submit(this.deps.fal, endpoint, input, webhookUrl ? { webhookUrl } : {});
      const marked = await (again ? jobs.markResubmitted(job.id, requestId, recorded) : jobs.markSubmitted(job.id, requestId, recorded));
      return { requestId, marked };
    } finally {
      turn.release();
    }
  }

  /**
   * The input of a job's (first) request: Zoom out and Pan put the image on its canvas (made again when a restart found
   * the job here), from its source link refreshed; any other job's images go with their Discord links refreshed.
   */
  private async firstInput(job: JobRecord, model: ModelDefinition, signal: AbortSignal, log: Logger): Promise<Record<string, unknown>> {
    const { deps } = this;
    const { canvas } = job.request;
    if (canvas) {
      const source = await freshLink(canvas.source, deps.refreshLinks, log);
      return canvasInput(deps.fal, deps.download, model, job.input, { ...canvas, source }, { timeoutMs: deps.downloadTimeoutMs, signal });
    }
    const linked = await withFreshLinks(model, job.input, deps.refreshLinks, log);
    return deps.uploadInputs ? await rehostInput(deps.fal, deps.download, model, linked) : linked;
  }

  private async drive(initial: JobRecord, stop: AbortSignal, cancel: AbortSignal): Promise<void> {
    // Nothing of the job's own, not even its logger and reporter, is built while acknowledgements pour in.
    await this.starts.pass();
    const { deps } = this;
    const now = deps.now ?? Date.now;
    const model = deps.catalog.get(initial.modelId);
    if (!model) {
      deps.log.warn({ job: initial.ref, model: initial.modelId }, "the job's model is no longer in the catalog");
      await this.end(initial, { kind: "model-unavailable", modelId: initial.modelId });
      return;
    }
    const log = deps.log.child({ job: initial.ref, model: model.id });
    const reporter = deps.reporterFor(initial);
    let job = initial;
    const refresh = async () => {
      job = (await deps.jobs.get(job.id)) ?? job;
    };
    const memberKey = `${job.guildId ?? "dm"}:${job.requesterId}`;
    // Not this process's to submit or post any more: another took the job over while this one stalled (its lease ran
    // out), or the job ended meanwhile (a member's cancel).
    const leftToOtherProcess = async () => {
      log.warn({ state: job.state }, "this process no longer owns the job (another took it over, or it ended); leaving it");
      await reporter.close();
    };
    // Waiting for a turn ends at shutdown (the job stays for the next start) or at a member's cancel.
    const waiting = AbortSignal.any([stop, cancel]);
    let resultShown = false;
    let slot: FalSlot | undefined;
    try {
      // A slot is held while the job is at fal; members take turns for free slots. A job resumed at fal takes its
      // slot at once: fal is making it whatever falcord's queue holds.
      if (job.state === "accepted") {
        slot = await deps.capacity.acquire({
          jobId: job.id,
          key: memberKey,
          signal: waiting,
          onPosition: (position) => position > 0 && reporter.phase({ phase: "waiting", position }),
        });
      } else if (job.state !== "completed") slot = deps.capacity.occupy(memberKey, job.id);
      if (slot) reporter.phase({ phase: "queued" });
      // An asset without its background takes two requests at fal: the model's picture, then its cut-out.
      const cutout = cutoutModelFor(deps.catalog, model, job.request);
      let rehosted = deps.uploadInputs;
      for (;;) {
        const stepModel = job.step === 1 && cutout ? cutout : model;
        if (job.state === "accepted") {
          const input = job.step === 1 ? cutoutInput(stepModel, job) : await this.firstInput(job, model, waiting, log);
          const submitted = await this.submit(job, stepModel.endpoint, input, memberKey, waiting);
          if (!submitted) return await leftToOtherProcess();
          reporter.submitted();
          if (submitted.marked) {
            log.info({ requestId: submitted.requestId, step: job.step }, "submitted to fal");
            job = { ...job, state: "submitted", requestId: submitted.requestId, ...(job.step === 0 ? { input } : {}), submittedAt: now() };
          } else {
            log.warn({ requestId: submitted.requestId }, "the job changed state while it was being submitted");
            await refresh();
          }
        }
        while (job.state === "submitted" || job.state === "running") {
          const requestId = job.requestId!;
          try {
            const raw = await awaitResult(stepModel, requestId, {
              fal: deps.fal,
              log,
              runTimes: deps.runTimes,
              timeoutMs: deps.timeoutMs - (now() - (job.submittedAt ?? now())),
              signal: stop,
              cancel,
              onPhase: (phase) => {
                if (phase.phase === "queued") slot?.queued();
                if (phase.phase === "running") slot?.running();
                reporter.phase(phase);
              },
              onRunning: () =>
                void deps.jobs.markRunning(job.id).catch((error: unknown) => log.warn({ err: error }, "could not record the running state")),
              webhook: deps.webhook,
            });
            // fal ran it, whether or not a status said so (a quick job can go from queued to completed between polls).
            slot?.running();
            deps.metrics?.atFal(stepModel.id, (now() - (job.submittedAt ?? now())) / 1000);
            const output = stepModel.normalizeOutput(raw);
            const cost = stepModel.estimateCost(job.input, output).usd;
            // A picture to cut out: a model that answered in words only ends here, with its words.
            if (cutout && job.step === 0 && output.images.length > 0) {
              // The picture is made: its cut-out is submitted next, in the same slot.
              if (await deps.jobs.markStepDone(job.id, output, cost)) {
                job = { ...job, state: "accepted", step: 1, firstResult: output, firstCost: cost, requestId: null, submittedAt: null };
              } else await refresh();
              continue;
            }
            // The cut-out keeps the model's words about the picture; the job costs both requests.
            const result = job.firstResult ? cutOutPicture(output, job.firstResult) : output;
            const total = cost + (job.firstCost ?? 0);
            const marked = await deps.jobs.markCompleted(job.id, result, total, result.images.length);
            if (marked) {
              job = { ...job, state: "completed", result, costFinal: total, completedAt: now() };
              deps.metrics?.charged(model.id, total);
            } else await refresh();
          } catch (error) {
            if (stop.aborted || cancel.aborted || rehosted || !isInputDownloadFailure(error)) throw error;
            log.warn({ requestId }, "fal could not fetch an input image; re-hosting on fal storage and retrying once");
            const input = await rehostInput(deps.fal, deps.download, stepModel, job.step === 1 ? cutoutInput(stepModel, job) : job.input);
            rehosted = true;
            const again = await this.submit(job, stepModel.endpoint, input, memberKey, waiting, true);
            if (!again) return await leftToOtherProcess();
            reporter.submitted();
            log.info({ requestId: again.requestId }, "submitted to fal again with re-hosted images");
            await refresh();
          }
        }
        if (job.state !== "accepted") break;
      }
      slot?.release();
      // No progress edits while the result waits for its delivery: the next edit is the result.
      await reporter.close();
      if (job.state !== "completed" || !job.result) return;
      // Resumed after a restart with its result stored: the last run may have died between Discord taking the
      // result and the job being marked delivered. Unreadable, the reply is delivered again rather than lost.
      const shownBefore = initial.state === "completed" && (await reporter.alreadyDelivered().catch((error: unknown) => {
        log.warn({ err: error }, "could not read the reply to see whether the result is there; delivering it");
        return false;
      }));
      if (shownBefore) {
        if (await deps.jobs.markDelivered(job.id)) deps.metrics?.ended("delivered");
        log.info("the result was delivered before the restart");
        return;
      }
      const delivery = await deps.deliveries.acquire({ key: memberKey, signal: stop });
      let shown: { images: number; withheld: number };
      let files: PreparedFiles | undefined;
      try {
        files = await prepareFiles(model, job.ref, job.result, {
          uploadLimitBytes: job.uploadLimit,
          flagged: job.channelNsfw ? "show" : (job.nsfwPolicy ?? "withhold"),
          buffers: deps.imageBuffers,
          downloadTimeoutMs: deps.downloadTimeoutMs,
          download: deps.download,
          asset: job.request.asset,
        });
        if (stop.aborted) throw stop.reason;
        // The last moment before Discord has it: posted only while this process still owns the job.
        if (!(await deps.jobs.holdForDelivery(job.id))) return await leftToOtherProcess();
        const finished = { output: job.result, elapsedMs: now() - job.createdAt };
        const prepared = files;
        await reporter.delivered({ ...prepared, ...finished }).catch(async (error: unknown) => {
          if (!(error instanceof UploadTooLarge) || prepared.files.length === 0) throw error;
          log.warn({ err: error }, "Discord refused the result's images as too large; sending them once more, smaller");
          await reporter.delivered({ ...(await refitSmaller(prepared)), ...finished });
        });
        resultShown = true;
        shown = { images: files.files.length, withheld: files.withheld.length };
      } finally {
        // Sent (or given up): the images' memory serves the next results.
        for (const file of files?.files ?? []) deps.imageBuffers.give(file.bytes);
        delivery.release();
      }
      if (await deps.jobs.markDelivered(job.id)) {
        deps.metrics?.delivered((now() - (job.completedAt ?? now())) / 1000);
        deps.metrics?.ended("delivered");
      }
      log.info({ ...shown, ms: now() - job.createdAt }, "delivered");
    } catch (error) {
      await reporter.close();
      if (resultShown) {
        // The member has the result: a failure now (recording it) must not replace it with an error. The job
        // stays completed, and the next start finds the result in its reply.
        log.error({ err: error }, "the result was delivered, but recording that failed");
        return;
      }
      if (stop.aborted && stop.reason instanceof Shutdown) {
        log.info({ state: job.state }, "left for the next start");
        return;
      }
      const failure = describeFailure(error, log);
      const marked =
        failure.kind === "timeout" || failure.kind === "cancelled"
          ? await deps.jobs.markCancelled(job.id, failure)
          : await deps.jobs.markFailed(job.id, failure);
      if (!marked) return;
      deps.metrics?.ended(failure.kind === "timeout" || failure.kind === "cancelled" ? "cancelled" : "failed");
      await reporter.failed(failure);
    } finally {
      slot?.release();
    }
  }
}
