// fal's webhook signatures (docs.fal.ai, "Webhooks" → "Verifying your webhook"): a callback carries the headers
// X-Fal-Webhook-Request-Id, -User-Id, -Timestamp (Unix seconds) and -Signature (hex), the signature being Ed25519 over
// "<request id>\n<user id>\n<timestamp>\n<hex SHA-256 of the raw body>" with one of the keys fal publishes as a JWKS
// (https://rest.alpha.fal.ai/.well-known/jwks.json). Any fal user can sign a callback to any URL, so the user id is
// pinned to the bot's own account; a timestamp more than 5 minutes away is refused. The keys are cached for a day and
// fetched again once when a signature matches none of them (fal rotated its keys).
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

export const falJwksUrl = "https://rest.alpha.fal.ai/.well-known/jwks.json";

const jwksSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), crv: z.string().optional(), x: z.string().optional(), kid: z.string().optional() })),
});

export type WebhookVerdict =
  | { ok: true; requestId: string }
  | { ok: false; reason: "missing-header" | "stale" | "other-account" | "bad-signature" };

export interface WebhookVerifierOptions {
  jwksUrl: string;
  /** The bot's own fal user id: a callback signed for another account is refused. */
  userId: string;
  fetch: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  toleranceSeconds?: number;
  cacheMs?: number;
  now?: () => number;
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export function createWebhookVerifier(options: WebhookVerifierOptions) {
  const { jwksUrl, userId, toleranceSeconds = 300, cacheMs = 24 * 60 * 60 * 1000, now = Date.now } = options;
  let cached: { keys: KeyObject[]; at: number } | undefined;

  const fetchKeys = async (): Promise<KeyObject[]> => {
    const response = await options.fetch(jwksUrl);
    if (!response.ok) throw new Error(`fal's JWKS answered HTTP ${response.status}`);
    const { keys } = jwksSchema.parse(await response.json());
    const ed25519 = keys.filter((key) => key.kty === "OKP" && key.crv === "Ed25519" && key.x);
    cached = { keys: ed25519.map((key) => createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key.x! }, format: "jwk" })), at: now() };
    return cached.keys;
  };
  const keys = async () => (cached && now() - cached.at < cacheMs ? cached.keys : fetchKeys());
  const signedBy = (candidates: readonly KeyObject[], message: Buffer, signature: Buffer) =>
    candidates.some((key) => verify(null, message, key, signature));

  return {
    /** Whether a callback is fal's, for this account, and fresh; `body` exactly as it arrived. */
    async verify(headers: Headers, body: Buffer): Promise<WebhookVerdict> {
      const requestId = header(headers, "X-Fal-Webhook-Request-Id");
      const sender = header(headers, "X-Fal-Webhook-User-Id");
      const timestamp = header(headers, "X-Fal-Webhook-Timestamp");
      const signatureHex = header(headers, "X-Fal-Webhook-Signature");
      if (!requestId || !sender || !timestamp || !signatureHex) return { ok: false, reason: "missing-header" };
      if (!/^\d+$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: "stale" };
      if (sender !== userId) return { ok: false, reason: "other-account" };
      if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return { ok: false, reason: "bad-signature" };
      const digest = createHash("sha256").update(body).digest("hex");
      const message = Buffer.from([requestId, sender, timestamp, digest].join("\n"), "utf8");
      const signature = Buffer.from(signatureHex, "hex");
      if (signedBy(await keys(), message, signature)) return { ok: true, requestId };
      // fal may have rotated its keys since they were cached: fetched once more before refusing.
      if (cached && now() - cached.at > 60_000 && signedBy(await fetchKeys(), message, signature)) return { ok: true, requestId };
      return { ok: false, reason: "bad-signature" };
    },
  };
}
