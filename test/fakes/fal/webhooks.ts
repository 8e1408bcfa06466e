// fal's webhooks, faked: a request submitted with `?fal_webhook=<url>` gets, once COMPLETED, a POST of
// `{request_id, gateway_request_id, status: "OK" | "ERROR", payload, error}` to that URL, signed the way fal signs
// (Ed25519 over "<request id>\n<user id>\n<timestamp>\n<hex SHA-256 of the body>", in the X-Fal-Webhook-* headers)
// with a key of the fake's own, published as a JWKS at JWKS_PATH. Helpers forge the callbacks a receiver must
// refuse (a bad signature, a stale timestamp, another account's) and replay one exactly as it was sent. Like fal, a
// completion's callback that was not answered 2xx is sent again (fal: about 10 times over 2 hours; here `retries`
// times, `retryMs` apart), signed afresh each time.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { epochNow } from "./clock.js";
import type { FakeFalJob, ForgedCallback, RecordedCallback } from "./types.js";
import type { EventEmitter } from "node:events";

export const JWKS_PATH = "/.well-known/jwks.json";

/** The fake account's user id, the one its callbacks are signed for unless the fake was told another. */
export const FAKE_FAL_USER_ID = "fake-fal-user";

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export class FakeWebhooks {
  readonly callbacks: RecordedCallback[] = [];
  private readonly keys = generateKeyPairSync("ed25519");
  /** Another key, never published: what a bad signature is made with. */
  private readonly strangerKey = generateKeyPairSync("ed25519").privateKey;
  /** The last callback sent for each request, as it went on the wire (for a replay). */
  private readonly lastSent = new Map<string, Sent>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    readonly userId: string,
    private readonly events: EventEmitter,
    private readonly retry: { retries: number; retryMs: number },
  ) {}

  /** The JWKS the fake publishes: its one Ed25519 public key. */
  jwks(): { keys: unknown[] } {
    return { keys: [{ ...this.keys.publicKey.export({ format: "jwk" }), kid: "fake-fal-1", use: "sig", alg: "EdDSA" }] };
  }

  /** The job completed: its callback goes to its webhook URL, unless it carries none or the callback is to be lost. */
  completed(job: FakeFalJob): void {
    if (!job.webhookUrl || job.cancelled) return;
    if (job.failure?.kind === "callback-lost") {
      this.events.emit("callback-lost", { requestId: job.requestId });
      return;
    }
    this.deliver(job, job.webhookUrl, 1);
  }

  private deliver(job: FakeFalJob, url: string, attempt: number): void {
    void this.track(this.send(url, job.requestId, this.bodyOf(job), "completion", undefined, attempt)).then(({ status }) => {
      if ((status >= 200 && status < 300) || attempt > this.retry.retries || this.closed) return;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.deliver(job, url, attempt + 1);
      }, this.retry.retryMs);
      this.retryTimers.add(timer);
    });
  }

  /**
   * Sends a callback for `requestId` now: fal's own (`forge` unset) or a forged one. The body is the job's, or an OK
   * with an empty payload for a request the fake never had (then `url` is needed).
   */
  async sendCallback(job: FakeFalJob | undefined, requestId: string, options: { url?: string; forge?: ForgedCallback } = {}): Promise<RecordedCallback> {
    const url = options.url ?? job?.webhookUrl;
    if (!url) throw new Error(`fake fal: no webhook URL for request ${requestId}`);
    const body = job ? this.bodyOf(job) : JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: "OK", payload: {}, error: null });
    return this.track(this.send(url, requestId, body, options.forge ?? "sent", options.forge));
  }

  /** Sends the request's last callback again, byte for byte, headers and all (a replay). */
  async replay(requestId: string): Promise<RecordedCallback> {
    const last = this.lastSent.get(requestId);
    if (!last) throw new Error(`fake fal: no callback was sent for request ${requestId}`);
    return this.track(this.post(last, requestId, "replay"));
  }

  waitFor(pred: (c: RecordedCallback) => boolean, timeoutMs = 5_000): Promise<RecordedCallback> {
    const existing = this.callbacks.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onCallback = (entry: RecordedCallback): void => {
        if (!pred(entry)) return;
        clearTimeout(timer);
        this.events.off("callback", onCallback);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.events.off("callback", onCallback);
        const list = this.callbacks.map((c) => `${c.kind} ${c.status} ${c.requestId}`).join("\n  ");
        reject(new Error(`fake fal: no matching callback within ${timeoutMs} ms; sent:\n  ${list}`));
      }, timeoutMs);
      this.events.on("callback", onCallback);
    });
  }

  /** Sends no more retries and waits for the callbacks on their way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private bodyOf(job: FakeFalJob): string {
    const reply = job.result ?? { status: 500, body: { detail: "no result" } };
    const ok = reply.status === 200;
    return JSON.stringify({
      request_id: job.requestId,
      gateway_request_id: job.requestId,
      status: ok ? "OK" : "ERROR",
      payload: reply.body,
      error: ok ? null : `Invalid status code: ${reply.status}`,
    });
  }

  private send(url: string, requestId: string, body: string, kind: RecordedCallback["kind"], forge?: ForgedCallback, attempt = 1): Promise<RecordedCallback> {
    const now = Math.floor(Date.now() / 1000);
    const timestamp = String(forge === "stale" ? now - 10 * 60 : now);
    const userId = forge === "other-user" ? "someone-else" : this.userId;
    const digest = createHash("sha256").update(body).digest("hex");
    const message = Buffer.from([requestId, userId, timestamp, digest].join("\n"));
    const signature = sign(null, message, forge === "bad-signature" ? this.strangerKey : this.keys.privateKey).toString("hex");
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-fal-webhook-request-id": requestId,
      "x-fal-webhook-user-id": userId,
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": signature,
    };
    if (forge === "missing-header") delete headers["x-fal-webhook-signature"];
    const sent = { url, headers, body };
    if (!forge) this.lastSent.set(requestId, sent);
    return this.post(sent, requestId, kind, attempt);
  }

  private async post({ url, headers, body }: Sent, requestId: string, kind: RecordedCallback["kind"], attempt = 1): Promise<RecordedCallback> {
    const at = epochNow();
    let status = 0;
    try {
      const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      // Not delivered (the bot is not listening): status 0.
    }
    const entry: RecordedCallback = { at, requestId, url, kind, status, attempt };
    this.callbacks.push(entry);
    this.events.emit("callback", entry);
    return entry;
  }
}
