// One callback of fal's (docs.fal.ai, "Webhooks"), read: its signature verified first (webhook-signature.ts), then its
// body, `{request_id, gateway_request_id, status: "OK" | "ERROR", payload, error}`. Refused with the HTTP status to
// answer: 401 unsigned, badly signed or stale, 403 signed for another fal account, 400 unreadable or about another
// request than its headers, 503 when fal's keys cannot be fetched (fal tries again later).
import { z } from "zod";
import type { WebhookVerdict } from "./webhook-signature.js";

const callbackSchema = z.looseObject({
  request_id: z.string().min(1),
  gateway_request_id: z.string().optional(),
  status: z.enum(["OK", "ERROR"]),
  error: z.string().nullish(),
});

export type FalCallback =
  | { ok: true; requestId: string; status: "OK" | "ERROR"; error?: string }
  /** `sender`: the user id a callback for another account carried (the operator's own, when FAL_USER_ID is wrong). */
  | { ok: false; httpStatus: 400 | 401 | 403 | 503; reason: string; sender?: string };

export interface WebhookVerifier {
  verify(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<WebhookVerdict>;
}

export async function readCallback(
  verifier: WebhookVerifier,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): Promise<FalCallback> {
  let verdict: WebhookVerdict;
  try {
    verdict = await verifier.verify(headers, body);
  } catch {
    return { ok: false, httpStatus: 503, reason: "fal's keys could not be fetched" };
  }
  if (verdict.ok === false && verdict.reason === "other-account") {
    const sender = headers["x-fal-webhook-user-id"];
    return { ok: false, httpStatus: 403, reason: verdict.reason, ...(typeof sender === "string" ? { sender } : {}) };
  }
  if (!verdict.ok) return { ok: false, httpStatus: 401, reason: verdict.reason };
  let parsed: z.infer<typeof callbackSchema>;
  try {
    parsed = callbackSchema.parse(JSON.parse(body.toString("utf8")));
  } catch {
    return { ok: false, httpStatus: 400, reason: "unreadable body" };
  }
  if (parsed.request_id !== verdict.requestId) return { ok: false, httpStatus: 400, reason: "the body's request id is not the signed one" };
  return { ok: true, requestId: parsed.request_id, status: parsed.status, ...(parsed.error ? { error: parsed.error } : {}) };
}
