// The operators' endpoints on their own: /healthz answers 503 with what is wrong when Discord or the database is not
// there, 200 when both are; /metrics is the registry's text; anything else is 404.
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { startOperatorEndpoints, type Health, type OperatorEndpoints } from "../../src/ops/http-server.js";
import { createMetrics } from "../../src/ops/metrics.js";

let endpoints: OperatorEndpoints | undefined;
afterEach(async () => {
  await endpoints?.close();
  endpoints = undefined;
});

describe("the operators' endpoints", () => {
  it("/healthz: 503 naming what is down, 200 once both are up", async () => {
    let health: Health = { discord: false, database: true };
    endpoints = await startOperatorEndpoints({ host: "127.0.0.1", port: 0 }, { health: async () => health, registry: new Registry() });
    const url = `http://127.0.0.1:${endpoints.port}/healthz`;
    let response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([503, { status: "unavailable", discord: false, database: true }]);
    health = { discord: true, database: false };
    response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([503, { status: "unavailable", discord: true, database: false }]);
    health = { discord: true, database: true };
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${endpoints.port}/other`)).status).toBe(404);
  });

  it("/metrics: the jobs' figures as the runner reports them, the unfinished jobs and the queue read at the scrape", async () => {
    let waiting = 3;
    const metrics = createMetrics({ unfinishedByState: async () => ({ submitted: 2 }), queue: async () => ({ waiting, running: 1 }) });
    metrics.jobs.atFal("nano-banana", 1.5);
    metrics.jobs.charged("nano-banana", 0.039);
    metrics.jobs.charged("nano-banana", 0.039);
    metrics.jobs.ended("failed");
    endpoints = await startOperatorEndpoints({ host: "127.0.0.1", port: 0 }, { health: async () => ({ discord: true, database: true }), registry: metrics.registry });
    const scrape = async () => (await fetch(`http://127.0.0.1:${endpoints!.port}/metrics`)).text();
    const text = await scrape();
    expect(text).toContain('falcord_jobs_unfinished{state="submitted"} 2');
    expect(text).toContain('falcord_jobs_unfinished{state="accepted"} 0');
    expect(text).toContain("falcord_queue_waiting 3");
    expect(text).toContain("falcord_queue_running 1");
    expect(text).toContain('falcord_fal_seconds_bucket{le="2",model="nano-banana"} 1');
    expect(text).toContain('falcord_spend_usd_total{model="nano-banana"} 0.078');
    expect(text).toContain('falcord_jobs_ended_total{state="failed"} 1');
    waiting = 0;
    expect(await scrape()).toContain("falcord_queue_waiting 0");
  });

  it("a POST route: its handler gets the raw body and the headers and answers; a body over its limit is 413 unread; other methods 404", async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    endpoints = await startOperatorEndpoints(
      { host: "127.0.0.1", port: 0 },
      {
        health: async () => ({ discord: true, database: true }),
        registry: new Registry(),
        post: {
          path: "/fal/webhook",
          maxBytes: 64,
          handle: async (headers, body) => {
            seen.push({ headers, body: body.toString() });
            return { status: 202, text: "taken\n" };
          },
        },
      },
    );
    const url = `http://127.0.0.1:${endpoints.port}/fal/webhook`;
    const answered = await fetch(url, { method: "POST", headers: { "x-fal-webhook-request-id": "req-1" }, body: '{"a": 1}' });
    expect([answered.status, await answered.text()]).toEqual([202, "taken\n"]);
    expect(seen).toEqual([{ headers: expect.objectContaining({ "x-fal-webhook-request-id": "req-1" }), body: '{"a": 1}' }]);
    expect((await fetch(url, { method: "POST", body: "x".repeat(65) })).status).toBe(413);
    expect((await fetch(url)).status).toBe(404);
    expect(seen).toHaveLength(1);
  });
});
