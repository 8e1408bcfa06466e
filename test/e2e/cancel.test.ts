// Issue 17, item 1: Cancel, under a job's progress while it waits or runs. The request is cancelled at fal (or
// leaves falcord's queue before it got there), the reservation is released and the reply says so; only the
// requester or a member who may manage messages can press it, and it works after a restart.
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, falRequests, imagine, resultWrites, submitBody } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { changeSettings } from "./policy-helpers.js";
import { buttonIdsOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;

/** The reply once its progress shows the Cancel button. */
function withCancel(interaction: InteractionHandle): Promise<FakeMessage> {
  return interaction.waitForOriginal((m) => buttonIds(m).some((id) => id.startsWith("job:1:cancel:")), 15_000);
}

function cancelId(message: FakeMessage): string {
  return buttonIds(message).find((id) => id.startsWith("job:1:cancel:"))!;
}

const cancelledText = (userId: string) => new RegExp(`^🛑 Cancelled by <@${userId}>; nothing was charged\\. \\(ref [A-Z2-9]{6}\\)$`);

describe("Cancel", () => {
  it("of a job fal is running: cancelled at fal, released, the reply says so, never delivered; a stranger cannot", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" } });
    h.fal.failNext({ kind: "never-finish" });
    const interaction = imagine(h, { prompt: "a lighthouse that never ends" });
    expect((await interaction.response()).type).toBe(5);
    await h.fal.waitForArrival((a) => a.route === "stream", 10_000);
    const progress = await withCancel(interaction);

    const stranger = h.discord.clickButton({ message: progress, customId: cancelId(progress), user: h.discord.users.other });
    const refusal = await stranger.response();
    expect([refusal.type, refusal.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refusal.data.content).toMatch(/Only the person who asked for this image, or a moderator with Manage Messages, can cancel it/);
    expect(falRequests(h, "cancel")).toHaveLength(0);

    const press = h.discord.clickButton({ message: progress, customId: cancelId(progress) });
    expect((await press.response()).type).toBe(6);
    const reply = await interaction.waitForOriginal((m) => cancelledText(h!.discord.users.member.id).test(textOf(m)), 10_000);
    expect(buttonIdsOf(reply)).toEqual([]);
    const requestId = falRequests(h, "submit")[0]!.requestId;
    expect(falRequests(h, "cancel").map((r) => [r.requestId, r.status])).toEqual([[requestId, 202]]);
    expect(h.fal.jobs.get(requestId!)?.cancelled).toBe(true);
    expect(await storedJob(h, interaction)).toMatchObject({ state: "cancelled", ledger: "released" });
    expect(resultWrites(h, interaction)).toEqual([]);
    // The reply names who cancelled, and pings nobody.
    const last = h.discord.requests.filter((r) => r.method === "PATCH" && r.path.includes(interaction.token)).at(-1)!;
    expect((last.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
  });

  it("of a job waiting in falcord's queue, by a moderator: it never reaches fal", async () => {
    h = await startHarness({ env: { MAX_CONCURRENT_JOBS: "1", PROGRESS_INTERVAL_MS: "250" } });
    await changeSettings(h, "set", { max_jobs_in_flight: 5 });
    h.fal.failNext({ kind: "never-finish" });
    const first = imagine(h, { prompt: "holding the only slot" });
    await h.fal.waitForArrival((a) => a.route === "stream", 10_000);
    const second = imagine(h, { prompt: "waiting behind it" });
    expect((await second.response()).type).toBe(5);
    const waiting = await second.waitForOriginal((m) => /Waiting for a free slot/.test(textOf(m)) && buttonIds(m).length > 0, 15_000);

    const press = h.discord.clickButton({ message: waiting, customId: cancelId(waiting), user: h.discord.users.moderator });
    expect((await press.response()).type).toBe(6);
    await second.waitForOriginal((m) => cancelledText(h!.discord.users.moderator.id).test(textOf(m)), 10_000);
    expect(falRequests(h, "submit").map((r) => submitBody(r).prompt)).toEqual(["holding the only slot"]);
    expect(await storedJob(h, second)).toMatchObject({ state: "cancelled", ledger: "released" });
    // The first job still runs, untouched.
    expect(textOf(first.original())).not.toMatch(/Cancelled/);
  });

  it("works after a restart: the job resumed at fal is cancelled there", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" } });
    h.fal.failNext({ kind: "never-finish" });
    const interaction = imagine(h, { prompt: "outliving the bot" });
    await h.fal.waitForArrival((a) => a.route === "stream", 10_000);
    const progress = await withCancel(interaction);
    await h.bot.kill();
    const bot = await h.restart();
    await bot.waitForMessage("recovering a job");

    const press = h.discord.clickButton({ message: progress, customId: cancelId(progress) });
    expect((await press.response()).type).toBe(6);
    await interaction.waitForOriginal((m) => cancelledText(h!.discord.users.member.id).test(textOf(m)), 10_000);
    expect(falRequests(h, "submit")).toHaveLength(1);
    expect(falRequests(h, "cancel")).toHaveLength(1);
    expect(await storedJob(h, interaction)).toMatchObject({ state: "cancelled", ledger: "released" });
  });
});
