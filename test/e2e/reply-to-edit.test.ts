// Issue 17, item 6: reply to edit. A member replies to a result (the reply's ping on, or mentioning the bot) with
// what to change; the bot answers that message with its own reply, which shows the edit's progress and then its
// result. The MESSAGE_CREATE comes from the fake gateway, which shows the bot (no Message Content intent) the words
// of a message only when it mentions the bot, as Discord does.
import { GatewayIntentBits } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import type { RecordedFalRequest } from "../fakes/fal/index.js";
import { buttonIds, falRequests, hostImage, imagine, submitBody, waitForFinal, watchedAtFal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { refuseUpdates } from "./test-database.js";
import { changeSettings, ledgerRows } from "./policy-helpers.js";
import { buttonIdsOf, galleryOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The job ref under a result (its Re-roll button) or a progress (its Cancel button). */
function refOf(message: FakeMessage): string {
  const id = buttonIds(message).find((custom) => /^job:1:(reroll|cancel):/.test(custom));
  if (!id) throw new Error(`no job button under the message: ${textOf(message)}`);
  return id.split(":")[3]!;
}

/** The result, once the bot has also recorded it as delivered (a reply to it finds it from then on). */
async function deliveredResult(harness: Harness, message: Promise<FakeMessage>): Promise<FakeMessage> {
  const result = await message;
  const ref = refOf(result);
  await harness.bot.waitForLog((line) => line.msg === "delivered" && line.job === ref);
  return result;
}

async function imagined(
  harness: Harness,
  prompt: string,
  options?: Record<string, string | number | boolean>,
): Promise<{ interaction: InteractionHandle; result: FakeMessage }> {
  const interaction = imagine(harness, { prompt, ...(options ? { options } : {}) });
  return { interaction, result: await deliveredResult(harness, waitForFinal(harness, interaction)) };
}

/** The bot's reply to the member's message, once it matches. */
function botReplyTo(harness: Harness, asked: FakeMessage, pred: (m: FakeMessage) => boolean = () => true): Promise<FakeMessage> {
  return harness.discord.waitForMessage(
    (m) => m.author.id === harness.discord.applicationId && m.message_reference?.message_id === asked.id && pred(m),
    15_000,
  );
}

const FIRERED = "fal-ai/firered-image-edit-v1.1";

const isResult = (m: FakeMessage) => galleryOf(m).length > 0 && m.attachments.length > 0;

/** The image URLs fal served for a request (what the channel shows, and what an edit of it sends back). */
function outputUrls(harness: Harness, submit: RecordedFalRequest): string[] {
  return (harness.fal.jobs.get(submit.requestId!)!.result!.body as { images: { url: string }[] }).images.map((image) => image.url);
}

interface JobRow {
  id: number;
  ref: string;
  state: string;
  parent_job_id: number | null;
  reply_message_id: string | null;
  token_expires_at: number;
  requester_id: string;
}

/** The job a member's message started (its interaction id column holds the message's id). */
function jobOf(harness: Harness, asked: Pick<FakeMessage, "id">): Promise<JobRow | undefined> {
  return harness.database.get<JobRow>(
    "SELECT id, ref, state, parent_job_id, reply_message_id, token_expires_at, requester_id FROM jobs WHERE interaction_id = ?",
    asked.id,
  );
}


/** Every message the bot posted in answer to this member's message. */
const botRepliesTo = (harness: Harness, asked: FakeMessage) =>
  harness.discord.messages().filter((m) => m.message_reference?.message_id === asked.id);

describe("reply to edit", () => {
  it("edits the result a member replies to, in the bot's reply to them; replying to the new result goes on from it", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" } });
    const { interaction, result } = await imagined(h, "a lighthouse at dusk");
    const [original] = falRequests(h, "submit");

    const asked = h.discord.postUserMessage({ replyTo: result, content: "make it night, with the lamp lit" });
    const reply = await botReplyTo(h, asked, isResult);
    const edit = falRequests(h, "submit")[1]!;
    expect(edit.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(submitBody(edit)).toMatchObject({ prompt: "make it night, with the lamp lit", image_urls: outputUrls(h, original!) });

    // Progress first (with its Cancel button), then the result, in one message: the bot's reply to the member.
    expect(textOf(reply.history[0]!)).toMatch(/^\*\*Nano Banana \(edit\)\*\* · \S?make it night, with the lamp lit\S?\n⏳ Starting…$/u);
    expect(buttonIds({ ...reply, components: reply.history[0]!.components })).toEqual([`job:1:cancel:${refOf(reply)}`]);
    expect(buttonIds(reply)).toContain(`job:1:edit:${refOf(reply)}`);
    const posted = h.discord.requests.filter((r) => r.method === "POST" && r.route === "/channels/:ch/messages");
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ message_reference: { message_id: asked.id }, allowed_mentions: { parse: [], replied_user: false } });
    expect(reply.mentions).toEqual([]);
    // Edited with the bot token (there is no interaction); the files went once. (The fake records a request once answered.)
    await h.discord.waitForRequest((r) => r.path.endsWith(`/messages/${reply.id}`) && r.files.length > 0);
    const writes = h.discord.requests.filter((r) => r.kind === "http" && r.path.endsWith(`/messages/${reply.id}`));
    expect(writes.every((r) => r.method === "PATCH" && r.route === "/channels/:ch/messages/:id")).toBe(true);
    expect(writes.filter((r) => r.files.length > 0)).toHaveLength(1);
    expect(botRepliesTo(h, asked).map((m) => m.id)).toEqual([reply.id]);

    const parent = (await jobOf(h, { id: interaction.id }))!;
    const job = (await jobOf(h, asked))!;
    expect(job).toMatchObject({ parent_job_id: parent.id, reply_message_id: reply.id, token_expires_at: 0, requester_id: h.discord.users.member.id });
    await h.bot.waitForLog((line) => line.msg === "delivered" && line.job === job.ref);
    // Charged to the member, as /edit is.
    expect((await ledgerRows(h)).find((row) => row.job_id === job.id)).toMatchObject({ user_id: h.discord.users.member.id, model_id: "nano-banana-edit", status: "settled" });

    // The bot asked for server messages (not privileged), never for their content (privileged).
    const identify = h.discord.requests.find((r) => r.kind === "gateway" && r.direction === "in" && r.op === 2)!;
    const { intents } = (identify.body as { d: { intents: number } }).d;
    expect([intents & GatewayIntentBits.GuildMessages, intents & GatewayIntentBits.MessageContent]).toEqual([GatewayIntentBits.GuildMessages, 0]);

    // A reply to the new result edits that one.
    const again = h.discord.postUserMessage({ replyTo: reply, content: "add falling snow" });
    await botReplyTo(h, again, isResult);
    const next = falRequests(h, "submit")[2]!;
    expect(submitBody(next)).toMatchObject({ prompt: "add falling snow", image_urls: outputUrls(h, edit) });
    expect(await jobOf(h, again)).toMatchObject({ parent_job_id: job.id });
  });

  it("adds the images attached to the reply as references, and refuses a file that is not one", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "an empty sofa");
    const photo = await hostImage(h, "cat.png");
    const asked = h.discord.postUserMessage({ replyTo: result, content: "put this cat on the sofa", attachments: [photo] });
    await botReplyTo(h, asked, isResult);
    const edit = falRequests(h, "submit")[1]!;
    expect(submitBody(edit)).toMatchObject({
      prompt: "put this cat on the sofa",
      image_urls: [...outputUrls(h, falRequests(h, "submit")[0]!), asked.attachments[0]!.url],
    });

    // A file that is not an image: the member is told what to attach instead, and nothing goes to fal.
    const notes = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain", data: Buffer.from("a cat, please") });
    const wrong = h.discord.postUserMessage({ replyTo: result, content: "use my notes", attachments: [notes] });
    const refusal = await botReplyTo(h, wrong);
    expect(refusal.content).toBe(
      "Nothing was sent to the model. Please change this:\n• notes.txt is not an image the models can read (text/plain); attach a PNG, JPEG, WebP or GIF.",
    );
    expect(falRequests(h, "submit")).toHaveLength(2);
  });

  it("does nothing with a reply whose ping is off (Discord does not show the bot its words); mentioning the bot works", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "a quiet harbour");
    const quiet = h.discord.postUserMessage({ replyTo: result, content: "make it stormy", ping: false });
    const mentioned = h.discord.postUserMessage({ replyTo: result, content: `<@${h.discord.applicationId}> make it sunny`, ping: false });
    // The bot reads its gateway in order: by the time it answered the second, it had passed over the first.
    await botReplyTo(h, mentioned, isResult);
    expect(falRequests(h, "submit").map((r) => submitBody(r).prompt)).toEqual(["a quiet harbour", "make it sunny"]);
    expect(botRepliesTo(h, quiet)).toEqual([]);
    expect(await jobOf(h, quiet)).toBeUndefined();
  });

  it("ignores a reply that mentions the bot but answers a message that is not one of its results", async () => {
    h = await startHarness();
    const drawing = h.discord.postUserMessage({ user: h.discord.users.other, content: "my drawing" });
    const asked = h.discord.postUserMessage({ replyTo: drawing, content: `<@${h.discord.applicationId}> make it night` });
    await h.bot.waitForLog((line) => line.msg === "a reply mentioning the bot is not to one of its results; ignored" && line.message === asked.id);
    expect(falRequests(h, "submit")).toEqual([]);
    expect(h.discord.messages()).toEqual([]);
  });

  it("answers a reply over the member's limits with what to change, pinging nobody, and sends nothing to fal", async () => {
    h = await startHarness();
    await changeSettings(h, "set", { daily_image_quota: 1 });
    const { result } = await imagined(h, "a red kite");
    const ledger = (await ledgerRows(h)).length;
    const asked = h.discord.postUserMessage({ replyTo: result, content: "make it blue" });
    const refusal = await botReplyTo(h, asked);
    expect(refusal.content).toMatch(
      /^Nothing was sent to the model\. Please change this:\n• You have used 1 of your 1 images today; it resets <t:\d+:R>\.$/,
    );
    expect(refusal.components).toEqual([]);
    expect(refusal.mentions).toEqual([]);
    expect(refusal.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(falRequests(h, "submit")).toHaveLength(1);
    expect(await ledgerRows(h)).toHaveLength(ledger);
    expect(await jobOf(h, asked)).toBeUndefined();
  });

  it("offers Cancel on its progress: the edit is cancelled at fal and released", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" } });
    const { result } = await imagined(h, "a castle");
    h.fal.failNext({ kind: "never-finish" });
    const asked = h.discord.postUserMessage({ replyTo: result, content: "add a dragon" });
    const progress = await botReplyTo(h, asked);
    await watchedAtFal(h, (submit) => submitBody(submit).prompt === textOf(asked));
    const press = h.discord.clickButton({ message: progress, customId: `job:1:cancel:${refOf(progress)}` });
    expect((await press.response()).type).toBe(6);
    const cancelled = await botReplyTo(h, asked, (m) => /^🛑 Cancelled by <@\d+>; nothing was charged\. \(ref [A-Z2-9]{6}\)$/.test(textOf(m)));
    expect(buttonIdsOf(cancelled)).toEqual([]);
    expect(falRequests(h, "cancel")).toHaveLength(1);
    const job = (await jobOf(h, asked))!;
    expect(job.state).toBe("cancelled");
    expect((await ledgerRows(h)).find((row) => row.job_id === job.id)?.status).toBe("released");
  });

  it("resumes after a restart and delivers into the same reply", async () => {
    let slow = false;
    h = await startHarness({ fal: { runMs: () => (slow ? 2500 : 200) } });
    const { result } = await imagined(h, "a windmill");
    slow = true;
    const asked = h.discord.postUserMessage({ replyTo: result, content: "make it winter" });
    const progress = await botReplyTo(h, asked);
    await watchedAtFal(h, (submit) => submitBody(submit).prompt === textOf(asked));
    await h.bot.kill();
    const bot = await h.restart();
    expect(bot.logs.find((line) => line.msg === "recovering a job")).toMatchObject({ state: expect.stringMatching(/^(submitted|running)$/) });
    const reply = await botReplyTo(h, asked, isResult);
    expect(reply.id).toBe(progress.id);
    expect(botRepliesTo(h, asked)).toHaveLength(1);
    expect(falRequests(h, "submit").map((r) => submitBody(r).prompt)).toEqual(["a windmill", "make it winter"]);
  });
  it("edits one image of a set: the first, or the one the reply starts with the number of", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "two foxes", { count: 2 });
    const shown = outputUrls(h, falRequests(h, "submit")[0]!);
    expect(shown).toHaveLength(2);

    const second = h.discord.postUserMessage({ replyTo: result, content: "2: make it night" });
    await botReplyTo(h, second, isResult);
    expect(submitBody(falRequests(h, "submit")[1]!)).toMatchObject({ prompt: "make it night", image_urls: [shown[1]] });

    const first = h.discord.postUserMessage({ replyTo: result, content: "make it day" });
    await botReplyTo(h, first, isResult);
    expect(submitBody(falRequests(h, "submit")[2]!)).toMatchObject({ prompt: "make it day", image_urls: [shown[0]] });

    const hashed = h.discord.postUserMessage({ replyTo: result, content: "#2 add snow" });
    await botReplyTo(h, hashed, isResult);
    expect(submitBody(falRequests(h, "submit")[3]!)).toMatchObject({ prompt: "add snow", image_urls: [shown[1]] });
  });

  it("refuses more attached images than the model takes besides the result's", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "an empty room");
    const photos = [await hostImage(h, "a.png"), await hostImage(h, "b.png"), await hostImage(h, "c.png")];
    const asked = h.discord.postUserMessage({ replyTo: result, content: "put these in the room", attachments: photos });
    const refusal = await botReplyTo(h, asked);
    expect(refusal.content).toBe(
      "Nothing was sent to the model. Please change this:\n• Nano Banana (edit) takes at most 3 images, the result's and 2 attached images; you attached 3. Attach fewer images.",
    );
    expect(falRequests(h, "submit")).toHaveLength(1);
  });

  it("edits a result that has no edit version (an upscale) with the server's default edit model", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "a lantern");
    await changeSettings(h, "set", { default_edit_model: "firered-edit" });
    const press = h.discord.clickButton({ message: result, customId: `job:1:upscale2k:${refOf(result)}:1` });
    const upscaled = await deliveredResult(h, waitForFinal(h, press));
    expect(falRequests(h, "submit")[1]!.endpoint).toBe("fal-ai/seedvr/upscale/image");
    const asked = h.discord.postUserMessage({ replyTo: upscaled, content: "make it green" });
    await botReplyTo(h, asked, isResult);
    const edit = falRequests(h, "submit")[2]!;
    expect(edit.endpoint).toBe(FIRERED);
    const job = (await jobOf(h, asked))!;
    expect((await ledgerRows(h)).find((row) => row.job_id === job.id)).toMatchObject({ model_id: "firered-edit" });
  });

  it("says nothing to a reply in a channel the server does not let the bot work in", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "a barn");
    await changeSettings(h, "channel", { channel: h.discord.channels.art, allowed: true });
    const bot = h.discord.applicationId;
    const before = h.discord.messages().filter((m) => m.author.id === bot).length;
    const asked = h.discord.postUserMessage({ replyTo: result, content: "paint it red" });
    await h.bot.waitForLog((line) => line.msg === "a reply to edit in a channel the bot is not used in; ignored" && line.message === asked.id);
    expect(botRepliesTo(h, asked)).toEqual([]);
    expect(h.discord.messages().filter((m) => m.author.id === bot)).toHaveLength(before);
    expect(falRequests(h, "submit")).toHaveLength(1);
  });

  it("refuses a member at most once a minute: a second reply over the limit gets no second refusal", async () => {
    h = await startHarness();
    await changeSettings(h, "set", { daily_image_quota: 1 });
    const { result } = await imagined(h, "a green kite");
    const first = h.discord.postUserMessage({ replyTo: result, content: "make it blue" });
    await botReplyTo(h, first);
    const second = h.discord.postUserMessage({ replyTo: result, content: "make it red" });
    await h.bot.waitForLog((line) => line.msg === "a member was refused a moment ago; this refusal is not posted" && line.message === second.id);
    expect(botRepliesTo(h, second)).toEqual([]);
    expect(botRepliesTo(h, first)).toHaveLength(1);
    expect(falRequests(h, "submit")).toHaveLength(1);
  });

  it("turns its progress into the failure, with no second message, when the reply cannot be recorded", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "a tower");
    await refuseUpdates(h.database, "jobs", "reply_message_id", "disk full");
    const asked = h.discord.postUserMessage({ replyTo: result, content: "add a flag" });
    await h.bot.waitForLog((line) => line.msg === "a reply to edit failed before it began; its reply says so" && line.message === asked.id);
    const failed = await botReplyTo(h, asked);
    expect(textOf(failed)).toMatch(/^❌ Something went wrong on our side\. .* \(ref [A-Z2-9]{6}\)$/);
    expect(buttonIdsOf(failed)).toEqual([]);
    expect(textOf(failed.history[0]!)).toMatch(/⏳ Starting…$/);
    expect(botRepliesTo(h, asked).map((m) => m.id)).toEqual([failed.id]);
    expect(await jobOf(h, asked)).toMatchObject({ state: "failed", reply_message_id: null });
    expect(falRequests(h, "submit")).toHaveLength(1);
  });
  it("does not start a second job when the member edits their reply (MESSAGE_UPDATE)", async () => {
    h = await startHarness();
    const { result } = await imagined(h, "a meadow");
    const asked = h.discord.postUserMessage({ replyTo: result, content: "add sheep" });
    await botReplyTo(h, asked, isResult);
    h.discord.editUserMessage(asked, "add cows");
    // The bot reads its gateway in order: by the time it answered the next reply, it had passed over the edit.
    const next = h.discord.postUserMessage({ replyTo: result, content: "add a fence" });
    await botReplyTo(h, next, isResult);
    expect(falRequests(h, "submit").map((r) => submitBody(r).prompt)).toEqual(["a meadow", "add sheep", "add a fence"]);
    expect(botRepliesTo(h, asked)).toHaveLength(1);
  });
});
