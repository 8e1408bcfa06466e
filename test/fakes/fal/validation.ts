// Validates a submit body and reports problems the way fal (FastAPI + pydantic v2) does:
// 422 {"detail":[{loc:["body",...], msg, type, input}]}, which @fal-ai/client turns into ValidationError.fieldErrors.
import type { z } from "zod";

export interface FalFieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export type ValidationResult =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; detail: FalFieldError[] };

type Issue = z.core.$ZodIssue;

/** FastAPI's answers to a missing or malformed JSON body. */
export function parseJsonBody(data: Buffer): { ok: true; value: unknown } | { ok: false; detail: FalFieldError[] } {
  if (data.length === 0) return { ok: false, detail: [{ loc: ["body"], msg: "Field required", type: "missing", input: null }] };
  try {
    return { ok: true, value: JSON.parse(data.toString("utf8")) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: [{ loc: ["body", 0], msg: "JSON decode error", type: "json_invalid", ctx: { error: message } }] };
  }
}
type Path = readonly PropertyKey[];

export function validateInput(schema: z.ZodType, body: unknown): ValidationResult {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  return { ok: false, detail: parsed.error.issues.flatMap((issue) => toFieldErrors(issue, [], body)) };
}

function toFieldErrors(issue: Issue, prefix: Path, body: unknown): FalFieldError[] {
  const path = [...prefix, ...issue.path];
  const loc: (string | number)[] = ["body", ...path.map((p) => (typeof p === "number" ? p : String(p)))];
  const error = (type: string, msg: string, ctx?: Record<string, unknown>): FalFieldError[] => [
    { loc, msg, type, input: issue.input, ...(ctx ? { ctx } : {}) },
  ];

  if (isMissing(body, path)) {
    return [{ loc, msg: "Field required", type: "missing", input: valueAt(body, path.slice(0, -1)) }];
  }
  switch (issue.code) {
    case "invalid_type":
      return error(...typeError(issue.expected, issue.input));
    case "invalid_value": {
      const expected = orList(issue.values.map((v) => `'${String(v)}'`));
      return error("literal_error", `Input should be ${expected}`, { expected });
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        loc: [...loc, key],
        msg: "Extra inputs are not permitted",
        type: "extra_forbidden",
        input: valueAt(body, [...path, key]),
      }));
    case "too_small":
      return error(...boundError("min", issue.origin, Number(issue.minimum), issue.inclusive ?? true, issue.input));
    case "too_big":
      return error(...boundError("max", issue.origin, Number(issue.maximum), issue.inclusive ?? true, issue.input));
    case "invalid_union":
      return bestUnionBranch(issue.errors).flatMap((sub) => toFieldErrors(sub, path, body));
    default:
      return error("value_error", issue.message);
  }
}

function typeError(expected: string, input: unknown): [string, string] {
  switch (expected) {
    case "string":
      return ["string_type", "Input should be a valid string"];
    case "int":
      return typeof input === "number"
        ? ["int_from_float", "Input should be a valid integer, got a number with a fractional part"]
        : ["int_type", "Input should be a valid integer"];
    case "number":
      return ["float_type", "Input should be a valid number"];
    case "boolean":
      return ["bool_type", "Input should be a valid boolean"];
    case "array":
      return ["list_type", "Input should be a valid list"];
    case "object":
      return ["model_attributes_type", "Input should be a valid dictionary or object to extract fields from"];
    default:
      return ["value_error", `Input should be a valid ${expected}`];
  }
}

function boundError(
  side: "min" | "max",
  origin: string,
  limit: number,
  inclusive: boolean,
  input: unknown,
): [string, string, Record<string, unknown>] {
  if (origin === "string") {
    return side === "min"
      ? ["string_too_short", `String should have at least ${limit} character${limit === 1 ? "" : "s"}`, { min_length: limit }]
      : ["string_too_long", `String should have at most ${limit} character${limit === 1 ? "" : "s"}`, { max_length: limit }];
  }
  if (origin === "array") {
    const actual = Array.isArray(input) ? input.length : 0;
    return side === "min"
      ? ["too_short", `List should have at least ${limit} item${limit === 1 ? "" : "s"} after validation, not ${actual}`, { min_length: limit, actual_length: actual }]
      : ["too_long", `List should have at most ${limit} item${limit === 1 ? "" : "s"} after validation, not ${actual}`, { max_length: limit, actual_length: actual }];
  }
  if (side === "min") {
    return inclusive
      ? ["greater_than_equal", `Input should be greater than or equal to ${limit}`, { ge: limit }]
      : ["greater_than", `Input should be greater than ${limit}`, { gt: limit }];
  }
  return inclusive
    ? ["less_than_equal", `Input should be less than or equal to ${limit}`, { le: limit }]
    : ["less_than", `Input should be less than ${limit}`, { lt: limit }];
}

/** Of a union's failed branches, report the one that got furthest (not the one rejecting the value's type outright). */
function bestUnionBranch(branches: Issue[][]): Issue[] {
  const score = (issues: Issue[]): number =>
    issues.some((i) => i.path.length === 0 && i.code === "invalid_type")
      ? 0
      : 1 + Math.max(0, ...issues.map((i) => i.path.length));
  return branches.reduce<Issue[]>((best, branch) => (score(branch) > score(best) ? branch : best), branches[0] ?? []);
}

function isMissing(body: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(body, path.slice(0, -1));
  return isRecord(parent) && !Object.hasOwn(parent, path[path.length - 1] as string);
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** pydantic's "'a', 'b' or 'c'". */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
