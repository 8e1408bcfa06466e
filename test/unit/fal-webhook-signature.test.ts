// fal's webhook signatures, with a key pair of the test's own published as a JWKS: a valid callback passes; a bad
// signature, a changed body, a stale timestamp, another account's user id and a missing header are refused; the keys
// are fetched once and again only when fal rotated them.
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createWebhookVerifier } from "../../src/fal/webhook-signature.js";

const userId = "user-falcord";
const body = Buffer.from(JSON.stringify({ request_id: "req-1", status: "OK", payload: { images: [] } }));

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { jwk: publicKey.export({ format: "jwk" }), privateKey };
}

function signed(privateKey: KeyObject, at: number, overrides: Record<string, string> = {}, signedBody = body) {
  const timestamp = String(Math.floor(at / 1000));
  const digest = createHash("sha256").update(signedBody).digest("hex");
  const message = Buffer.from(["req-1", overrides["user"] ?? userId, timestamp, digest].join("\n"));
  return {
    "x-fal-webhook-request-id": "req-1",
    "x-fal-webhook-user-id": overrides["user"] ?? userId,
    "x-fal-webhook-timestamp": overrides["timestamp"] ?? timestamp,
    "x-fal-webhook-signature": sign(null, message, privateKey).toString("hex"),
  };
}

function verifierWith(published: { keys: unknown[] }, clock: { now: number }) {
  const fetches: string[] = [];
  const verifier = createWebhookVerifier({
    jwksUrl: "https://fal.example/.well-known/jwks.json",
    userId,
    now: () => clock.now,
    fetch: async (url) => {
      fetches.push(url);
      return { ok: true, status: 200, json: async () => published };
    },
  });
  return { verifier, fetches };
}

describe("fal's webhook signatures", () => {
  it("a valid callback passes; its keys are fetched once for many", async () => {
    const clock = { now: Date.UTC(2026, 11, 3, 12) };
    const key = keyPair();
    const { verifier, fetches } = verifierWith({ keys: [{ kty: "RSA", n: "x", e: "AQAB" }, key.jwk] }, clock);
    expect(await verifier.verify(signed(key.privateKey, clock.now), body)).toEqual({ ok: true, requestId: "req-1" });
    expect(await verifier.verify(signed(key.privateKey, clock.now), body)).toEqual({ ok: true, requestId: "req-1" });
    expect(fetches).toHaveLength(1);
  });

  it("refuses a bad signature, a changed body, a stale or future timestamp, another account, a missing header", async () => {
    const clock = { now: Date.UTC(2026, 11, 3, 12) };
    const key = keyPair();
    const stranger = keyPair();
    const { verifier } = verifierWith({ keys: [key.jwk] }, clock);
    expect(await verifier.verify(signed(stranger.privateKey, clock.now), body)).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifier.verify(signed(key.privateKey, clock.now), Buffer.from(`${body} `))).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifier.verify(signed(key.privateKey, clock.now - 301_000), body)).toEqual({ ok: false, reason: "stale" });
    expect(await verifier.verify(signed(key.privateKey, clock.now + 301_000), body)).toEqual({ ok: false, reason: "stale" });
    expect(await verifier.verify(signed(key.privateKey, clock.now - 299_000), body)).toMatchObject({ ok: true });
    // Validly signed by fal, for another fal user's request sent to this URL.
    expect(await verifier.verify(signed(key.privateKey, clock.now, { user: "someone-else" }), body)).toEqual({ ok: false, reason: "other-account" });
    const { "x-fal-webhook-signature": _missing, ...unsigned } = signed(key.privateKey, clock.now);
    expect(await verifier.verify(unsigned, body)).toEqual({ ok: false, reason: "missing-header" });
  });

  it("fetches the keys again when a signature matches none of the cached ones (fal rotated them), and after a day", async () => {
    const clock = { now: Date.UTC(2026, 11, 3, 12) };
    const old = keyPair();
    const rotated = keyPair();
    const published = { keys: [old.jwk] as unknown[] };
    const { verifier, fetches } = verifierWith(published, clock);
    expect(await verifier.verify(signed(old.privateKey, clock.now), body)).toMatchObject({ ok: true });
    published.keys = [rotated.jwk];
    clock.now += 120_000;
    expect(await verifier.verify(signed(rotated.privateKey, clock.now), body)).toMatchObject({ ok: true });
    expect(fetches).toHaveLength(2);
    clock.now += 24 * 60 * 60 * 1000;
    expect(await verifier.verify(signed(rotated.privateKey, clock.now), body)).toMatchObject({ ok: true });
    expect(fetches).toHaveLength(3);
  });
});
