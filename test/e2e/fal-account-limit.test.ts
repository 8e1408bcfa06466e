// Issue 16, item 2: members take turns whatever fal's account limit. fal runs only so many of an account's requests
// at once and queues the rest first come, first served; falcord finds that limit by itself (or is told it) and keeps
// the rest in its own fair queue, so a member with one job does not wait behind another member's flood.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InteractionHandle } from "../fakes/discord/index.js";
import { bodyOf, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { peakAtFal } from "./job-records.js";
import { changeSettings, plainMember } from "./policy-helpers.js";
import { galleryOf } from "./v2-message.js";

/** When the member saw the job's final reply: when the fake had answered that edit (performance.now()). */
async function deliveredAt(h: Harness, interaction: InteractionHandle, timeoutMs: number): Promise<number> {
  await waitForFinal(h, interaction, timeoutMs);
  const edits = h.discord.requests.filter(
    (r) => r.method === "PATCH" && r.path.includes(interaction.token) && galleryOf(bodyOf(r)).length > 0,
  );
  return edits.at(-1)!.finishedAt!;
}

/** The most of the fake fal's jobs that were ever IN_PROGRESS at the same moment. */
function peakRunning(h: Harness): number {
  const spans = [...h.fal.jobs.values()].filter((job) => job.startedAt !== undefined).map((job) => [job.startedAt!, job.completedAt!] as const);
  return Math.max(...spans.map(([start]) => spans.filter(([s, end]) => s <= start && start < end).length));
}

describe("fal limited to 4 at once, MAX_CONCURRENT_JOBS 16 and no limit configured", () => {
  let h: Harness;
  const jobMs = 2000;
  beforeAll(async () => {
    h = await startHarness({ fal: { accountLimit: 4, queueMs: 20, runMs: jobMs } });
    await changeSettings(h, "set", { max_jobs_in_flight: 5 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("8 members send 3 jobs each, one more member one job 0.6 s later: that job is delivered within 8.9 s", async () => {
    const flooders = Array.from({ length: 8 }, (_, i) => plainMember(h, `flooder${i}`));
    const flood = flooders.flatMap((user, i) => [1, 2, 3].map((n) => imagine(h, { prompt: `member ${i} job ${n}`, user })));
    for (const interaction of flood) expect((await interaction.response()).type).toBe(5);

    await new Promise((resolve) => setTimeout(resolve, 600));
    const sentAt = performance.now();
    const late = imagine(h, { prompt: "the late member's only job", user: plainMember(h, "late") });
    expect((await late.response()).type).toBe(5);
    const lateMs = (await deliveredAt(h, late, 30_000)) - sentAt;

    // A perfect round robin: 5.4 s (the first job of each of the 8 members, two rounds of 4) plus one job and 1.5 s.
    expect(lateMs).toBeLessThanOrEqual(8900);
    const finals = await Promise.all(flood.map((interaction) => waitForFinal(h, interaction, 60_000)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);
    expect(h.fal.jobs.size).toBe(25);
    expect(peakRunning(h)).toBe(4);
    // falcord kept the flood in its own queue: fal's line never held more than a probe or two beyond its 4.
    expect(peakAtFal(h)).toBeLessThanOrEqual(7);
    console.info(`the late member's job was delivered ${Math.round(lateMs)} ms after its command`);
  });
});

describe("FAL_CONCURRENCY_LIMIT=3, a known limit", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { FAL_CONCURRENCY_LIMIT: "3" }, fal: { accountLimit: 3, queueMs: 20, runMs: 300 } });
    await changeSettings(h, "set", { max_jobs_in_flight: 5 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("never has more than 3 requests at fal, from the first job on", async () => {
    const users = [h.discord.users.member, h.discord.users.other, h.discord.users.moderator];
    const jobs = users.flatMap((user, i) => [1, 2, 3, 4].map((n) => imagine(h, { prompt: `m${i} j${n}`, user })));
    const finals = await Promise.all(jobs.map((interaction) => waitForFinal(h, interaction, 30_000)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);
    expect(peakAtFal(h)).toBe(3);
  });
});
