// /asset: a server's own image from a prompt, fitted to Discord's rules for its kind; emoji and stickers with their
// background removed (a second request, to fal's background removal), and one press adds the result to the server.
// Checked on what crossed the wire: the requests fal got, the files the reply carries, what the fake server holds.
import { PermissionFlagsBits, type APIAttachment } from "discord.js";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { catalog } from "../../src/models/index.js";
import type { FakeMessage, FakeUser } from "../fakes/discord/index.js";
import { startHarness, type Harness } from "./harness.js";
import { hostImage } from "./generation-helpers.js";
import { storedJob } from "./job-records.js";
import { changeSettings } from "./policy-helpers.js";
import { buttonIdsOf, factsOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Option = { name: string; type?: number; value: string | boolean | APIAttachment };

function asset(kind: string, prompt: string, user: FakeUser, extra: Option[] = []) {
  const attachments = extra.flatMap((option) => (typeof option.value === "object" ? [option.value] : []));
  return h!.discord.dispatchSlashCommand({
    name: "asset",
    user,
    options: [{ name: "kind", type: 3, value: kind }, { name: "prompt", type: 3, value: prompt }, ...extra],
    ...(attachments.length ? { attachments } : {}),
  });
}

async function resultOf(interaction: ReturnType<typeof asset>): Promise<FakeMessage> {
  return interaction.waitForOriginal((m) => m.attachments.length > 0, 15_000);
}

const submits = () => h!.fal.requests.filter((r) => r.route === "submit");

/** A private answer, mentioning nobody: its words. */
async function refusal(interaction: ReturnType<typeof asset>): Promise<string> {
  const response = await interaction.response();
  expect(response.type).toBe(4);
  expect(response.data.flags & 64).toBe(64);
  expect(response.data.allowed_mentions).toMatchObject({ parse: [] });
  return response.data.content as string;
}

/** Presses the asset's one-press button and fills its form as the moderator: the private answer's words. */
async function addToServer(reply: FakeMessage, kind: "emoji" | "sticker", fields: Record<string, string>): Promise<string> {
  const moderator = h!.discord.users.moderator;
  const addId = buttonIdsOf(reply).find((id) => id.startsWith(`asset:1:add:${kind}`))!;
  const form = await h!.discord.clickButton({ message: reply, customId: addId, user: moderator }).response();
  expect(form.type).toBe(9);
  const submit = h!.discord.submitModal({ customId: `asset-form:1:${kind}`, fields, user: moderator });
  const response = await submit.response();
  expect(response.data.flags & 64).toBe(64);
  return response.type === 4 ? textOf(response.data) : textOf(await submit.waitForOriginal((m) => textOf(m) !== "", 10_000));
}

/** Whether every corner pixel of a PNG is fully transparent, and some pixel is opaque. */
async function cutOut(bytes: Buffer): Promise<{ corners: boolean; subject: boolean }> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const alpha = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3]!;
  const last = { x: info.width - 1, y: info.height - 1 };
  const corners = [alpha(0, 0), alpha(last.x, 0), alpha(0, last.y), alpha(last.x, last.y)].every((a) => a === 0);
  let subject = false;
  for (let i = 3; i < data.length && !subject; i += info.channels) subject = data[i] === 255;
  return { corners, subject };
}

describe("/asset", () => {
  it("emoji: the model asked for a square, its picture cut out by the background removal, fitted to 128×128 PNG under 256 KiB; charged both", async () => {
    h = await startHarness();
    const interaction = asset("emoji", "a happy orange cat", h.discord.users.moderator);
    const reply = await resultOf(interaction);

    const [picture, cutout] = submits();
    expect(submits()).toHaveLength(2);
    expect(picture!.endpoint).toBe("fal-ai/nano-banana");
    expect(picture!.body).toMatchObject({ aspect_ratio: "1:1" });
    expect(String((picture!.body as { prompt: string }).prompt)).toMatch(/emoji[\s\S]*plain, flat, light background[\s\S]*The subject: a happy orange cat$/);
    expect(cutout!.endpoint).toBe("fal-ai/bria/background/remove");
    const made = h.fal.requests.find((r) => r.route === "result" && r.requestId === picture!.requestId);
    expect(made).toBeDefined();
    expect((cutout!.body as { image_url: string }).image_url).toMatch(/^https?:\/\//);

    expect(reply.attachments).toHaveLength(1);
    const file = reply.attachments[0]!;
    expect(file.filename).toBe("emoji.png");
    expect(file.data.byteLength).toBeLessThanOrEqual(256 * 1024);
    const meta = await sharp(file.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(["png", 128, 128, true]);
    expect(await cutOut(file.data)).toEqual({ corners: true, subject: true });
    expect(buttonIdsOf(reply).some((id) => id.startsWith("asset:1:add:emoji"))).toBe(true);
    // An asset is finished as it is: no Edit, no Upscale or Vary.
    expect(buttonIdsOf(reply).some((id) => /:(edit|upscale2k|vary-subtle):/.test(id))).toBe(false);
    expect(Object.values(factsOf(reply)).join("\n")).toMatch(/Emoji, background removed · [\d.]+ KiB/);
    expect(textOf(reply)).toMatch(/Emoji · \u2068?a happy orange cat/);

    const nanoBanana = catalog.require("nano-banana").estimateCost({ prompt: "x", aspect_ratio: "1:1" }).usd;
    await h.bot.waitForMessage("delivered");
    const job = await storedJob(h, interaction);
    expect([job.state, job.ledger]).toEqual(["delivered", "settled"]);
    expect(job.usd).toBeCloseTo(nanoBanana + 0.018, 6);

    // One press and a name: the emoji is the server's, as the reply showed it, transparency kept.
    const emoji = await addToServer(reply, "emoji", { name: "orange_cat" });
    expect(emoji).toMatch(/^Added the emoji <:orange_cat:\d+> as :orange_cat:\.$/);
    const [added] = h.discord.expressions().emojis;
    expect(added).toMatchObject({ name: "orange_cat", contentType: "image/png" });
    expect(added!.image.equals(file.data)).toBe(true);
    expect(await cutOut(added!.image)).toEqual({ corners: true, subject: true });
    expect(added!.auditReason).toContain(h.discord.users.moderator.id);
  });

  it("sticker: cut out, a 320×320 PNG under 512 KiB that one press adds to the server; without removing the background, one request", async () => {
    h = await startHarness();
    const reply = await resultOf(asset("sticker", "a waving robot", h.discord.users.moderator));
    expect(submits().map((s) => s.endpoint)).toEqual(["fal-ai/nano-banana", "fal-ai/bria/background/remove"]);
    const file = reply.attachments[0]!;
    expect(file.filename).toBe("sticker.png");
    expect(file.data.byteLength).toBeLessThanOrEqual(512 * 1024);
    const meta = await sharp(file.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 320]);

    const answer = await addToServer(reply, "sticker", { name: "Waving robot", tags: "wave", description: "" });
    expect(answer).toBe("Added the sticker “Waving robot” to the server.");
    const [sticker] = h.discord.expressions().stickers;
    expect(sticker).toMatchObject({ name: "Waving robot", tags: "wave", contentType: "image/png" });
    expect(await cutOut(sticker!.image)).toEqual({ corners: true, subject: true });

    const plain = await resultOf(asset("sticker", "a waving robot", h.discord.users.moderator, [{ name: "remove_background", type: 5, value: false }]));
    expect(submits().map((s) => s.endpoint).slice(2)).toEqual(["fal-ai/nano-banana"]);
    expect((await sharp(plain.attachments[0]!.data).metadata()).width).toBe(320);
  });

  it("server icon 1024×1024; banner 16:9 of at least 960×540; event cover 5:2 of at least 800×320 from a 21:9 picture", async () => {
    h = await startHarness();
    // A banner needs boost level 2 (refused before anything is made below it, see the last describe).
    h.discord.setBoost(2);
    const owner = h.discord.users.owner;
    const shapes: Record<string, { ratio: string; check: (w: number, h: number) => void }> = {
      icon: { ratio: "1:1", check: (w, ht) => expect([w, ht]).toEqual([1024, 1024]) },
      banner: { ratio: "16:9", check: (w, ht) => expect([w >= 960, ht >= 540, Math.abs(w / ht - 16 / 9) < 0.01]).toEqual([true, true, true]) },
      cover: { ratio: "21:9", check: (w, ht) => expect([w >= 800, ht >= 320, Math.abs(w / ht - 5 / 2) < 0.01]).toEqual([true, true, true]) },
    };
    for (const [kind, shape] of Object.entries(shapes)) {
      const before = submits().length;
      const reply = await resultOf(asset(kind, "a lighthouse on a cliff", owner));
      const sent = submits().slice(before);
      expect(sent.map((s) => s.endpoint), kind).toEqual(["fal-ai/nano-banana"]);
      expect(sent[0]!.body, kind).toMatchObject({ aspect_ratio: shape.ratio });
      const meta = await sharp(reply.attachments[0]!.data).metadata();
      shape.check(meta.width!, meta.height!);
      expect(reply.attachments[0]!.filename, kind).toMatch(new RegExp(`^${kind}\\.(png|jpg)$`));
    }
  });

  it("killed with SIGKILL while fal removes the background: the restart watches the same cut-out and delivers once, each request made once", async () => {
    h = await startHarness({ fal: { runMs: 1500 } });
    const interaction = asset("emoji", "a happy orange cat", h.discord.users.moderator);
    const cut = await h.fal.waitForRequest((r) => r.route === "submit" && r.endpoint === "fal-ai/bria/background/remove", 20_000);
    await h.fal.waitForArrival((a) => (a.route === "stream" || a.route === "status") && a.requestId === cut.requestId, 10_000);
    await h.bot.kill();
    const bot = await h.restart();
    expect(bot.logs.find((l) => l.msg === "recovering a job")).toMatchObject({ state: expect.stringMatching(/^(submitted|running)$/) });
    const reply = await resultOf(interaction);
    await bot.waitForMessage("delivered");
    expect(reply.attachments.map((a) => a.filename)).toEqual(["emoji.png"]);
    expect(await cutOut(reply.attachments[0]!.data)).toEqual({ corners: true, subject: true });
    expect(submits().map((r) => r.endpoint)).toEqual(["fal-ai/nano-banana", "fal-ai/bria/background/remove"]);
    // The restarted bot asked fal about the cut-out it had submitted, not for a new one.
    const after = h.fal.arrivals.filter((a) => (a.route === "stream" || a.route === "status") && a.at > cut.at);
    expect(after.every((a) => a.requestId === cut.requestId)).toBe(true);
    const job = await storedJob(h, interaction);
    expect([job.state, job.ledger]).toEqual(["delivered", "settled"]);
    expect(job.usd).toBeCloseTo(catalog.require("nano-banana").estimateCost({ prompt: "x" }).usd + 0.018, 6);
  });

  it("refuses, privately and before anything reaches fal, a member who may not add emoji, and a bot that may not", async () => {
    h = await startHarness();
    const member = await refusal(asset("emoji", "a cat", h.discord.users.member));
    expect(member).toMatch(/takes the \*\*Create Expressions\*\* permission in this server, which you do not have/);

    h.discord.denyBotPermission(PermissionFlagsBits.CreateGuildExpressions);
    const bot = await refusal(asset("emoji", "a cat", h.discord.users.moderator));
    expect(bot).toMatch(/falcord does not have the \*\*Create Expressions\*\* permission in this server/);
    expect(submits()).toHaveLength(0);
  });
});

describe("an asset's two requests", () => {
  const bria = "fal-ai/bria/background/remove";
  const picturePrice = () => catalog.require("nano-banana").estimateCost({ prompt: "x" }).usd;

  it("a model that answers in words only: the job ends with its words, nothing cut out, the picture charged", async () => {
    h = await startHarness();
    h.fal.failNext({ kind: "text-only", description: "I would rather not draw that." }, { endpoint: "fal-ai/nano-banana" });
    const interaction = asset("emoji", "a cat", h.discord.users.moderator);
    const reply = await interaction.waitForOriginal((m) => textOf(m).includes("I would rather not draw that."), 15_000);
    expect(reply.attachments).toHaveLength(0);
    await h.bot.waitForMessage("delivered");
    expect(submits().map((r) => r.endpoint)).toEqual(["fal-ai/nano-banana"]);
    expect(await storedJob(h, interaction)).toMatchObject({ state: "delivered", ledger: "settled" });
  });

  it("the background removal failing: the job fails with Retry, charged for the picture fal made and no image", async () => {
    h = await startHarness();
    h.fal.failNext({ kind: "server-error" }, { endpoint: bria });
    const interaction = asset("emoji", "a cat", h.discord.users.moderator);
    const reply = await interaction.waitForOriginal((m) => buttonIdsOf(m).some((id) => id.startsWith("job:1:retry:")), 20_000);
    expect(reply.attachments).toHaveLength(0);
    expect(submits().map((r) => r.endpoint)).toEqual(["fal-ai/nano-banana", bria]);
    const job = await storedJob(h, interaction);
    expect([job.state, job.ledger]).toEqual(["failed", "settled"]);
    expect(job.usd).toBeCloseTo(picturePrice(), 6);
  });

  it("Re-roll of an asset made from a picture sends that picture again, not the last cut-out; for members who may make the kind", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const photo = await hostImage(h, "photo.png");
    const reply = await resultOf(asset("emoji", "make it a cartoon", moderator, [{ name: "image", type: 11, value: photo }]));
    const [picture] = submits();
    expect(picture!.endpoint).toBe("fal-ai/nano-banana/edit");
    expect((picture!.body as { image_urls: string[] }).image_urls).toEqual([photo.url]);
    const reroll = buttonIdsOf(reply).find((id) => id.startsWith("job:1:reroll:"))!;

    const refused = await refusal(h.discord.clickButton({ message: reply, customId: reroll, user: h.discord.users.member }));
    expect(refused).toMatch(/takes the \*\*Create Expressions\*\* permission/);
    expect(submits()).toHaveLength(2);

    const again = h.discord.clickButton({ message: reply, customId: reroll, user: moderator });
    await again.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    const [, , repicture, recut] = submits();
    expect(repicture!.endpoint).toBe("fal-ai/nano-banana/edit");
    expect((repicture!.body as { image_urls: string[] }).image_urls).toEqual([photo.url]);
    expect(recut!.endpoint).toBe(bria);
  });

  it("refused before anything is made: the background removal turned off in the server, a banner below boost level 2, an emoji with no free slot", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    await changeSettings(h, "model", { model: "bria-background-removal", enabled: false });
    expect(await refusal(asset("emoji", "a cat", moderator))).toMatch(/Bria RMBG 2\.0/);
    expect(await refusal(asset("banner", "a lake", h.discord.users.owner))).toMatch(/needs Server Boost level 2; this server is at level 0/);
    h.discord.fillEmojis(50);
    expect(await refusal(asset("emoji", "a cat", moderator, [{ name: "remove_background", type: 5, value: false }]))).toMatch(/all 50 of its emoji slots/);
    expect(submits()).toHaveLength(0);

    // Without its background removal the sticker is made as usual.
    const plain = await resultOf(asset("sticker", "a cat", moderator, [{ name: "remove_background", type: 5, value: false }]));
    expect(plain.attachments.map((a) => a.filename)).toEqual(["sticker.png"]);
    expect(submits().map((r) => r.endpoint)).toEqual(["fal-ai/nano-banana"]);
  });
});
