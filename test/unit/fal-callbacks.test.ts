// fal's webhook callbacks on falcord's side: the waiting jobs (woken by their callback, one that came early kept, one
// that came again ignored, a dropped wait forgotten) and the answer to a callback (the verifier's refusals, an
// unreadable body, fal's keys out of reach, an unknown request id, a job past fal, a job at fal), with the real store.
import { describe, expect, it } from "vitest";
import { FalCallbacks } from "../../src/generation/fal-callbacks.js";
import { falCallbackHandler } from "../../src/generation/callback-handler.js";
import { createGenerationJobs } from "../../src/generation/job.js";
import type { WebhookVerdict } from "../../src/fal/webhook-signature.js";
import { createLogger } from "../../src/log.js";
import { sampleJob } from "./job-fixture.js";
import { memoryDb } from "./memory-db.js";

const log = createLogger({ level: "silent", secrets: [] });

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe("FalCallbacks", () => {
  it("wakes the job waiting for a request; a callback that came first is kept; one that comes again wakes nothing", async () => {
    const callbacks = new FalCallbacks();
    const waiting = callbacks.wait("req-1");
    expect(await settled(waiting)).toBe(false);
    expect(callbacks.arrived("req-1")).toBe("woke");
    expect(await settled(waiting)).toBe(true);
    expect(callbacks.arrived("req-1")).toBe("again");

    expect(callbacks.handled("req-2")).toBe(false);
    expect(callbacks.arrived("req-2")).toBe("early");
    expect(callbacks.handled("req-2")).toBe(true);
    expect(await settled(callbacks.wait("req-2"))).toBe(true);
  });

  it("forgets a wait whose signal aborted", async () => {
    const callbacks = new FalCallbacks();
    const stop = new AbortController();
    const waiting = callbacks.wait("req-1", stop.signal);
    stop.abort();
    expect(callbacks.arrived("req-1")).toBe("early");
    expect(await settled(waiting)).toBe(false);
  });
});

describe("the answer to a fal callback", () => {
  const db = memoryDb();
  const body = (requestId: string, extra: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: "OK", payload: { images: [] }, error: null, ...extra }));

  async function setUp(verdict: WebhookVerdict | Error) {
    const jobs = createGenerationJobs(db());
    const callbacks = new FalCallbacks();
    const verifier = {
      verify: async () => {
        if (verdict instanceof Error) throw verdict;
        return verdict;
      },
    };
    const handle = falCallbackHandler({ verifier, callbacks, jobs, log });
    return { jobs, callbacks, handle };
  }

  it("wakes the job at fal whose request it is, once; a job past fal or an unknown request changes nothing", async () => {
    const { jobs, callbacks, handle } = await setUp({ ok: true, requestId: "req-1" });
    const job = await jobs.create(sampleJob("AAAAAA"));
    await jobs.markSubmitted(job.id, "req-1", job.input);
    const waiting = callbacks.wait("req-1");
    expect(await handle({}, body("req-1"))).toEqual({ status: 200, text: "ok\n" });
    expect(await settled(waiting)).toBe(true);
    expect(await handle({}, body("req-1"))).toEqual({ status: 200, text: "ok\n" });

    const { handle: unknown } = await setUp({ ok: true, requestId: "req-9" });
    expect((await unknown({}, body("req-9"))).status).toBe(404);

    const past = await jobs.create(sampleJob("BBBBBB"));
    await jobs.markSubmitted(past.id, "req-2", past.input);
    await jobs.markCancelled(past.id, { kind: "cancelled", by: "someone" });
    const { handle: late, callbacks: fresh } = await setUp({ ok: true, requestId: "req-2" });
    expect((await late({}, body("req-2"))).status).toBe(200);
    expect(fresh.handled("req-2")).toBe(false);
  });

  it("refuses what the verifier refuses (401, 403 for another account), an unreadable body or another request's (400); 503 without fal's keys", async () => {
    const cases: [WebhookVerdict | Error, Buffer, number][] = [
      [{ ok: false, reason: "bad-signature" }, body("req-1"), 401],
      [{ ok: false, reason: "stale" }, body("req-1"), 401],
      [{ ok: false, reason: "missing-header" }, body("req-1"), 401],
      [{ ok: false, reason: "other-account" }, body("req-1"), 403],
      [{ ok: true, requestId: "req-1" }, Buffer.from("{not json"), 400],
      [{ ok: true, requestId: "req-1" }, body("req-1", { status: "DONE" }), 400],
      [{ ok: true, requestId: "req-1" }, body("req-2"), 400],
      [new Error("fal's JWKS answered HTTP 502"), body("req-1"), 503],
    ];
    for (const [index, [verdict, sent, status]] of cases.entries()) {
      const { jobs, callbacks, handle } = await setUp(verdict);
      const job = await jobs.create(sampleJob(String.fromCharCode(65 + index).repeat(6)));
      await jobs.markSubmitted(job.id, "req-1", job.input);
      const waiting = callbacks.wait("req-1");
      expect((await handle({ "x-fal-webhook-user-id": "someone-else" }, sent)).status, JSON.stringify(verdict)).toBe(status);
      expect(await settled(waiting)).toBe(false);
      expect(callbacks.handled("req-1")).toBe(false);
      expect((await jobs.get(job.id))?.state).toBe("submitted");
    }
  });
});
