// Drives jobs through their states, writing each transition to the store before the next side effect,
// so that a restart resumes every job where it stopped: never submitted twice, never delivered twice.
import type { FalClient } from "../fal/client.js";
import { submit } from "../fal/queue.js";
import type { Logger } from "../log.js";
import type { BufferPool } from "../media/buffer-pool.js";
import type { Catalog, NormalizedOutput } from "../models/index.js";
import type { JobRecord, JobRepository } from "./job.js";
import type { RunTimes } from "./eta.js";
import type { FairScheduler, Slot } from "./scheduler.js";
import { StartGate } from "./start-gate.js";
import {
  awaitResult,
  describeFailure,
  isInputDownloadFailure,
  prepareFiles,
  rehostInput,
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
  failed(failure: JobFailure): Promise<void>;
  /** Stops progress updates and waits for one in flight. */
  close(): Promise<void>;
}

export interface RunnerDeps {
  fal: FalClient;
  log: Logger;
  jobs: JobRepository;
  scheduler: FairScheduler;
  /** Limits how many finished jobs hold their images in memory at once (download, fit, upload). */
  deliveries: FairScheduler;
  /** Memory for the results' images, reused from one delivery to the next. */
  imageBuffers: BufferPool;
  catalog: Catalog;
  runTimes: RunTimes;
  timeoutMs: number;
  uploadInputs: boolean;
  reporterFor(job: JobRecord): JobReporter;
  now?: () => number;
}

class Shutdown extends Error {
  constructor() {
    super("the bot is shutting down");
  }
}

export class JobRunner {
  private readonly running = new Map<number, { stop: AbortController; done: Promise<void> }>();
  private stopping = false;
  /**
   * Acknowledgements go first; job starts follow, a few per event-loop turn, once for 20 ms no interaction came
   * and no acknowledgement was answered (under a stream of interactions, one per turn after 2 s).
   */
  private readonly starts = new StartGate({ perTurn: 4, maxHoldMs: 2000, quietMs: 20 });

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
    // After shutdown began nothing would abort it; the job stays accepted and is reported at the next start.
    if (this.stopping || this.running.has(job.id)) return;
    const stop = new AbortController();
    const done = this.drive(job, stop.signal)
      .catch((error: unknown) => this.deps.log.error({ err: error, job: job.ref }, "a job's runner failed"))
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, { stop, done });
  }

  /**
   * At start-up: resumes the jobs left unfinished by the last run (read before this run took any work, so a
   * job admitted meanwhile is never mistaken for one); one that never reached fal is reported as interrupted.
   */
  async recover(leftOver: readonly JobRecord[]): Promise<number> {
    for (const job of leftOver) {
      this.deps.log.info({ job: job.ref, state: job.state }, "recovering a job");
      try {
        if (job.state === "accepted") await this.interrupted(job);
        else this.start(job);
      } catch (error) {
        this.deps.log.error({ err: error, job: job.ref }, "could not recover a job");
      }
    }
    return leftOver.length;
  }

  /** Stops watching every job (they stay persisted and resume at the next start) and waits for them to settle. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const { stop } of this.running.values()) stop.abort(new Shutdown());
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  private async interrupted(job: JobRecord): Promise<void> {
    const failure: JobFailure = { kind: "interrupted" };
    if (!(await this.deps.jobs.markFailed(job.id, failure))) return;
    const reporter = this.deps.reporterFor(job);
    await reporter.failed(failure).catch((error: unknown) =>
      this.deps.log.warn({ err: error, job: job.ref }, "could not tell the user their job was interrupted"),
    );
  }

  private async drive(initial: JobRecord, stop: AbortSignal): Promise<void> {
    // Nothing of the job's own, not even its logger and reporter, is built while acknowledgements pour in.
    await this.starts.pass();
    const { deps } = this;
    const now = deps.now ?? Date.now;
    const model = deps.catalog.require(initial.modelId);
    const log = deps.log.child({ job: initial.ref, model: model.id });
    const reporter = deps.reporterFor(initial);
    let job = initial;
    const refresh = async () => {
      job = (await deps.jobs.get(job.id)) ?? job;
    };
    let slot: Slot | undefined;
    try {
      if (job.state !== "completed") {
        // A slot is held while the job is at fal; members take turns for free slots.
        slot = await deps.scheduler.acquire({
          key: `${job.guildId ?? "dm"}:${job.requesterId}`,
          signal: stop,
          onPosition: (position) => position > 0 && reporter.phase({ phase: "waiting", position }),
        });
        reporter.phase({ phase: "queued" });
      }
      if (job.state === "accepted") {
        const input = deps.uploadInputs ? await rehostInput(deps.fal, model, job.input) : job.input;
        // Not abortable: a submit that reached fal must have its request id recorded, even during shutdown.
        const requestId = await submit(deps.fal, model.endpoint, input);
        const marked = await deps.jobs.markSubmitted(job.id, requestId, input, job.replyMessageId);
        reporter.submitted();
        log.info({ requestId }, "submitted to fal");
        if (marked) job = { ...job, state: "submitted", requestId, input, submittedAt: now() };
        else {
          log.warn({ requestId }, "the job changed state while it was being submitted");
          await refresh();
        }
      }
      let rehosted = deps.uploadInputs;
      while (job.state === "submitted" || job.state === "running") {
        const requestId = job.requestId!;
        try {
          const raw = await awaitResult(model, requestId, {
            fal: deps.fal,
            log,
            runTimes: deps.runTimes,
            timeoutMs: deps.timeoutMs - (now() - (job.submittedAt ?? now())),
            signal: stop,
            onPhase: (phase) => reporter.phase(phase),
            onRunning: () =>
              void deps.jobs.markRunning(job.id).catch((error: unknown) => log.warn({ err: error }, "could not record the running state")),
          });
          const output = model.normalizeOutput(raw);
          const cost = model.estimateCost(job.input, output).usd;
          const marked = await deps.jobs.markCompleted(job.id, output, cost, output.images.length);
          if (marked) job = { ...job, state: "completed", result: output, costFinal: cost, completedAt: now() };
          else await refresh();
        } catch (error) {
          if (stop.aborted || rehosted || !isInputDownloadFailure(error)) throw error;
          log.warn({ requestId }, "fal could not fetch an input image; re-hosting on fal storage and retrying once");
          const input = await rehostInput(deps.fal, model, job.input);
          rehosted = true;
          const retryId = await submit(deps.fal, model.endpoint, input);
          await deps.jobs.markResubmitted(job.id, retryId, input);
          reporter.submitted();
          log.info({ requestId: retryId }, "submitted to fal again with re-hosted images");
          await refresh();
        }
      }
      slot?.release();
      // No progress edits while the result waits for its delivery: the next edit is the result.
      await reporter.close();
      if (job.state !== "completed" || !job.result) return;
      const delivery = await deps.deliveries.acquire({ key: `${job.guildId ?? "dm"}:${job.requesterId}`, signal: stop });
      let shown: { images: number; withheld: number };
      let files: PreparedFiles | undefined;
      try {
        files = await prepareFiles(model, job.ref, job.result, {
          uploadLimitBytes: job.uploadLimit,
          flagged: job.channelNsfw ? "show" : (job.nsfwPolicy ?? "withhold"),
          buffers: deps.imageBuffers,
        });
        if (stop.aborted) throw stop.reason;
        await reporter.delivered({ ...files, output: job.result, elapsedMs: now() - job.createdAt });
        shown = { images: files.files.length, withheld: files.withheld.length };
      } finally {
        // Sent (or given up): the images' memory serves the next results.
        for (const file of files?.files ?? []) deps.imageBuffers.give(file.bytes);
        delivery.release();
      }
      await deps.jobs.markDelivered(job.id);
      log.info({ ...shown, ms: now() - job.createdAt }, "delivered");
    } catch (error) {
      await reporter.close();
      if (stop.aborted && stop.reason instanceof Shutdown) {
        log.info({ state: job.state }, "left for the next start");
        return;
      }
      const failure = describeFailure(error, log);
      const marked =
        failure.kind === "timeout" ? await deps.jobs.markCancelled(job.id, failure) : await deps.jobs.markFailed(job.id, failure);
      if (!marked) return;
      await reporter.failed(failure);
    } finally {
      slot?.release();
    }
  }
}
