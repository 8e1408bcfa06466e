// Injected failures, queued by failNext() and handed out one per submit, in order.
import type { Failure, FakeFalJob, FalFaultRoute } from "./types.js";
import type { FalFieldError } from "./validation.js";

export interface PendingFailure {
  failure: Failure;
  endpoint?: string;
  /** Only a submit whose body this accepts (say, one prompt) gets the failure. */
  input?: (body: unknown) => boolean;
  /** Submit attempts this failure still applies to (only "busy" and a submit http-error span more than one). */
  remaining: number;
}

/** Failures answered at submit time; the others ride along with the job. */
export function isSubmitFailure(failure: Failure): boolean {
  if (failure.kind === "validation") return failure.when !== "result";
  if (failure.kind === "http-error") return failure.route === "submit";
  return ["unauthorized", "forbidden", "busy", "slow-submit"].includes(failure.kind);
}

/** A body cut off mid-object, served as JSON. */
export const MALFORMED_JSON = '{"status": "IN_QUEUE", "request_';

/**
 * The fault the job's next request on `route` gets, counted as answered: an HTTP error or a garbled body, while
 * the injected failure still has `times` left.
 */
export function faultFor(job: FakeFalJob, route: FalFaultRoute): { status: number } | { malformed: true } | undefined {
  const { failure } = job;
  if (failure?.kind !== "http-error" && failure?.kind !== "malformed-json") return undefined;
  if (failure.route !== route || job.faultsAnswered >= (failure.times ?? 1)) return undefined;
  job.faultsAnswered += 1;
  return failure.kind === "http-error" ? { status: failure.status } : { malformed: true };
}

/** The 422 detail of an injected validation failure; `input` is the submitted body. */
export function validationDetail(failure: Extract<Failure, { kind: "validation" }>, input: unknown): FalFieldError[] {
  const field = failure.field ?? "prompt";
  const value = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>)[field] : undefined;
  return [
    {
      loc: ["body", field],
      msg: failure.msg ?? "Value error, the input was rejected",
      type: failure.type ?? "value_error",
      input: value,
    },
  ];
}

export class FailureQueue {
  private readonly pending: PendingFailure[] = [];

  add(failure: Failure, endpoint?: string, input?: (body: unknown) => boolean): void {
    // A fault on status or result counts its `times` on the one job it rides with.
    const spans = failure.kind === "busy" || (failure.kind === "http-error" && failure.route === "submit");
    const remaining = spans ? Math.max(1, failure.times ?? 1) : 1;
    this.pending.push({ failure, remaining, ...(endpoint !== undefined ? { endpoint } : {}), ...(input ? { input } : {}) });
  }

  /** The failure the next submit to `endpoint` with this body gets, without consuming it. */
  peek(endpoint: string, body: unknown): PendingFailure | undefined {
    return this.pending.find((p) => (p.endpoint === undefined || p.endpoint === endpoint) && (p.input === undefined || p.input(body)));
  }

  consume(entry: PendingFailure): void {
    entry.remaining -= 1;
    if (entry.remaining > 0) return;
    const index = this.pending.indexOf(entry);
    if (index >= 0) this.pending.splice(index, 1);
  }
}
