// Several bot processes on one PostgreSQL database (issue 20): three processes, one shard each. The one running the
// busy server is killed with SIGKILL in the middle of a burst; the other two take its jobs over once their lease runs
// out, and every job ends once: delivered once, sent to fal once, billed once (or, for a submit on its way when the
// process died, told to retry). PostgreSQL only: SQLite is for one process.
import { afterEach, describe, expect, it } from "vitest";
import { guildOnShard } from "../fakes/discord/index.js";
import { falRequests, imagine, refOf, resultWrites, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJobs, submitArrivals } from "./job-records.js";
import { ledgerRows, plainMember } from "./policy-helpers.js";
import { chosenDatabase } from "./test-database.js";
import { textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Three processes, one shard of three each; the harness's main server is on shard 1 (its process is returned as `busy`). */
async function threeProcesses(fal: { queueMs: number; runMs: number }) {
  const harness = await startHarness({
    discord: { guildIds: { main: guildOnShard(1, 3), second: guildOnShard(0, 3) } },
    fal,
    env: { SHARD_COUNT: "3", SHARD_IDS: "0", JOB_LEASE_MS: "1500" },
  });
  h = harness;
  const busy = await harness.startAnother({ SHARD_IDS: "1" });
  await harness.startAnother({ SHARD_IDS: "2" });
  return { harness, busy };
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

    const finals = await Promise.all(interactions.map((interaction) => waitForFinal(harness, interaction, 90_000)));
    await expect.poll(async () => (await storedJobs(harness)).every((j) => ["delivered", "failed"].includes(j.state)), { timeout: 30_000 }).toBe(true);
    const after = await storedJobs(harness);
    // Taken over by the two living processes.
    expect(new Set(after.map((j) => j.owner)).has("shards-1")).toBe(false);

    const delivered = finals.filter((final) => final.attachments.length === 1);
    const toldToRetry = finals.filter((final) => /restarted before fal confirmed this job.*Retry/.test(textOf(final) ?? ""));
    expect(delivered.length + toldToRetry.length).toBe(60);
    expect(toldToRetry.length).toBeLessThanOrEqual(2);
    const inDoubt = new Set(before.filter((j) => j.state === "submitting").map((j) => j.ref));
    for (const final of toldToRetry) expect(inDoubt.has(refOf(final))).toBe(true);
    interactions.forEach((interaction, i) => expect(resultWrites(harness, interaction), `job ${i + 1}`).toHaveLength(finals[i]!.attachments.length));
    const prompts = falRequests(harness, "submit").map((r) => String(submitBody(r).prompt));
    expect(new Set(prompts).size).toBe(prompts.length);
    const ledger = new Map((await ledgerRows(harness)).map((row) => [row.job_id, row.status]));
    expect(ledger.size).toBe(60);
    for (const job of after) expect([job.state, ledger.get(job.id)]).toEqual(inDoubt.has(job.ref) ? ["failed", "released"] : ["delivered", "settled"]);
  });

});
