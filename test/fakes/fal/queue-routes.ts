// The queue API over HTTP: submit, status, status stream (SSE), result and cancel.
import { type FailureQueue, faultFor, isSubmitFailure, MALFORMED_JSON, validationDetail } from "./failures.js";
import { type Exchange, readBody } from "./http.js";
import type { JobQueue } from "./queue.js";
import { falEndpointSchemas, isFalEndpoint } from "./schemas.js";
import type { Failure, FakeFalJob } from "./types.js";
import { parseJsonBody, validateInput } from "./validation.js";

const SUBMIT_BODY_LIMIT = 10 * 1024 * 1024;

const LOCKED = "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.";

const httpErrorDetail: Record<number, string> = {
  429: "Too many requests, please retry later",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service temporarily unavailable, please retry",
  504: "Gateway timeout",
};

/** An injected fault's answer: the HTTP error with a JSON detail, or a 200 whose JSON body is cut off. */
function answerFault(ex: Exchange, fault: { status: number } | { malformed: true }, headers: Record<string, string> = {}): void {
  if ("status" in fault) return ex.json(fault.status, { detail: httpErrorDetail[fault.status] ?? `HTTP ${fault.status}` }, headers);
  ex.head(200, { "content-type": "application/json", "content-length": Buffer.byteLength(MALFORMED_JSON), ...headers });
  ex.res.end(MALFORMED_JSON);
}

export class QueueRoutes {
  private readonly openStreams = new Set<() => void>();
  private readonly holds = new Set<NodeJS.Timeout>();

  constructor(
    private readonly queue: JobQueue,
    private readonly failures: FailureQueue,
  ) {}

  /** `webhookUrl`: the submit's `fal_webhook` query parameter, where the job's callback goes once it completes. */
  async submit(ex: Exchange, endpoint: string, webhookUrl?: string): Promise<void> {
    const raw = await readBody(ex.req, SUBMIT_BODY_LIMIT);
    const parsed = parseJsonBody(raw.data);
    if (parsed.ok) ex.body = parsed.value;
    if (!isFalEndpoint(endpoint)) return ex.json(404, { detail: "Not Found" });
    if (raw.tooLarge) return ex.json(413, { detail: "Request body too large" });

    // One injected failure per submit: answered here, or carried by the job when the input is valid.
    const pending = this.failures.peek(endpoint, parsed.ok ? parsed.value : undefined);
    if (pending && isSubmitFailure(pending.failure)) {
      this.failures.consume(pending);
      const { failure } = pending;
      switch (failure.kind) {
        case "unauthorized":
          return ex.json(401, { detail: "No user found for Key ID and Secret" });
        case "forbidden":
          return ex.json(403, { detail: failure.detail ?? LOCKED });
        case "http-error":
          return answerFault(ex, { status: failure.status });
        case "busy":
          return ex.json(503, { detail: "Service temporarily unavailable, please retry" });
        case "validation":
          return ex.json(422, { detail: validationDetail(failure, parsed.ok ? parsed.value : undefined) });
        case "slow-submit":
          await this.hold(failure.ms);
          break;
      }
    }

    if (!parsed.ok) return ex.json(422, { detail: parsed.detail });
    const checked = validateInput(falEndpointSchemas[endpoint], parsed.value);
    if (!checked.ok) return ex.json(422, { detail: checked.detail });
    let jobFailure: Failure | undefined;
    if (pending && !isSubmitFailure(pending.failure)) {
      this.failures.consume(pending);
      jobFailure = pending.failure;
    }
    const job = this.queue.submit(endpoint, parsed.value as Record<string, unknown>, checked.params, jobFailure, webhookUrl);
    ex.requestId = job.requestId;
    // fal took the job; only its answer is garbled on the way.
    const fault = faultFor(job, "submit");
    if (fault) return answerFault(ex, fault, { "x-fal-request-id": job.requestId });
    ex.json(
      200,
      { status: "IN_QUEUE", request_id: job.requestId, ...this.queue.urls(job), queue_position: job.queuePosition },
      { "x-fal-request-id": job.requestId },
    );
  }

  status(ex: Exchange, app: string, requestId: string, logs: boolean): void {
    const job = this.find(ex, app, requestId);
    if (!job) return;
    const fault = faultFor(job, "status");
    if (fault) return answerFault(ex, fault, { "x-fal-request-id": requestId });
    const code = job.state === "COMPLETED" ? 200 : 202;
    ex.json(code, this.queue.status(job, logs), { "x-fal-request-id": requestId });
  }

  /** One `data:` event per change; only new log lines in each; the response ends after COMPLETED (or breaks, when injected). */
  stream(ex: Exchange, app: string, requestId: string, logs: boolean): void {
    const job = this.find(ex, app, requestId);
    if (!job) return;
    const fault = faultFor(job, "status");
    if (fault && "status" in fault) return answerFault(ex, fault, { "x-fal-request-id": requestId });
    const { res } = ex;
    ex.head(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-fal-request-id": requestId,
    });
    let logsSent = 0;
    let last = "";
    const finish = (): void => {
      unsubscribe();
      this.openStreams.delete(finish);
      if (!res.writableEnded && !res.destroyed) res.end();
    };
    const send = (): void => {
      const payload = JSON.stringify(this.queue.status(job, logs, logsSent));
      logsSent = job.logs.length;
      const breaking = job.failure?.kind === "stream-break" && job.state !== "COMPLETED" ? (job.failure.how ?? "end") : undefined;
      // A reset drops the connection once this event is on the wire (writes are corked until the next tick).
      const written = breaking === "reset" ? () => res.destroy() : undefined;
      if (payload !== last && !res.writableEnded) res.write(`data: ${payload}\n\n`, written);
      last = payload;
      if (job.state === "COMPLETED" || breaking === "end") finish();
      else if (breaking === "reset") unsubscribe();
    };
    if (fault) {
      res.end(`data: ${MALFORMED_JSON}\n\n`);
      return;
    }
    const unsubscribe = this.queue.subscribe(job, send);
    this.openStreams.add(finish);
    res.on("close", finish);
    send();
  }

  result(ex: Exchange, app: string, requestId: string): void {
    const job = this.find(ex, app, requestId);
    if (!job) return;
    const headers = { "x-fal-request-id": requestId };
    if (job.state !== "COMPLETED" || !job.result) {
      return ex.json(400, { detail: "Request is still in progress" }, headers);
    }
    job.resultFetches += 1;
    const fault = faultFor(job, "result");
    if (fault) return answerFault(ex, fault, headers);
    const { failure } = job;
    if (failure?.kind === "server-error" && job.result.status === 200 && job.resultFetches <= (failure.times ?? Infinity)) {
      return ex.json(500, { detail: "Internal server error: the model crashed while processing the request" }, headers);
    }
    ex.json(job.result.status, job.result.body, headers);
  }

  cancel(ex: Exchange, app: string, requestId: string): void {
    const job = this.find(ex, app, requestId);
    if (!job) return;
    if (this.queue.cancel(job)) ex.json(202, { status: "CANCELLATION_REQUESTED" });
    else ex.json(400, { status: "ALREADY_COMPLETED" });
  }

  close(): void {
    for (const finish of [...this.openStreams]) finish();
    for (const timer of this.holds) clearTimeout(timer);
    this.holds.clear();
  }

  /** The job, if it exists under this app (the URL without the endpoint's sub-path); else answers 404. */
  private find(ex: Exchange, app: string, requestId: string): FakeFalJob | undefined {
    ex.requestId = requestId;
    ex.req.resume();
    const job = this.queue.jobs.get(requestId);
    if (!job || job.app !== app) {
      ex.json(404, { detail: "Request not found" });
      return undefined;
    }
    ex.endpoint = job.endpoint;
    return job;
  }

  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.holds.delete(timer);
        resolve();
      }, ms);
      this.holds.add(timer);
    });
  }
}
