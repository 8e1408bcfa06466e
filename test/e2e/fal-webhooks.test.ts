// fal's webhooks (FAL_WEBHOOK_URL): jobs are submitted with `?fal_webhook=` and wait for fal's signed callback on the
// bot's HTTP port instead of streaming their status. A valid callback delivers (no status stream opened, the result
// fetched once); callbacks with a bad signature, a stale timestamp, another account's user id or no signature are
// refused and change nothing; a replay is answered 200 and changes nothing; an unknown request id gets 404 (fal
// tries again); a lost callback is made up for by the sweep's status reads; a callback that found the bot down is
// taken after its restart, when fal tries again. Without FAL_WEBHOOK_URL jobs stream as before and nothing takes
// callbacks.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ForgedCallback } from "../fakes/fal/index.js";
import { falRequests, imagine, refOf, resultWrites, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness, type HarnessOptions } from "./harness.js";
import { storedJob } from "./job-records.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A port nothing listens on now, for the bot's HTTP_PORT: FAL_WEBHOOK_URL must name it before the bot starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startWithWebhooks(sweepMs: number, fal?: HarnessOptions["fal"]): Promise<{ h: Harness; webhookUrl: string }> {
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}/fal/webhook`;
  const harness = await startHarness({
    env: ({ fal }) => ({
      HTTP_PORT: String(port),
      FAL_WEBHOOK_URL: webhookUrl,
      FAL_USER_ID: fal.userId,
      FAL_WEBHOOK_JWKS_URL: fal.jwksUrl,
      FAL_WEBHOOK_SWEEP_MS: String(sweepMs),
    }),
    ...(fal ? { fal } : {}),
  });
  return { h: harness, webhookUrl };
}

/** The request id of the next job to reach fal. */
async function submitted(harness: Harness, index = 0): Promise<string> {
  const submit = await harness.fal.waitForRequest((r) => r.route === "submit" && r.status === 200 && falRequests(harness, "submit").indexOf(r) === index);
  return submit.requestId!;
}

/** Resolves once the fake lost a job's callback (see the fake's "callback-lost"): the job is COMPLETED at fal. */
function callbackLost(harness: Harness): Promise<string> {
  return new Promise((resolve) => harness.fal.events.once("callback-lost", (e: { requestId: string }) => resolve(e.requestId)));
}

describe("fal webhooks", () => {
  it("a valid callback delivers, with no status stream and one result fetch; a replay, a fresh copy and an unknown id change nothing", async () => {
    const started = await startWithWebhooks(60_000);
    h = started.h;
    const interaction = imagine(h, { prompt: "a lighthouse at dusk" });
    const requestId = await submitted(h);
    await waitForFinal(h, interaction);
    await h.bot.waitForMessage("delivered");

    const [submit] = falRequests(h, "submit");
    expect(new URL(submit!.targetUrl).searchParams.get("fal_webhook")).toBe(started.webhookUrl);
    expect(h.fal.callbacks).toMatchObject([{ requestId, kind: "completion", status: 200 }]);
    expect(falRequests(h, "stream")).toEqual([]);
    expect(falRequests(h, "status")).toEqual([]);
    expect(falRequests(h, "result")).toHaveLength(1);
    expect(resultWrites(h, interaction)).toHaveLength(1);
    expect(h.bot.logs.some((l) => l.msg === "fal's callback came" && l["requestId"] === requestId && l["outcome"] === "woke")).toBe(true);

    // fal retrying, or someone replaying the callback as it was: answered 200 (so fal stops), nothing else happens.
    expect((await h.fal.replayCallback(requestId)).status).toBe(200);
    expect((await h.fal.sendCallback(requestId)).status).toBe(200);
    // A request this bot never sent: 404, so that fal tries again later.
    expect((await h.fal.sendCallback("00000000-0000-4000-8000-000000000000", { url: started.webhookUrl })).status).toBe(404);
    expect(falRequests(h, "result")).toHaveLength(1);
    expect(resultWrites(h, interaction)).toHaveLength(1);
    expect((await storedJob(h, interaction)).state).toBe("delivered");

    // An ERROR callback (fal refused the prompt) ends the job as a streamed one ends: its result says why.
    h.fal.failNext({ kind: "validation", when: "result", type: "content_policy_violation" });
    const refused = imagine(h, { prompt: "something fal refuses" });
    const refusedId = await submitted(h, 1);
    const reply = await waitForFinal(h, refused);
    expect(refOf(reply)).toMatch(/^[A-Z2-9]{6}$/);
    expect(h.fal.callbacks.filter((c) => c.requestId === refusedId)).toMatchObject([{ kind: "completion", status: 200 }]);
    expect(falRequests(h, "result").filter((r) => r.requestId === refusedId)).toMatchObject([{ status: 422 }]);
    expect((await storedJob(h, refused)).state).toBe("failed");
  });

  it("refuses a bad signature, a stale timestamp, another account's user id and a missing signature, changing nothing; fal's own then delivers", async () => {
    h = (await startWithWebhooks(60_000)).h;
    h.fal.failNext({ kind: "callback-lost" });
    const lost = callbackLost(h);
    const interaction = imagine(h, { prompt: "a fox in the snow" });
    const requestId = await submitted(h);
    expect(await lost).toBe(requestId);

    const refusals: [ForgedCallback, number][] = [
      ["bad-signature", 401],
      ["stale", 401],
      ["other-user", 403],
      ["missing-header", 401],
    ];
    for (const [forge, status] of refusals) {
      expect((await h.fal.sendCallback(requestId, { forge })).status, forge).toBe(status);
    }
    expect(h.fal.jobs.get(requestId)!.resultFetches).toBe(0);
    expect((await storedJob(h, interaction)).state).toBe("submitted");
    expect(interaction.original()?.attachments ?? []).toEqual([]);
    // The bot's log lines come through a pipe: the last refusal's may trail its answer.
    await h.bot.waitForLog((l) => l.msg === "refused a fal callback" && l["reason"] === "missing-header");
    const refused = h.bot.logs.filter((l) => l.msg === "refused a fal callback").map((l) => l["reason"]);
    expect(refused).toEqual(["bad-signature", "stale", "other-account", "missing-header"]);
    expect(h.bot.logs.find((l) => l.msg === "refused a fal callback" && l["reason"] === "other-account")?.["sender"]).toBe("someone-else");

    const since = h.fal.requests.length;
    expect((await h.fal.sendCallback(requestId)).status).toBe(200);
    await waitForFinal(h, interaction);
    await h.bot.waitForMessage("delivered");
    expect(falRequests(h, "result", since)).toHaveLength(1);
    expect(falRequests(h, "result")).toHaveLength(1);
    expect(resultWrites(h, interaction)).toHaveLength(1);
  });

  it("a lost callback: the sweep reads the status, finds the request completed and delivers it", async () => {
    h = (await startWithWebhooks(300)).h;
    h.fal.failNext({ kind: "callback-lost" });
    const interaction = imagine(h, { prompt: "a quiet harbour" });
    const requestId = await submitted(h);
    await waitForFinal(h, interaction);
    expect(h.fal.callbacks).toEqual([]);
    const polls = falRequests(h, "status").filter((r) => r.requestId === requestId);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.at(-1)!.status).toBe(200);
    expect(falRequests(h, "stream")).toEqual([]);
    expect(falRequests(h, "result")).toHaveLength(1);
    expect(resultWrites(h, interaction)).toHaveLength(1);
  });

  it("a callback that found the bot down is taken after its restart, when fal sends it again", async () => {
    h = (await startWithWebhooks(60_000, { runMs: 1500, callbackRetries: 40, callbackRetryMs: 250 })).h;
    const interaction = imagine(h, { prompt: "a lantern in the rain" });
    const requestId = await submitted(h);
    await h.bot.stop();
    await h.fal.waitForCallback((c) => c.requestId === requestId && c.status === 0, 10_000);
    await h.restart();
    await waitForFinal(h, interaction);
    const sent = h.fal.callbacks.filter((c) => c.requestId === requestId);
    expect(sent.at(-1)).toMatchObject({ kind: "completion", status: 200 });
    expect(sent.slice(0, -1).every((c) => c.status === 0)).toBe(true);
    await h.bot.waitForLog((l) => l.msg === "fal's callback came" && l["requestId"] === requestId);
    expect(falRequests(h, "stream")).toEqual([]);
    expect(falRequests(h, "result")).toHaveLength(1);
    expect(resultWrites(h, interaction)).toHaveLength(1);
  });

  it("without FAL_WEBHOOK_URL jobs stream their status and nothing takes callbacks", async () => {
    h = await startHarness({ env: { HTTP_PORT: "0" } });
    const port = Number((await h.bot.waitForMessage("operator endpoints listening")).port);
    const interaction = imagine(h, { prompt: "a paper boat" });
    await waitForFinal(h, interaction);
    const [submit] = falRequests(h, "submit");
    expect(new URL(submit!.targetUrl).searchParams.has("fal_webhook")).toBe(false);
    expect(falRequests(h, "stream")).toHaveLength(1);
    expect(h.fal.callbacks).toEqual([]);
    expect(h.bot.logs.some((l) => l.msg === "fal webhooks on: jobs wait for fal's callbacks")).toBe(false);
    const posted = await fetch(`http://127.0.0.1:${port}/fal/webhook`, { method: "POST", body: "{}" });
    expect(posted.status).toBe(404);
  });
});
