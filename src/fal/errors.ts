// What went wrong at fal, in categories the bot can act on and explain.
import { ApiError, ValidationError } from "@fal-ai/client";

export interface FieldProblem {
  field: string;
  message: string;
  type: string;
  input?: unknown;
}

export type FalFailure =
  | { kind: "invalid-input"; fields: FieldProblem[] }
  | { kind: "input-download"; urls: string[] }
  | { kind: "content-policy"; message: string }
  | { kind: "unauthorized"; status: number }
  /** 403: fal refuses the account (locked, say because its balance ran out); `detail` is fal's reason, for the log. */
  | { kind: "forbidden"; status: number; detail: string }
  | { kind: "busy"; status: number }
  /** fal itself failed (a 5xx it does not retry) before the model ran. */
  | { kind: "fal-error"; status: number }
  /** fal answered with a body that is not JSON; at submit fal may have the job, and nothing can find it. */
  | { kind: "unreadable"; stage: "submit" | "result" }
  | { kind: "model-error"; status: number; message: string }
  | { kind: "network"; message: string }
  | { kind: "unknown"; message: string };

/** The statuses fal's client retries itself, fal's way of saying "busy, come back later". */
const busyStatuses = [429, 502, 503, 504];
const downloadErrorTypes = new Set(["file_download_error", "image_load_error"]);
const contentPolicyTypes = new Set(["content_policy_violation"]);

function fieldName(loc: readonly (string | number)[]): string {
  const path = loc[0] === "body" ? loc.slice(1) : loc;
  return path.length ? path.join(".") : "input";
}

function fieldProblems(error: ValidationError): FieldProblem[] {
  return error.fieldErrors.map((detail) => ({
    field: fieldName(detail.loc),
    message: detail.msg,
    type: detail.type,
    input: (detail as { input?: unknown }).input,
  }));
}

/** A submit that did not come back with a request id; `cause` is what fal's client threw. */
export class SubmitFailed extends Error {
  constructor(cause: unknown) {
    super(`submitting to fal failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "SubmitFailed";
  }
}

/** fal's `detail` of an error answer, when it is a sentence. */
function detailOf(error: ApiError<unknown>): string {
  const body: unknown = error.body;
  const detail = typeof body === "object" && body !== null && "detail" in body ? body.detail : undefined;
  return typeof detail === "string" ? detail : error.message;
}

export function classifyFalError(error: unknown): FalFailure {
  if (error instanceof SubmitFailed) {
    const { cause } = error;
    if (cause instanceof SyntaxError) return { kind: "unreadable", stage: "submit" };
    // The model never ran: a 5xx here is fal's own (the ones it asks to retry are "busy" below).
    if (cause instanceof ApiError && cause.status >= 500 && !busyStatuses.includes(cause.status)) {
      return { kind: "fal-error", status: cause.status };
    }
    return classifyFalError(cause);
  }
  if (error instanceof SyntaxError) return { kind: "unreadable", stage: "result" };
  if (error instanceof ValidationError) {
    const fields = fieldProblems(error);
    const downloads = fields.filter((f) => downloadErrorTypes.has(f.type));
    if (downloads.length) return { kind: "input-download", urls: downloads.map((f) => String(f.input ?? "")).filter(Boolean) };
    const policy = fields.find((f) => contentPolicyTypes.has(f.type));
    if (policy) return { kind: "content-policy", message: policy.message };
    return { kind: "invalid-input", fields };
  }
  if (error instanceof ApiError) {
    if (error.status === 401) return { kind: "unauthorized", status: error.status };
    if (error.status === 403) return { kind: "forbidden", status: error.status, detail: detailOf(error) };
    if (busyStatuses.includes(error.status)) return { kind: "busy", status: error.status };
    return { kind: "model-error", status: error.status, message: error.message };
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return { kind: "network", message: error.message };
  return { kind: "unknown", message: error instanceof Error ? error.message : String(error) };
}
