// The queue and each job's lifecycle: IN_QUEUE (positions counting down) → IN_PROGRESS (log lines) → COMPLETED.
// fal has no FAILED status: a failed run is COMPLETED and its error is what the result answers.
// Like fal, the account runs at most `accountLimit` requests at once; the others wait IN_QUEUE in one line, first
// come first served, their queue_position counting the requests ahead of them.
import { epochNow } from "./clock.js";
import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { FakeFalJob, FalResultReply, Failure } from "./types.js";

/** Runs the model for a job: fetches inputs, renders outputs; resolves with what the result will answer. */
export type RunModel = (job: FakeFalJob, signal: AbortSignal) => Promise<FalResultReply>;

export interface QueueSettings {
  queueMs: () => number;
  runMs: () => number;
  logLines: number;
  /** Requests of the account dispatched (past the line, running or about to) at once. */
  accountLimit: number;
}

const INITIAL_QUEUE_POSITION = 2;
const QUEUE_HOST = "https://queue.fal.run";

interface Runtime {
  timers: Set<NodeJS.Timeout>;
  listeners: Set<() => void>;
  abort: AbortController;
  reply?: FalResultReply;
  timeUp: boolean;
}

export class JobQueue {
  readonly jobs = new Map<string, FakeFalJob>();
  private readonly runtimes = new Map<string, Runtime>();
  /** Requests waiting for one of the account's slots, first come first served. */
  private readonly line: FakeFalJob[] = [];
  /** Requests holding one of the account's slots (from dispatch to completion). */
  private dispatched = 0;

  constructor(
    private readonly settings: QueueSettings,
    private readonly events: EventEmitter,
    private readonly runModel: RunModel,
  ) {}

  submit(endpoint: string, input: Record<string, unknown>, params: Record<string, unknown>, failure?: Failure, webhookUrl?: string): FakeFalJob {
    const job: FakeFalJob = {
      requestId: randomUUID(),
      endpoint,
      app: endpoint.split("/").slice(0, 2).join("/"),
      input,
      ...(webhookUrl ? { webhookUrl } : {}),
      params,
      state: "IN_QUEUE",
      queuePosition: 0,
      submittedAt: epochNow(),
      cancelled: false,
      logs: [],
      inputFetches: [],
      resultFetches: 0,
      faultsAnswered: 0,
      ...(failure ? { failure } : {}),
    };
    const runtime: Runtime = { timers: new Set(), listeners: new Set(), abort: new AbortController(), timeUp: false };
    this.jobs.set(job.requestId, job);
    this.runtimes.set(job.requestId, runtime);
    this.line.push(job);
    this.events.emit("submitted", { requestId: job.requestId, endpoint, at: job.submittedAt });
    this.dispatchWaiting();
    return job;
  }

  /** Jobs waiting for one of the account's slots. */
  get waiting(): number {
    return this.line.length;
  }

  /** Dispatches from the line while the account has slots, then tells the rest their new places. */
  private dispatchWaiting(): void {
    while (this.dispatched < this.settings.accountLimit && this.line.length > 0) {
      const job = this.line.shift()!;
      const runtime = this.runtimes.get(job.requestId);
      if (runtime) this.dispatch(job, runtime);
    }
    this.line.forEach((job, ahead) => {
      const position = INITIAL_QUEUE_POSITION + 1 + ahead;
      if (job.queuePosition === position) return;
      job.queuePosition = position;
      this.notify(job);
    });
  }

  /** Takes one of the account's slots: queue positions count down over queueMs, then the job runs. */
  private dispatch(job: FakeFalJob, runtime: Runtime): void {
    this.dispatched++;
    job.dispatched = true;
    const queueMs = Math.max(0, this.settings.queueMs());
    const positions = queueMs > 0 ? INITIAL_QUEUE_POSITION : 0;
    job.queuePosition = positions;
    for (let step = 1; step <= positions; step++) {
      this.after(runtime, (queueMs * step) / (positions + 1), () => {
        job.queuePosition = positions - step;
        this.notify(job);
      });
    }
    this.after(runtime, queueMs, () => this.start(job, runtime));
  }

  urls(job: FakeFalJob): { response_url: string; status_url: string; cancel_url: string } {
    const base = `${QUEUE_HOST}/${job.app}/requests/${job.requestId}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  /** The status payload; `fromLog` limits logs to the ones after that index (the stream sends only new lines). */
  status(job: FakeFalJob, logs: boolean, fromLog = 0): Record<string, unknown> {
    const base = { status: job.state, request_id: job.requestId, ...this.urls(job) };
    const logPart = logs ? { logs: job.logs.slice(fromLog) } : {};
    switch (job.state) {
      case "IN_QUEUE":
        return { ...base, queue_position: job.queuePosition };
      case "IN_PROGRESS":
        return { ...base, ...logPart };
      case "COMPLETED": {
        const { startedAt, completedAt } = job;
        const inferenceTime = startedAt !== undefined && completedAt !== undefined ? (completedAt - startedAt) / 1000 : 0;
        return { ...base, ...logPart, metrics: { inference_time: inferenceTime } };
      }
    }
  }

  /** Calls `listener` after every change of the job (position, start, log line, completion). */
  subscribe(job: FakeFalJob, listener: () => void): () => void {
    const runtime = this.runtimes.get(job.requestId);
    runtime?.listeners.add(listener);
    return () => runtime?.listeners.delete(listener);
  }

  /** Returns false when the job had already completed. */
  cancel(job: FakeFalJob): boolean {
    if (job.state === "COMPLETED") return false;
    job.cancelled = true;
    this.complete(job, { status: 400, body: { detail: "Request was cancelled" } });
    this.events.emit("cancelled", { requestId: job.requestId, at: job.completedAt });
    return true;
  }

  close(): void {
    for (const runtime of this.runtimes.values()) this.stop(runtime);
  }

  private start(job: FakeFalJob, runtime: Runtime): void {
    job.state = "IN_PROGRESS";
    job.queuePosition = 0;
    job.startedAt = epochNow();
    this.events.emit("started", { requestId: job.requestId, at: job.startedAt });
    const runMs = Math.max(0, this.settings.runMs());
    const lines = Math.max(0, this.settings.logLines);
    this.log(job, 0, lines);
    this.notify(job);
    for (let i = 1; i < lines; i++) {
      this.after(runtime, (runMs * i) / lines, () => {
        this.log(job, i, lines);
        this.notify(job);
      });
    }
    if (job.failure?.kind !== "never-finish") {
      this.after(runtime, runMs, () => {
        runtime.timeUp = true;
        this.maybeComplete(job, runtime);
      });
    }
    this.runModel(job, runtime.abort.signal)
      .catch((error: unknown): FalResultReply => ({
        status: 500,
        body: { detail: `Internal server error: ${error instanceof Error ? error.message : String(error)}` },
      }))
      .then((reply) => {
        runtime.reply = reply;
        this.maybeComplete(job, runtime);
      });
  }

  private maybeComplete(job: FakeFalJob, runtime: Runtime): void {
    const { reply } = runtime;
    if (job.state !== "IN_PROGRESS" || !reply || job.failure?.kind === "never-finish") return;
    // A failed run (say, an input that could not be downloaded) completes at once, like fal.
    if (runtime.timeUp || reply.status !== 200) this.complete(job, reply);
  }

  private complete(job: FakeFalJob, reply: FalResultReply): void {
    const runtime = this.runtimes.get(job.requestId);
    const waitingAt = this.line.indexOf(job);
    if (waitingAt >= 0) this.line.splice(waitingAt, 1);
    job.state = "COMPLETED";
    job.completedAt = epochNow();
    job.result = reply;
    if (runtime) this.stop(runtime);
    if (!job.cancelled) this.events.emit("completed", { requestId: job.requestId, at: job.completedAt });
    this.notify(job);
    this.runtimes.delete(job.requestId);
    if (job.dispatched) this.dispatched--;
    this.dispatchWaiting();
  }

  private log(job: FakeFalJob, index: number, total: number): void {
    if (index >= total || job.state !== "IN_PROGRESS") return;
    job.logs.push({
      message: `Generating (${index + 1}/${total})`,
      level: "INFO",
      source: "USER",
      timestamp: new Date().toISOString(),
    });
  }

  private notify(job: FakeFalJob): void {
    const runtime = this.runtimes.get(job.requestId);
    for (const listener of [...(runtime?.listeners ?? [])]) listener();
  }

  private after(runtime: Runtime, ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      runtime.timers.delete(timer);
      fn();
    }, ms);
    runtime.timers.add(timer);
  }

  private stop(runtime: Runtime): void {
    for (const timer of runtime.timers) clearTimeout(timer);
    runtime.timers.clear();
    runtime.abort.abort();
  }
}
