// The operators' endpoints (HTTP_PORT): /healthz says whether the bot is connected and its database answers;
// /metrics has jobs by state, the fair queue, time at fal, delivery overhead and spend in Prometheus' format, and
// never a secret. Without HTTP_PORT nothing listens. (The 503 of /healthz: test/unit/operator-endpoints.test.ts.)
import { afterEach, describe, expect, it } from "vitest";
import { imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** One sample's value in Prometheus' text format, e.g. `falcord_jobs_ended_total{state="delivered"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe("the operators' endpoints", () => {
  it("/healthz is 200 once connected; /metrics counts a delivered job, its time at fal, its delivery and its spend", async () => {
    h = await startHarness({ env: { HTTP_PORT: "0" } });
    const port = Number((await h.bot.waitForMessage("operator endpoints listening")).port);
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", discord: true, database: true });

    await waitForFinal(h, imagine(h, { prompt: "a lighthouse at dusk" }));
    await h.bot.waitForMessage("delivered");
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(sample(text, 'falcord_jobs_ended_total{state="delivered"}')).toBe(1);
    expect(sample(text, 'falcord_fal_seconds_count{model="nano-banana"}')).toBe(1);
    expect(sample(text, "falcord_delivery_seconds_count")).toBe(1);
    expect(sample(text, 'falcord_spend_usd_total{model="nano-banana"}')).toBeCloseTo(0.039, 6);
    for (const state of ["accepted", "submitting", "submitted", "running", "completed"]) {
      expect(sample(text, `falcord_jobs_unfinished{state="${state}"}`), state).toBe(0);
    }
    expect(sample(text, "falcord_queue_waiting")).toBe(0);
    expect(sample(text, "falcord_process_resident_memory_bytes")).toBeGreaterThan(0);
    // No secret in what anyone who reaches the port can read.
    expect(text).not.toContain(h.discord.botToken);
    expect(text).not.toContain(h.fal.key);

    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(404);
  });

  it("listens on nothing without HTTP_PORT", async () => {
    h = await startHarness();
    expect(h.bot.logs.some((line) => line.msg === "operator endpoints listening")).toBe(false);
  });
});
