// Issue 4 end to end: a result's buttons are looked up in the database, so they keep working after a restart;
// a job outlives its interaction token by editing its reply with the bot token; and a result whose reply a
// moderator deleted while it ran still reaches its member, privately.
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, falRequests, imagine, refOf, resultWrites, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { ledgerRows } from "./policy-helpers.js";
import { galleryOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;

function refOfResult(message: FakeMessage): string {
  const reroll = buttonIds(message).find((id) => id.startsWith("job:1:reroll:"));
  if (!reroll) throw new Error(`no Re-roll button under the message: ${JSON.stringify(message.components)}`);
  return reroll.split(":")[3]!;
}

describe("a result's buttons after a restart", () => {
  it("Re-roll, Edit and Delete work; Delete by another member is refused; a result the bot has no record of is explained", async () => {
    h = await startHarness();
    // Nano Banana 2 takes a seed (Gemini 2.5 Flash Image, the default, does not).
    const first = imagine(h, { prompt: "a red fox in the snow", options: { model: "nano-banana-2", seed: 1234 } });
    const result = await waitForFinal(h, first);
    expect(result.attachments).toHaveLength(1);
    const ref = refOfResult(result);
    expect(buttonIds(result).slice(0, 3)).toEqual([`job:1:reroll:${ref}`, `job:1:edit:${ref}`, `job:1:delete:${ref}`]);
    expect(buttonIds(result).slice(3)).toContain(`job:1:upscale2k:${ref}:1`);
    const [original] = falRequests(h, "submit");
    const outputUrls = (h.fal.jobs.get(original!.requestId!)!.result!.body as { images: { url: string }[] }).images.map((i) => i.url);
    expect(outputUrls).toHaveLength(1);

    await h.restart();

    // Re-roll: a new reply, the same request at the same endpoint, a new seed.
    const reroll = h.discord.clickButton({ message: result, customId: `job:1:reroll:${ref}` });
    expect((await reroll.response()).type).toBe(5);
    const rerolled = await waitForFinal(h, reroll);
    expect(rerolled.attachments, textOf(rerolled)).toHaveLength(1);
    expect(rerolled.id).not.toBe(result.id);
    const [, again] = falRequests(h, "submit");
    expect(again?.endpoint).toBe(original!.endpoint);
    expect(submitBody(again!)).toMatchObject({ prompt: "a red fox in the snow", seed: expect.any(Number) });
    expect(submitBody(again!).seed).not.toBe(1234);
    expect(submitBody(original!).seed).toBe(1234);

    // Edit: a modal, then an edit whose input is the result's images as fal served them.
    const editClick = h.discord.clickButton({ message: result, customId: `job:1:edit:${ref}` });
    const modal = await editClick.response();
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toBe(`jobedit:1:${ref}`);
    const submitted = h.discord.submitModal({ customId: modal.data.custom_id, fields: { prompt: "make it night", model: "nano-banana-edit" } });
    expect((await submitted.response()).type).toBe(5);
    const edited = await waitForFinal(h, submitted);
    expect(edited.attachments, textOf(edited)).toHaveLength(1);
    const editSubmit = falRequests(h, "submit")[2];
    expect(editSubmit?.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(submitBody(editSubmit!)).toMatchObject({ prompt: "make it night", image_urls: outputUrls });

    // Delete by someone else: refused, privately; the result stays.
    const refused = await h.discord.clickButton({ message: result, customId: `job:1:delete:${ref}`, user: h.discord.users.other }).response();
    expect(refused.type).toBe(4);
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.data.content).toMatch(/Only the person who asked/);
    expect(h.discord.requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/messages/${result.id}`))).toEqual([]);
    expect(result.deleted).toBe(false);

    // Delete by the requester: gone.
    const deletion = h.discord.clickButton({ message: result, customId: `job:1:delete:${ref}` });
    expect((await deletion.response()).type).toBe(6);
    await h.discord.waitForRequest((r) => r.method === "DELETE" && r.path.endsWith(`/messages/${result.id}`) && r.status === 204);
    expect(result.deleted).toBe(true);
    await h.discord.waitForRequest((r) => r.method === "POST" && r.path.includes(deletion.token) && r.status === 200);
    const [confirmation] = deletion.followUps();
    expect(confirmation?.content).toBe("Deleted.");
    expect((confirmation?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(rerolled.deleted).toBe(false);

    // The database is lost: the buttons of results it knew reach a bot without their records.
    await h.bot.stop();
    await h.database.wipe();
    await h.restart();
    const submitsBefore = falRequests(h, "submit").length;
    const unknown = h.discord.clickButton({ message: rerolled, customId: buttonIds(rerolled)[0]! });
    const explained = await unknown.response();
    expect(explained.at - unknown.dispatchedAt).toBeLessThan(3000);
    expect(explained.type).toBe(4);
    expect(explained.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(explained.data.content).toMatch(/no longer in the bot's records/);
    expect(h.fal.arrivals.filter((a) => a.route === "submit")).toHaveLength(submitsBefore);
  });
});

describe("a job that outlives its interaction token", () => {
  it("sends a private result whose token ran out as one direct message, with no progress messages before it", async () => {
    h = await startHarness({ discord: { interactionTokenTtlMs: 2000 }, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: "a quiet harbour at night", options: { private: true } });
    expect((await interaction.response()).type).toBe(5);

    const result = await h.discord.waitForRequest((r) => r.kind === "http" && r.files.length > 0, 20_000);
    expect(result).toMatchObject({ method: "POST", route: "/channels/:ch/messages", status: 200 });
    const posted = h.discord.requests.filter((r) => r.kind === "http" && r.method === "POST" && r.route === "/channels/:ch/messages");
    expect(posted).toEqual([result]);
    const dms = h.discord.directMessages(h.discord.users.member.id);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.attachments).toHaveLength(1);
    expect(result.path.endsWith(`/channels/${dms[0]!.channel_id}/messages`)).toBe(true);
  });

  it("delivers by editing the original reply with the bot token", async () => {
    h = await startHarness({ discord: { interactionTokenTtlMs: 2000 }, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: "a slow glacier" });
    expect((await interaction.response()).type).toBe(5);
    const reply = interaction.original()!;

    const write = await h.discord.waitForRequest((r) => r.kind === "http" && r.files.length > 0, 20_000);
    expect(write).toMatchObject({ method: "PATCH", route: "/channels/:ch/messages/:id", status: 200 });
    expect(write.path.endsWith(`/channels/${reply.channel_id}/messages/${reply.id}`)).toBe(true);
    expect(write.headers.authorization).toBe("Bot ***");
    expect(reply.attachments).toHaveLength(1);
    expect(galleryOf(reply).map((item) => item.name)).toEqual(reply.attachments.map((file) => file.filename));
    expect(buttonIds(reply)[0]).toMatch(/^job:1:reroll:/);
    expect(resultWrites(h, interaction)).toEqual([write]);
    expect(h.discord.messages().map((m) => m.id)).toEqual([reply.id]);
    expect(h.discord.requests.filter((r) => r.method === "POST" && r.route === "/channels/:ch/messages")).toEqual([]);
  });
});

describe("Retry of a job whose result fal made but that never reached the member", () => {
  it("delivers that result in place of the notice: nothing sent to fal again, nothing charged again", async () => {
    h = await startHarness();
    const release = h.fal.holdCdn();
    const interaction = imagine(h, { prompt: "a cliff at noon" });
    const download = await h.fal.waitForArrival((a) => a.route === "cdn", 10_000);
    // fal's CDN refuses the output for a while: the delivery fails after fal made (and billed) the image.
    h.fal.refuseUrl(download.targetUrl!);
    release();
    const failed = await waitForFinal(h, interaction);
    expect(textOf(failed)).toMatch(/could not be downloaded from fal/);
    const ref = refOf(failed);
    expect(buttonIds(failed)).toEqual([`job:1:retry:${ref}`]);
    const billed = await ledgerRows(h);
    expect(billed).toEqual([expect.objectContaining({ status: "settled", images: 1 })]);

    h.fal.acceptUrl(download.targetUrl!);
    // Retry is the requester's: another member is told so, privately, and nothing happens.
    const stranger = h.discord.clickButton({ message: failed, customId: `job:1:retry:${ref}`, user: h.discord.users.other });
    const refusal = await stranger.response();
    expect([refusal.type, refusal.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refusal.data.content).toMatch(/Only the person who asked for this image can retry it/);
    expect(textOf(interaction.original()!)).toBe(textOf(failed));

    const retry = h.discord.clickButton({ message: failed, customId: `job:1:retry:${ref}` });
    expect((await retry.response()).type).toBe(6);
    await h.bot.waitForMessage("delivered");
    const reply = interaction.original()!;
    expect(reply.id).toBe(failed.id);
    expect(reply.attachments).toHaveLength(1);
    expect(buttonIds(reply)[0]).toBe(`job:1:reroll:${ref}`);
    expect(h.discord.messages().filter((m) => m.interactionId !== stranger.id).map((m) => m.id)).toEqual([failed.id]);
    expect(h.fal.arrivals.filter((a) => a.route === "submit")).toHaveLength(1);
    expect(await ledgerRows(h)).toEqual(billed);
  });
});

describe("a job whose channel the bot lost", () => {
  it.each([
    { lost: "View Channel (50001 Missing Access)", code: 50001, revoke: (harness: Harness) => harness.discord.hideChannelFromBot(harness.discord.channels.general) },
    { lost: "Attach Files (50013 Missing Permissions)", code: 50013, revoke: (harness: Harness) => harness.discord.denyBotAttachFiles(harness.discord.channels.general) },
  ])("delivers the result by direct message, once, when an admin took away the bot's $lost", async ({ code, revoke }) => {
    h = await startHarness({ discord: { interactionTokenTtlMs: 2000 }, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: `a lantern in a closed room (${code})` });
    expect((await interaction.response()).type).toBe(5);
    // The admin acts while fal works; the interaction token runs out meanwhile, so the result goes with the bot token.
    revoke(h);

    const refused = await h.discord.waitForRequest((r) => r.kind === "http" && r.route === "/channels/:ch/messages/:id" && r.status === 403, 20_000);
    expect(refused.method).toBe("PATCH");
    expect((refused.response as { code: number }).code).toBe(code);
    const delivered = await h.discord.waitForRequest((r) => r.kind === "http" && r.files.length > 0 && r.status === 200, 20_000);
    const dms = h.discord.directMessages(h.discord.users.member.id);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.attachments).toHaveLength(1);
    expect(buttonIds(dms[0]!)[0]).toMatch(/^job:1:reroll:/);
    expect(delivered.path.endsWith(`/channels/${dms[0]!.channel_id}/messages`)).toBe(true);
    await h.bot.waitForMessage("delivered");
    expect(h.discord.requests.filter((r) => r.kind === "http" && r.files.length > 0 && r.status === 200)).toEqual([delivered]);
  });
});

describe("a reply a moderator deletes while its job runs", () => {
  const ORIGINAL = "/webhooks/:app/:token/messages/@original";
  const REPLY = "/channels/:ch/messages/:id";

  /** Waits for the reply's first edit on `route` (a progress edit), then deletes the reply as a moderator would; returns where the records stood. */
  async function deleteReplyMidway(t: Harness, interaction: InteractionHandle, route: string): Promise<number> {
    await t.discord.waitForRequest((r) => r.method === "PATCH" && r.route === route && r.status === 200, 10_000);
    const from = t.discord.requests.length;
    t.discord.deleteMessage(interaction.original()!.id);
    return from;
  }

  async function jobState(t: Harness): Promise<string> {
    return (await t.database.get<{ state: string }>("select state from jobs"))!.state;
  }

  /** [method, route, status] of the bot's writes since `from` (the gateway and the acknowledgement left out). */
  const writesSince = (t: Harness, from: number) =>
    t.discord.requests
      .slice(from)
      .filter((r) => r.kind === "http" && r.method !== "GET" && !r.route.startsWith("/interactions/"))
      .map((r) => [r.method, r.route, r.status]);

  /** The member got the result in their direct messages, and the channel nothing new. */
  function expectResultByDirectMessage(t: Harness): void {
    const member = t.discord.users.member;
    const dms = t.discord.directMessages(member.id);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.attachments).toHaveLength(1);
    expect(galleryOf(dms[0]!).map((item) => item.name)).toEqual(dms[0]!.attachments.map((file) => file.filename));
    expect(buttonIds(dms[0]!)[0]).toMatch(/^job:1:reroll:/);
    expect(t.discord.messages().filter((m) => m.channel_id !== dms[0]!.channel_id && !m.deleted)).toEqual([]);
  }

  it.each([
    { when: "while the token lasts", discord: {}, edit: ORIGINAL },
    { when: "once the token expired (edits go with the bot token)", discord: { interactionTokenTtlMs: 2000 }, edit: REPLY },
  ])("$when: one edit learns the reply is gone; no progress after it, and the result goes to its member by direct message, not into the channel", async ({ discord, edit }) => {
    h = await startHarness({ discord, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: "a lighthouse keeper's cat" });
    expect((await interaction.response()).type).toBe(5);
    const from = await deleteReplyMidway(h, interaction, edit);

    await h.discord.waitForRequest((r) => r.method === "POST" && r.files.length > 0, 20_000);
    expectResultByDirectMessage(h);
    expect(writesSince(h, from)).toEqual([
      ["PATCH", edit, 404],
      ["POST", "/users/@me/channels", 200],
      ["POST", "/channels/:ch/messages", 200],
    ]);
    await expect.poll(() => jobState(h!)).toBe("delivered");
  });
});
