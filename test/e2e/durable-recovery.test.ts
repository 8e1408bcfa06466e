// Jobs survive the bot's death (issues 4 and 16). SIGKILL at each point of a job's life (waiting in falcord's queue,
// while fal runs it, after fal completed but before delivery, while the submit is on its way) and SIGTERM with
// jobs in flight; the restarted bot (same database) finishes every job, never submits one twice and never delivers
// one twice. Only a job whose submit had begun without its request id coming back is in doubt: its member is told.
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, falRequests, imagine, refOf, resultWrites, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJobs, submitArrivals } from "./job-records.js";
import { refuseUpdates } from "./test-database.js";
import { ledgerRows, plainMember } from "./policy-helpers.js";
import { textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The job's result is in its reply, once: one write carried its files, and it is the only message the bot made for it. */
function expectDeliveredOnce(harness: Harness, interaction: InteractionHandle): void {
  const reply = interaction.original();
  expect(reply?.attachments, textOf(reply)).toHaveLength(1);
  expect(resultWrites(harness, interaction)).toHaveLength(1);
  const made = harness.discord.messages().filter((m) => m.interactionId === interaction.id || m.attachments.length > 0);
  expect(made.map((m) => m.id)).toEqual([reply!.id]);
}

describe("a bot killed with SIGKILL", () => {
  it("while fal runs the job: the restarted bot watches the same request and delivers once", async () => {
    h = await startHarness({ fal: { runMs: 3000 } });
    const interaction = imagine(h, { prompt: "a lighthouse in a storm" });
    const { requestId } = await h.fal.waitForRequest((r) => r.route === "submit", 10_000);
    // The bot watches the request, so it has recorded its id.
    await h.fal.waitForArrival((a) => a.route === "stream" && a.requestId === requestId, 10_000);
    await h.bot.kill();
    expect(h.fal.jobs.get(requestId!)?.state).not.toBe("COMPLETED");
    expect(resultWrites(h, interaction)).toHaveLength(0);

    const bot = await h.restart();
    expect(bot.logs.find((l) => l.msg === "recovering a job")).toMatchObject({ state: expect.stringMatching(/^(submitted|running)$/) });
    await waitForFinal(h, interaction);
    await bot.waitForMessage("delivered");

    expectDeliveredOnce(h, interaction);
    expect(falRequests(h, "submit")).toHaveLength(1);
    expect(submitArrivals(h)).toHaveLength(1);
    // The restarted bot asked about the same request.
    expect(h.fal.arrivals.filter((a) => a.route === "stream" || a.route === "status").every((a) => a.requestId === requestId)).toBe(true);
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ state: "delivered", request_id: requestId })]);
  });

  it("after fal completed and the bot fetched the result, before delivery: delivers once, without asking fal again", async () => {
    h = await startHarness();
    const release = h.fal.holdCdn();
    const interaction = imagine(h, { prompt: "a harbour at dawn" });
    const { requestId } = await h.fal.waitForRequest((r) => r.route === "submit", 10_000);
    await h.fal.waitForRequest((r) => r.route === "result" && r.requestId === requestId, 10_000);
    const outputs = (h.fal.jobs.get(requestId!)!.result!.body as { images: { url: string }[] }).images.map((i) => i.url);
    // The bot is downloading the output: it stored the result first.
    await h.fal.waitForArrival((a) => a.route === "cdn" && a.targetUrl === outputs[0], 10_000);
    await h.bot.kill();
    release();
    expect(resultWrites(h, interaction)).toHaveLength(0);

    const seen = h.fal.arrivals.length;
    const bot = await h.restart();
    expect(bot.logs.find((l) => l.msg === "recovering a job")).toMatchObject({ state: "completed" });
    await waitForFinal(h, interaction);
    await bot.waitForMessage("delivered");

    expectDeliveredOnce(h, interaction);
    expect(submitArrivals(h)).toHaveLength(1);
    // From the stored result straight to the download: no status, no result fetch again.
    expect(h.fal.arrivals.slice(seen).map((a) => a.route)).toEqual(["cdn"]);
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ state: "delivered", request_id: requestId })]);
  });

  it("after Discord took the result, before the bot heard back: the restart finds it in the reply and does not send it again", async () => {
    h = await startHarness();
    const hold = h.discord.holdAnswers((r) => r.method === "PATCH" && r.path.endsWith("/messages/@original") && r.files > 0);
    const interaction = imagine(h, { prompt: "a bridge in fog" });
    await hold.caught;
    expect(interaction.original()?.attachments).toHaveLength(1);
    await h.bot.kill();
    hold.release();
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ state: "completed" })]);

    const bot = await h.restart();
    await bot.waitForMessage("the result was delivered before the restart");
    expectDeliveredOnce(h, interaction);
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ state: "delivered" })]);
    // The restarted bot read the reply, once, through the interaction token; fal was not asked again.
    expect(h.discord.requests.filter((r) => r.method === "GET" && r.path.includes(interaction.token))).toHaveLength(1);
    expect(submitArrivals(h)).toHaveLength(1);
  });

  it("after the defer, before fal answered the submit: tells the user and offers Retry; nothing is submitted on restart", async () => {
    h = await startHarness();
    // fal holds the submit: the bot cannot have a request id when it dies.
    h.fal.failNext({ kind: "slow-submit", ms: 60_000 });
    const interaction = imagine(h, { prompt: "a quiet library", options: { model: "nano-banana-2", seed: 77 } });
    expect((await interaction.response()).type).toBe(5);
    await h.fal.waitForArrival((a) => a.route === "submit", 10_000);
    await h.bot.kill();

    await h.restart();
    const told = await waitForFinal(h, interaction);
    expect(textOf(told)).toMatch(/restarted before fal confirmed this job.*Retry/);
    const ref = refOf(told);
    expect(buttonIds(told)).toEqual([`job:1:retry:${ref}`]);
    expect(submitArrivals(h)).toHaveLength(1);
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ ref, state: "failed", request_id: null })]);

    const retry = h.discord.clickButton({ message: told, customId: `job:1:retry:${ref}` });
    expect((await retry.response()).type).toBe(5);
    const final = await waitForFinal(h, retry);
    await h.bot.waitForMessage("delivered");
    expect(final.attachments, textOf(final)).toHaveLength(1);
    expect(final.id).not.toBe(told.id);
    expect(resultWrites(h, retry)).toHaveLength(1);
    const submits = submitArrivals(h);
    expect(submits).toHaveLength(2);
    expect(falRequests(h, "submit").map((r) => submitBody(r))).toEqual([expect.objectContaining({ prompt: "a quiet library", seed: 77 })]);
    const [interrupted, retried] = await storedJobs(h);
    expect([interrupted?.state, retried?.state]).toEqual(["failed", "delivered"]);
    expect(retried?.parent_job_id).toBe(interrupted?.id);
  });
});

describe("a bot killed with SIGKILL in the middle of a burst", () => {
  it("resumes the 60 jobs in its own queue and at fal after the restart: none lost, none twice, at most 2 in doubt", { timeout: 120_000 }, async () => {
    h = await startHarness({ fal: { queueMs: 50, runMs: 2000 } });
    // 20 members with 3 jobs each (the default limit of jobs in flight per member); falcord sends up to 16 at once.
    const members = Array.from({ length: 20 }, (_, i) => plainMember(h!, `burst${i}`));
    const began = performance.now();
    const interactions = Array.from({ length: 60 }, (_, i) => imagine(h!, { prompt: `burst job ${i + 1}`, user: members[i % 20]! }));
    const responses = await Promise.all(interactions.map((interaction) => interaction.response()));
    expect(responses.map((r) => r.type)).toEqual(interactions.map(() => 5));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2500 - (performance.now() - began))));
    await h.bot.kill();
    const submittedBeforeKill = submitArrivals(h).length;
    const before = await storedJobs(h);
    // The premise: most jobs never left falcord's queue when it died.
    expect(before.filter((j) => j.state === "accepted").length).toBeGreaterThanOrEqual(20);

    await h.restart();
    const finals = await Promise.all(interactions.map((interaction) => waitForFinal(h!, interaction, 60_000)));
    // Each job is marked delivered just before its "delivered" line, and a failure is marked before it is told.
    await expect.poll(async () => (await storedJobs(h!)).every((j) => ["delivered", "failed"].includes(j.state)), { timeout: 30_000 }).toBe(true);

    const delivered = finals.filter((final) => final.attachments.length === 1);
    const toldToRetry = finals.filter((final) => /restarted before fal confirmed this job.*Retry/.test(textOf(final) ?? ""));
    expect(delivered.length + toldToRetry.length).toBe(60);
    console.info(`killed with ${before.filter((j) => j.state === "accepted").length} of 60 in falcord's queue; ${toldToRetry.length} asked to retry`);
    expect(toldToRetry.length).toBeLessThanOrEqual(2);
    // Only a job whose submit was on its way when the bot died is in doubt.
    const inDoubt = new Set(before.filter((j) => j.state === "submitting").map((j) => j.ref));
    for (const final of toldToRetry) expect(inDoubt.has(refOf(final))).toBe(true);
    // Delivered once each: one write with the files per reply, and no message of the bot's own besides them.
    interactions.forEach((interaction, i) => expect(resultWrites(h!, interaction), `job ${i + 1}`).toHaveLength(finals[i]!.attachments.length));
    expect(h.discord.messages().filter((m) => m.attachments.length > 0)).toHaveLength(delivered.length);
    // Sent to fal once each: no prompt submitted twice, and the restart submitted only what had not reached fal.
    const prompts = falRequests(h, "submit").map((r) => String(submitBody(r).prompt));
    expect(new Set(prompts).size).toBe(prompts.length);
    expect(submitArrivals(h).length - submittedBeforeKill).toBe(before.filter((j) => j.state === "accepted").length);
    // Billed once each: a settled ledger row per delivered job, a released one per job in doubt.
    const jobs = await storedJobs(h);
    const ledger = new Map((await ledgerRows(h)).map((row) => [row.job_id, row.status]));
    expect(ledger.size).toBe(60);
    for (const job of jobs) expect([job.state, ledger.get(job.id)]).toEqual(inDoubt.has(job.ref) ? ["failed", "released"] : ["delivered", "settled"]);
  });
});

describe("jobs that cannot be resumed", () => {
  it("a job whose model left the catalog ends as failed with its reservation released, and never locks its member out", async () => {
    // One slot: the member's first job goes to fal, the other two wait in falcord's queue.
    let runs = 0;
    h = await startHarness({ fal: { runMs: () => (runs++ === 0 ? 30_000 : 200) }, env: { MAX_CONCURRENT_JOBS: "1" } });
    const member = plainMember(h, "retired");
    const interactions = [1, 2, 3].map((i) => imagine(h!, { prompt: `retired model ${i}`, user: member }));
    for (const interaction of interactions) expect((await interaction.response()).type).toBe(5);
    await h.fal.waitForArrival((a) => a.route === "stream", 10_000);
    await h.bot.kill();
    // An operator removed the model these jobs asked for while the bot was down.
    await h.database.run("UPDATE jobs SET model_id = 'retired-model'");

    await h.restart();
    for (const interaction of interactions) {
      const told = await waitForFinal(h, interaction);
      expect(textOf(told)).toMatch(/model this job asked for \(retired-model\) is no longer offered/);
      expect(buttonIds(told)).toEqual([]);
    }
    expect((await storedJobs(h)).map((j) => j.state)).toEqual(["failed", "failed", "failed"]);
    expect((await ledgerRows(h)).map((row) => row.status)).toEqual(["released", "released", "released"]);
    // Three jobs in flight is the member's limit: none of the dead ones counts any more.
    const next = imagine(h, { prompt: "a fresh start", user: member });
    expect((await next.response()).type).toBe(5);
    expect((await waitForFinal(h, next)).attachments).toHaveLength(1);
  });
});

/** Makes the bot's next write of a delivery fail until `end()`; `pattern` matches the failure in its log. */
async function failDeliveryRecord(harness: Harness): Promise<{ pattern: RegExp; end: () => Promise<void> }> {
  if (harness.database.dialect === "postgres") {
    return { pattern: /delivery not recorded/, end: await refuseUpdates(harness.database, "jobs", "delivered_at", "delivery not recorded") };
  }
  const locker = new SQLite(harness.databaseTarget);
  locker.exec("BEGIN EXCLUSIVE");
  return {
    pattern: /SQLITE_BUSY|database is locked/,
    end: async () => {
      locker.exec("ROLLBACK");
      locker.close();
    },
  };
}

describe("a failure after the result was delivered", () => {
  it("never replaces the delivered images: the job stays completed and the next start marks it delivered", { timeout: 60_000 }, async () => {
    h = await startHarness();
    const hold = h.discord.holdAnswers((r) => r.method === "PATCH" && r.path.endsWith("/messages/@original") && r.files > 0);
    const interaction = imagine(h, { prompt: "a kite on a locked day" });
    await hold.caught;
    // Recording the delivery fails while Discord answers: on SQLite another writer holds the file locked (SQLITE_BUSY);
    // PostgreSQL would make the bot wait for a lock instead of failing, so there the write is refused outright.
    const failing = await failDeliveryRecord(h);
    hold.release();
    await h.bot.waitForLog((line) => failing.pattern.test(JSON.stringify(line)), 20_000);
    await failing.end();

    await h.restart();
    await h.bot.waitForMessage("the result was delivered before the restart");
    const reply = interaction.original()!;
    expect(reply.attachments).toHaveLength(1);
    expect(textOf(reply) ?? "").not.toMatch(/ref [A-Z2-9]{6}/);
    // One write carried the result, and nothing was written to the reply after it but the restart's reading.
    expect(resultWrites(h, interaction)).toHaveLength(1);
    expect(h.discord.requests.filter((r) => r.path.includes(interaction.token) && r.method === "PATCH").at(-1)?.files).toHaveLength(1);
    expect(await storedJobs(h)).toEqual([expect.objectContaining({ state: "delivered" })]);
  });
});

describe("SIGTERM", () => {
  it("with jobs in flight: exits 0 within 10 s without cancelling them at fal; after a restart both deliver once", async () => {
    h = await startHarness({ fal: { runMs: 4000 } });
    const jobs = [imagine(h, { prompt: "a red kite over hills" }), imagine(h, { prompt: "a blue kite over the sea" })];
    const requestIds = await waitForWatched(h, 2);

    const began = performance.now();
    const exit = await h.bot.stop(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(performance.now() - began).toBeLessThan(10_000);
    // It did not wait for the jobs, nor cancel them: fal is still running both.
    expect(requestIds.map((id) => h!.fal.jobs.get(id)?.state).filter((state) => state === "COMPLETED")).toEqual([]);
    expect(h.fal.arrivals.filter((a) => a.route === "cancel")).toEqual([]);

    const bot = await h.restart();
    for (const interaction of jobs) await waitForFinal(h, interaction);
    await bot.waitForLog((l) => l.msg === "delivered" && bot.logs.filter((m) => m.msg === "delivered").length === 2);
    for (const interaction of jobs) expect(resultWrites(h, interaction)).toHaveLength(1);
    expect(h.discord.messages().filter((m) => m.attachments.length > 0)).toHaveLength(2);
    expect(submitArrivals(h)).toHaveLength(2);
    expect((await storedJobs(h)).map((j) => j.state)).toEqual(["delivered", "delivered"]);
  });

  it("while a job is being delivered: a new /imagine is told the bot is restarting; the job delivers after the restart", async () => {
    h = await startHarness();
    const release = h.fal.holdCdn();
    const interaction = imagine(h, { prompt: "a windmill at dusk" });
    // The download is held, so the shutdown waits for it.
    await h.fal.waitForArrival((a) => a.route === "cdn", 10_000);
    const began = performance.now();
    const exited = h.bot.stop(10_000);
    await h.bot.waitForMessage("shutting down; jobs in flight resume at the next start");

    const late = imagine(h, { prompt: "too late" });
    const answer = await late.response();
    expect(answer.type).toBe(4);
    expect(answer.data.flags & 64).toBe(64);
    expect(answer.data.content).toMatch(/restarting/);
    release();
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(performance.now() - began).toBeLessThan(10_000);

    // Delivered once, by whichever process got to it.
    await h.restart();
    await waitForFinal(h, interaction);
    expectDeliveredOnce(h, interaction);
    expect(submitArrivals(h).length).toBe(1);
    expect(falRequests(h, "submit").map((r) => submitBody(r).prompt)).toEqual(["a windmill at dusk"]);
  });
});

/** Waits until the bot watches `count` requests (it recorded their ids), and returns them in submit order. */
async function waitForWatched(harness: Harness, count: number): Promise<string[]> {
  const watched = () => [...new Set(harness.fal.arrivals.filter((a) => a.route === "stream").map((a) => a.requestId!))];
  await harness.fal.waitForArrival(() => watched().length >= count, 10_000);
  return falRequests(harness, "submit").map((r) => r.requestId!).filter((id) => watched().includes(id));
}
