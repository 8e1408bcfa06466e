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
  | { kind: "busy"; status: number }
  | { kind: "model-error"; status: number; message: string }
  | { kind: "network"; message: string }
  | { kind: "unknown"; message: string };

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

export function classifyFalError(error: unknown): FalFailure {
  if (error instanceof ValidationError) {
    const fields = fieldProblems(error);
    const downloads = fields.filter((f) => downloadErrorTypes.has(f.type));
    if (downloads.length) return { kind: "input-download", urls: downloads.map((f) => String(f.input ?? "")).filter(Boolean) };
    const policy = fields.find((f) => contentPolicyTypes.has(f.type));
    if (policy) return { kind: "content-policy", message: policy.message };
    return { kind: "invalid-input", fields };
  }
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return { kind: "unauthorized", status: error.status };
    if ([429, 502, 503, 504].includes(error.status)) return { kind: "busy", status: error.status };
    return { kind: "model-error", status: error.status, message: error.message };
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return { kind: "network", message: error.message };
  return { kind: "unknown", message: error instanceof Error ? error.message : String(error) };
}
