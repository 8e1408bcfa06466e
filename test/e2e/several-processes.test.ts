// Several bot processes on one PostgreSQL database (issue 20): three processes, one shard each. The one running the
// busy server is killed with SIGKILL in the middle of a burst; the other two take its jobs over once their lease runs
// out, and every job ends once: delivered once, sent to fal once, billed once (or, for a submit on its way when the
// process died, told to retry). PostgreSQL only: SQLite is for one process.
import { afterEach, describe, expect, it } from "vitest";
import { guildOnShard, type InteractionHandle } from "../fakes/discord/index.js";
import { falRequests, imagine, refOf, resultWrites, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { peakAtFal, storedJobs, submitArrivals } from "./job-records.js";
import { changeSettings, plainMember } from "./policy-helpers.js";
import { chosenDatabase } from "./test-database.js";
import { textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Three processes, one shard of three each: the harness's main server on shard 1 (its process is returned as `busy`),
 * the second server on shard 0, the server without the bot on shard 2.
 */
async function threeProcesses(fal: { queueMs: number; runMs: number }, env: Record<string, string> = {}) {
  const harness = await startHarness({
    discord: { guildIds: { main: guildOnShard(1, 3), second: guildOnShard(0, 3), elsewhere: guildOnShard(2, 3) } },
    fal,
    env: { SHARD_COUNT: "3", SHARD_IDS: "0", JOB_LEASE_MS: "1500", ...env },
  });
  h = harness;
  const busy = await harness.startAnother({ SHARD_IDS: "1" });
  await harness.startAnother({ SHARD_IDS: "2" });
  return { harness, busy };
}

/** The ledger of every server and member's own install. */
const everyLedgerRow = (harness: Harness) => harness.database.all<{ job_id: number; status: string; usd: number }>("SELECT job_id, status, usd FROM ledger ORDER BY job_id");

/** How each job ended: delivered once, or (its submit on its way when its process died) told to retry; billed once. */
async function expectEachEndedOnce(harness: Harness, interactions: readonly InteractionHandle[], inDoubt: ReadonlySet<string>) {
  const finals = await Promise.all(interactions.map((interaction) => waitForFinal(harness, interaction, 120_000)));
  await expect.poll(async () => (await storedJobs(harness)).every((j) => ["delivered", "failed"].includes(j.state)), { timeout: 30_000 }).toBe(true);
  const delivered = finals.filter((final) => final.attachments.length === 1);
  const toldToRetry = finals.filter((final) => /restarted before fal confirmed this job.*Retry/.test(textOf(final) ?? ""));
  expect(delivered.length + toldToRetry.length).toBe(interactions.length);
  expect(toldToRetry.length).toBeLessThanOrEqual(2);
  for (const final of toldToRetry) expect(inDoubt.has(refOf(final))).toBe(true);
  interactions.forEach((interaction, i) => expect(resultWrites(harness, interaction), `job ${i + 1}`).toHaveLength(finals[i]!.attachments.length));
  const prompts = falRequests(harness, "submit").map((r) => String(submitBody(r).prompt));
  expect(new Set(prompts).size).toBe(prompts.length);
  const after = await storedJobs(harness);
  const ledger = new Map((await everyLedgerRow(harness)).map((row) => [row.job_id, row.status]));
  expect(ledger.size).toBe(interactions.length);
  for (const job of after) expect([job.state, ledger.get(job.id)]).toEqual(inDoubt.has(job.ref) ? ["failed", "released"] : ["delivered", "settled"]);
  return after;
}

describe.skipIf(chosenDatabase().dialect !== "postgres")("three processes on one PostgreSQL database", () => {
  it("one killed with SIGKILL mid-burst: the others take its jobs over; each job delivered once, sent to fal once, billed once", { timeout: 120_000 }, async () => {
    const { harness, busy } = await threeProcesses({ queueMs: 50, runMs: 2000 });
    const members = Array.from({ length: 20 }, (_, i) => plainMember(harness, `multi${i}`));
    const interactions = Array.from({ length: 60 }, (_, i) => imagine(harness, { prompt: `multi job ${i + 1}`, user: members[i % 20]! }));
    await Promise.all(interactions.map((interaction) => interaction.response()));
    // Mid-burst: some jobs at fal, most still in the busy process's queue.
    await expect.poll(() => submitArrivals(harness).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    await busy.kill();
    const before = await storedJobs(harness);
    expect(before.filter((j) => j.state === "accepted").length).toBeGreaterThanOrEqual(20);
    expect(new Set(before.map((j) => j.owner))).toEqual(new Set(["shards-1"]));

    const inDoubt = new Set(before.filter((j) => j.state === "submitting").map((j) => j.ref));
    const after = await expectEachEndedOnce(harness, interactions, inDoubt);
    // Taken over by the two living processes.
    expect(new Set(after.map((j) => j.owner)).has("shards-1")).toBe(false);
  });

  it(
    "300 jobs in a burst, one process killed with SIGKILL: each ends once, fal never holds more than the account's limit, a light member is not stuck behind a heavy one",
    { timeout: 240_000 },
    async () => {
      // One fal account for all three: at most 6 of its requests at once, whichever process sends them.
      const { harness, busy } = await threeProcesses({ queueMs: 20, runMs: 250 }, { MAX_CONCURRENT_JOBS: "6", FAL_CONCURRENCY_LIMIT: "6" });
      await changeSettings(harness, "set", { max_jobs_in_flight: 50 });
      const lobby = harness.discord.secondGuild.channels.lobby;
      const secondOwner = harness.discord.secondGuild.users.owner;
      const saved = await harness.discord
        .dispatchSlashCommand({ name: "settings", subcommand: "set", options: [{ name: "max_jobs_in_flight", value: 50 }], channelId: lobby, user: secondOwner })
        .response();
      expect(String(saved.data.content)).toMatch(/^Saved/);

      // The second server (shard 0): a heavy member's 50 jobs first, then 17 members' 3 each. The main server (shard 1,
      // the process to be killed): 33 members' 6 each.
      const heavy = plainMember(harness, "heavy");
      const second = [
        ...Array.from({ length: 50 }, (_, i) => ({ prompt: `heavy ${i + 1}`, user: heavy })),
        ...Array.from({ length: 17 }, (_, m) => plainMember(harness, `second${m}`)).flatMap((user, m) => [1, 2, 3].map((n) => ({ prompt: `second ${m}-${n}`, user }))),
      ];
      const main = Array.from({ length: 33 }, (_, m) => plainMember(harness, `main${m}`)).flatMap((user, m) => [1, 2, 3, 4, 5, 6].map((n) => ({ prompt: `main ${m}-${n}`, user })));
      const interactions = [
        ...second.map((order) => imagine(harness, { ...order, channelId: lobby })),
        ...main.map((order) => imagine(harness, order)),
      ];
      for (const response of await Promise.all(interactions.map((interaction) => interaction.response()))) expect(response.type).toBe(5);
      // A member with one job, after everyone else's.
      const light = imagine(harness, { prompt: "light 1", user: plainMember(harness, "light"), channelId: lobby });
      expect((await light.response()).type).toBe(5);
      interactions.push(light);
      expect(interactions).toHaveLength(300);

      await expect.poll(() => submitArrivals(harness).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
      await busy.kill();
      const before = await storedJobs(harness);
      expect(before.filter((j) => j.state === "accepted" && j.owner === "shards-1").length).toBeGreaterThanOrEqual(20);
      const inDoubt = new Set(before.filter((j) => j.state === "submitting").map((j) => j.ref));
      await expectEachEndedOnce(harness, interactions, inDoubt);

      expect(peakAtFal(harness)).toBeLessThanOrEqual(6);
      const order = falRequests(harness, "submit").map((r) => String(submitBody(r).prompt));
      // Round robin across members, in all processes: the light member's one job went before the heavy member's third.
      expect(order.indexOf("light 1")).toBeGreaterThan(-1);
      expect(order.indexOf("light 1")).toBeLessThan(order.indexOf("heavy 3"));
    },
  );

  it("a member's own-install budget holds across processes: 50 at once from two shards against a budget for 10, exactly 10 reach fal", { timeout: 60_000 }, async () => {
    const { harness } = await threeProcesses(
      { queueMs: 20, runMs: 200 },
      { DISCORD_GUILD_ID: "", USER_INSTALL_DAILY_BUDGET_USD: "0.39", USER_INSTALL_DAILY_IMAGES: "100", USER_INSTALL_MAX_JOBS: "50" },
    );
    // The server without the bot is on shard 2, the group DM on shard 0: two processes admit the member's jobs.
    const { channelId: street, groupDmId } = harness.discord.elsewhere;
    const interactions = Array.from({ length: 50 }, (_, i) =>
      harness.discord.dispatchSlashCommand({ name: "imagine", channelId: i % 2 ? street : groupDmId, userInstall: true, options: [{ name: "prompt", value: `own ${i}` }] }),
    );
    const responses = await Promise.all(interactions.map((interaction) => interaction.response()));
    const accepted = interactions.filter((_, i) => responses[i]!.type === 5);
    expect(accepted.length, JSON.stringify(responses.filter((r) => r.type === 4).slice(0, 1))).toBe(10);
    expect(responses.filter((response) => response.type === 4)).toHaveLength(40);
    // Both processes admitted some.
    const answeredFrom = new Set(accepted.map((interaction) => (interaction.payload.channel_id === street ? "shard 2" : "shard 0")));
    expect(answeredFrom).toEqual(new Set(["shard 0", "shard 2"]));
    const finals = await Promise.all(accepted.map((interaction) => waitForFinal(harness, interaction, 30_000)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);
    expect(submitArrivals(harness)).toHaveLength(10);
    const rows = await everyLedgerRow(harness);
    expect(rows.filter((row) => row.status === "settled")).toHaveLength(10);
    expect(rows.reduce((sum, row) => sum + row.usd, 0)).toBeLessThanOrEqual(0.39 + 1e-9);
  });
});
