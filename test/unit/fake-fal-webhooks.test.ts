// The fake fal's webhooks, driven by the real @fal-ai/client (its `webhookUrl` goes as `?fal_webhook=`) and checked
// by falcord's own verifier against the fake's JWKS: a completed job's callback, an ERROR callback, none without a
// webhook, the forged ones, an exact replay, a lost callback, a callback for a request the fake never had, and fal's
// retries of a callback that was not answered 2xx.
import type { IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createFal, type FalClient } from "../../src/fal/client.js";
import { createWebhookVerifier } from "../../src/fal/webhook-signature.js";
import { FAKE_FAL_USER_ID, startFakeFal, type FakeFal, type FakeFalOptions } from "../fakes/fal/index.js";
import { localServer } from "./local-server.js";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const received: Received[] = [];
let answer = 200;
const receiver = localServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(answer).end();
  });
});

const fakes: FakeFal[] = [];
async function fakeFal(options: FakeFalOptions = {}): Promise<{ fake: FakeFal; fal: FalClient }> {
  const fake = await startFakeFal({ queueMs: 20, runMs: 30, ...options });
  fakes.push(fake);
  return { fake, fal: createFal({ FAL_KEY: fake.key, FAL_PROXY_URL: fake.url }) };
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  received.length = 0;
  answer = 200;
});

const verifierOf = (fake: FakeFal) =>
  createWebhookVerifier({ jwksUrl: fake.jwksUrl, userId: fake.userId, fetch: (url) => fetch(url) });

async function submitWithWebhook(fal: FalClient, path: string, input: { prompt: string } = { prompt: "a red fox" }): Promise<string> {
  const { request_id } = await fal.queue.submit("fal-ai/nano-banana", { input, webhookUrl: `${receiver.base}${path}` });
  return request_id;
}

describe("fake fal: webhooks", () => {
  it("posts a completed job's callback to its fal_webhook URL, signed so that its JWKS verifies it", async () => {
    const { fake, fal } = await fakeFal();
    const requestId = await submitWithWebhook(fal, "/hook");
    const submit = await fake.waitForRequest((r) => r.route === "submit");
    expect(new URL(submit.targetUrl).searchParams.get("fal_webhook")).toBe(`${receiver.base}/hook`);
    const sent = await fake.waitForCallback((c) => c.requestId === requestId);
    expect(sent).toMatchObject({ kind: "completion", status: 200, url: `${receiver.base}/hook`, attempt: 1 });
    expect(received).toHaveLength(1);
    const [callback] = received;
    expect(callback!.path).toBe("/hook");
    const body = JSON.parse(callback!.body.toString()) as Record<string, unknown>;
    const { data } = await fal.queue.result("fal-ai/nano-banana", { requestId });
    expect(body).toEqual({ request_id: requestId, gateway_request_id: requestId, status: "OK", payload: data, error: null });
    expect(callback!.headers["x-fal-webhook-user-id"]).toBe(FAKE_FAL_USER_ID);
    expect(await verifierOf(fake).verify(callback!.headers, callback!.body)).toEqual({ ok: true, requestId });
    expect(fake.requests.some((r) => r.route === "jwks" && r.status === 200)).toBe(true);
  });

  it("a job whose run failed gets an ERROR callback with the error and its detail as the payload", async () => {
    const { fake, fal } = await fakeFal();
    fake.failNext({ kind: "validation", when: "result", type: "content_policy_violation" });
    const requestId = await submitWithWebhook(fal, "/hook");
    await fake.waitForCallback((c) => c.requestId === requestId);
    const body = JSON.parse(received[0]!.body.toString()) as { status: string; error: string; payload: { detail: unknown[] } };
    expect(body.status).toBe("ERROR");
    expect(body.error).toBe("Invalid status code: 422");
    expect(body.payload.detail[0]).toMatchObject({ type: "content_policy_violation" });
  });

  it("sends nothing for a job submitted without a webhook, nor for a cancelled one", async () => {
    const { fake, fal } = await fakeFal();
    const { request_id: plain } = await fal.queue.submit("fal-ai/nano-banana", { input: { prompt: "plain" } });
    fake.failNext({ kind: "never-finish" });
    const cancelled = await submitWithWebhook(fal, "/hook", { prompt: "cancelled" });
    await fal.queue.cancel("fal-ai/nano-banana", { requestId: cancelled });
    const other = await submitWithWebhook(fal, "/hook", { prompt: "other" });
    await fake.waitForCallback((c) => c.requestId === other);
    expect(fake.jobs.get(plain)?.state).toBe("COMPLETED");
    expect(fake.callbacks.map((c) => c.requestId)).toEqual([other]);
  });

  it("forges callbacks the verifier refuses: another key, a stale timestamp, another account, no signature", async () => {
    const { fake, fal } = await fakeFal();
    const requestId = await submitWithWebhook(fal, "/hook");
    await fake.waitForCallback((c) => c.requestId === requestId);
    const verifier = verifierOf(fake);
    const reasons: Record<string, string> = { "bad-signature": "bad-signature", stale: "stale", "other-user": "other-account", "missing-header": "missing-header" };
    for (const [forge, reason] of Object.entries(reasons)) {
      received.length = 0;
      const sent = await fake.sendCallback(requestId, { forge: forge as "stale" });
      expect(sent).toMatchObject({ kind: forge, status: 200 });
      expect(await verifier.verify(received[0]!.headers, received[0]!.body), forge).toEqual({ ok: false, reason });
    }
  });

  it("replays a callback byte for byte; sends a fresh one on demand; records the receiver's answer", async () => {
    const { fake, fal } = await fakeFal();
    const requestId = await submitWithWebhook(fal, "/hook");
    await fake.waitForCallback((c) => c.requestId === requestId);
    answer = 409;
    expect(await fake.replayCallback(requestId)).toMatchObject({ kind: "replay", status: 409 });
    const [first, replay] = received;
    expect(replay!.body.equals(first!.body)).toBe(true);
    for (const name of ["x-fal-webhook-request-id", "x-fal-webhook-user-id", "x-fal-webhook-timestamp", "x-fal-webhook-signature"]) {
      expect(replay!.headers[name], name).toBe(first!.headers[name]);
    }
    answer = 200;
    expect(await fake.sendCallback(requestId)).toMatchObject({ kind: "sent", status: 200 });
    expect(await verifierOf(fake).verify(received[2]!.headers, received[2]!.body)).toEqual({ ok: true, requestId });
  });

  it("loses a callback when told to: the job completes, nothing is posted", async () => {
    const { fake, fal } = await fakeFal();
    fake.failNext({ kind: "callback-lost" });
    const lost = new Promise<string>((resolve) => fake.events.once("callback-lost", (e: { requestId: string }) => resolve(e.requestId)));
    const requestId = await submitWithWebhook(fal, "/hook");
    expect(await lost).toBe(requestId);
    expect(fake.jobs.get(requestId)?.state).toBe("COMPLETED");
    expect(fake.callbacks).toEqual([]);
    expect(received).toEqual([]);
  });

  it("signs a callback for a request it never had, to the URL given; status 0 when nothing listens", async () => {
    const { fake } = await fakeFal();
    const sent = await fake.sendCallback("no-such-request", { url: `${receiver.base}/hook` });
    expect(sent.status).toBe(200);
    expect(await verifierOf(fake).verify(received[0]!.headers, received[0]!.body)).toEqual({ ok: true, requestId: "no-such-request" });
    expect((await fake.sendCallback("no-such-request", { url: "http://127.0.0.1:1/hook" })).status).toBe(0);
    await expect(fake.sendCallback("no-such-request")).rejects.toThrow(/no webhook URL/);
  });

  it("sends a completion's callback again while it is not answered 2xx, `callbackRetries` times, signed afresh", async () => {
    const { fake, fal } = await fakeFal({ callbackRetries: 2, callbackRetryMs: 20 });
    answer = 404;
    const requestId = await submitWithWebhook(fal, "/hook");
    await fake.waitForCallback((c) => c.attempt === 2);
    answer = 200;
    await fake.waitForCallback((c) => c.attempt === 3);
    expect(fake.callbacks.map((c) => [c.kind, c.attempt, c.status])).toEqual([
      ["completion", 1, 404],
      ["completion", 2, 404],
      ["completion", 3, 200],
    ]);
    expect(await verifierOf(fake).verify(received[2]!.headers, received[2]!.body)).toEqual({ ok: true, requestId });

    answer = 503;
    const unanswered = await submitWithWebhook(fal, "/hook", { prompt: "never taken" });
    await fake.waitForCallback((c) => c.requestId === unanswered && c.attempt === 3);
    // A job run later (50 ms at fal, more than the 20 ms between retries): no fourth attempt came meanwhile.
    answer = 200;
    const later = await submitWithWebhook(fal, "/hook", { prompt: "later" });
    await fake.waitForCallback((c) => c.requestId === later);
    expect(fake.callbacks.filter((c) => c.requestId === unanswered).map((c) => c.status)).toEqual([503, 503, 503]);
  });
});
