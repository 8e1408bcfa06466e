// Injected failures, queued by failNext() and handed out one per submit, in order.
import type { Failure } from "./types.js";
import type { FalFieldError } from "./validation.js";

export interface PendingFailure {
  failure: Failure;
  endpoint?: string;
  /** Submit attempts this failure still applies to (only "busy" spans more than one). */
  remaining: number;
}

/** Failures answered at submit time; the others ride along with the job. */
export function isSubmitFailure(failure: Failure): boolean {
  if (failure.kind === "validation") return failure.when !== "result";
  return ["unauthorized", "busy", "slow-submit"].includes(failure.kind);
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

  add(failure: Failure, endpoint?: string): void {
    const remaining = failure.kind === "busy" ? Math.max(1, failure.times ?? 1) : 1;
    this.pending.push({ failure, remaining, ...(endpoint !== undefined ? { endpoint } : {}) });
  }

  /** The failure the next submit to `endpoint` gets, without consuming it. */
  peek(endpoint: string): PendingFailure | undefined {
    return this.pending.find((p) => p.endpoint === undefined || p.endpoint === endpoint);
  }

  consume(entry: PendingFailure): void {
    entry.remaining -= 1;
    if (entry.remaining > 0) return;
    const index = this.pending.indexOf(entry);
    if (index >= 0) this.pending.splice(index, 1);
  }
}
