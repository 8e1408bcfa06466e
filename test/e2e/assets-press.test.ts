// Issue 19, items 3 and 4: any result becomes an asset. "Make asset" under an /imagine result opens a private panel
// (by the presser's permissions); a kind's press fits the image to Discord's rules and answers privately with the file
// and its one-press button; "Add as emoji" / "Add as sticker" ask for a name, "Set as server icon" / "Set as banner"
// upload at once — each checked at the press and again at the submit, with the member named in the audit log. Every
// refusal is private and changes nothing in the fake server: no POST or PATCH reaches its guild routes.
import { PermissionFlagsBits } from "discord.js";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, FakeUser, InteractionHandle } from "../fakes/discord/index.js";
import { bodyOf, buttonIds, falRequests, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { ledgerRows } from "./policy-helpers.js";
import { buttonIdsOf, galleryOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;
const KiB = 1024;

function refOfResult(message: FakeMessage): string {
  const reroll = buttonIds(message).find((id) => id.startsWith("job:1:reroll:"));
  if (!reroll) throw new Error(`no Re-roll button under the message: ${JSON.stringify(message.components)}`);
  return reroll.split(":")[3]!;
}

/** The writes that would change the server's own images: POST emojis / stickers, PATCH the guild. */
function guildWrites(h: Harness) {
  return h.discord.requests.filter((r) => r.kind === "http" && r.route.startsWith("/guilds/") && (r.method === "POST" || r.method === "PATCH"));
}

/** A private answer to an interaction, at once or after a defer: its text. */
async function privateAnswer(interaction: InteractionHandle): Promise<string> {
  const response = await interaction.response();
  if (response.type === 4) {
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    return textOf(response.data);
  }
  expect([response.type, response.data.flags & EPHEMERAL]).toEqual([5, EPHEMERAL]);
  return textOf(await interaction.waitForOriginal((m) => textOf(m) !== ""));
}

/** /imagine by the member, then Make asset → the kind, pressed by `user`: the private card with the fitted file. */
async function fittedCard(h: Harness, kind: string, user: FakeUser, prompt = "a happy cat waving") {
  const result = await waitForFinal(h, imagine(h, { prompt }));
  const ref = refOfResult(result);
  expect(buttonIds(result)).toContain(`asset:1:make:${ref}:1`);
  const make = h.discord.clickButton({ message: result, customId: `asset:1:make:${ref}:1`, user });
  const panel = await make.response();
  expect([panel.type, panel.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
  const fit = h.discord.clickButton({ message: make.original()!, customId: `asset:1:fit:${ref}:1:${kind}`, user });
  expect((await fit.response()).data.flags & EPHEMERAL).toBe(EPHEMERAL);
  const card = await fit.waitForOriginal((m) => m.attachments.length > 0);
  return { result, ref, panel, card };
}

async function png(image: Buffer) {
  return sharp(image).metadata();
}

describe("Make asset → Add as emoji / sticker", () => {
  it("an emoji: the panel, the fitted 128×128 file, the name form prefilled from the prompt, the emoji in the server with the member in the audit log", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const { ref, panel, card } = await fittedCard(h, "emoji", moderator);
    // The panel: one free fit per kind the moderator may make, and the priced cutouts when a remover is in the catalog.
    expect(buttonIdsOf(panel.data).slice(0, 5)).toEqual(["emoji", "sticker", "icon", "banner", "cover"].map((kind) => `asset:1:fit:${ref}:1:${kind}`));
    // The card: the file shown, its facts, the one-press button.
    expect(galleryOf(card).map((item) => item.name)).toEqual(["emoji.png"]);
    expect(card.attachments.map((file) => file.filename)).toEqual(["emoji.png"]);
    expect(textOf(card)).toMatch(/\*\*Size:\*\* 128×128 · \*\*File:\*\* [\d.]+ KiB \(PNG\)/);
    expect(buttonIdsOf(card)).toEqual([`asset:1:add:emoji:${ref}`]);

    const add = h.discord.clickButton({ message: card, customId: `asset:1:add:emoji:${ref}`, user: moderator });
    const form = await add.response();
    expect(form.type).toBe(9);
    expect(JSON.stringify(form.data.components)).toContain('"value":"a_happy_cat_waving"');
    const submit = h.discord.submitModal({ customId: "asset-form:1:emoji", fields: { name: "happy_cat" }, user: moderator });
    const answer = await privateAnswer(submit);
    const [emoji] = h.discord.expressions().emojis;
    expect(emoji).toMatchObject({ name: "happy_cat", animated: false, contentType: "image/png" });
    expect(answer).toBe(`Added the emoji <:happy_cat:${emoji!.id}> as :happy_cat:.`);
    // Everything the bot posts pings no one.
    const edit = await h.discord.waitForRequest((r) => r.method === "PATCH" && r.path.includes(submit.token));
    expect(bodyOf(edit).allowed_mentions).toMatchObject({ parse: [] });
    expect(emoji!.auditReason).toBe(`Added with falcord by ${moderator.username} (${moderator.id})`);
    expect(emoji!.image.byteLength).toBeLessThanOrEqual(256 * KiB);
    expect(await png(emoji!.image)).toMatchObject({ format: "png", width: 128, height: 128 });
  });

  it("a sticker: 320×320 PNG with its related emoji and description", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const { ref, card } = await fittedCard(h, "sticker", moderator, "a red fox in the snow");
    const add = h.discord.clickButton({ message: card, customId: `asset:1:add:sticker:${ref}`, user: moderator });
    const form = await add.response();
    expect(form.type).toBe(9);
    expect(JSON.stringify(form.data.components)).toContain('"value":"a red fox in the snow"');
    const fields = { name: "Snow fox", tags: ":fox:", description: "A fox in the snow" };
    // Discord's own refusal (the slots filled meanwhile) in plain words; nothing added.
    h.discord.failNext((request) => request.method === "POST" && request.path.endsWith("/stickers"), { status: 400, code: 30039, message: "Maximum number of stickers reached" });
    const refused = h.discord.submitModal({ customId: "asset-form:1:sticker", fields, user: moderator });
    expect(await privateAnswer(refused)).toBe("Discord says the server has no free sticker slots. Remove a sticker or boost the server, then try again.");
    expect(h.discord.expressions().stickers).toEqual([]);

    const submit = h.discord.submitModal({ customId: "asset-form:1:sticker", fields, user: moderator });
    expect(await privateAnswer(submit)).toBe("Added the sticker “Snow fox” to the server.");
    const [sticker] = h.discord.expressions().stickers;
    expect(sticker).toMatchObject({ name: "Snow fox", tags: "fox", description: "A fox in the snow", contentType: "image/png" });
    expect(sticker!.auditReason).toBe(`Added with falcord by ${moderator.username} (${moderator.id})`);
    expect(sticker!.image.byteLength).toBeLessThanOrEqual(512 * KiB);
    expect(await png(sticker!.image)).toMatchObject({ format: "png", width: 320, height: 320 });
  });
});

describe("Make asset under a set", () => {
  it("asks which image first, then shows that image's kinds in the same private message", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const result = await waitForFinal(h, imagine(h, { prompt: "two foxes", options: { count: 2 } }));
    const ref = refOfResult(result);
    const make = h.discord.clickButton({ message: result, customId: `asset:1:make:${ref}:0`, user: moderator });
    const choice = await make.response();
    expect([choice.type, choice.data.flags & EPHEMERAL, textOf(choice.data)]).toEqual([4, EPHEMERAL, "Which image should become an asset?"]);
    expect(buttonIdsOf(choice.data)).toEqual([`asset:1:make:${ref}:1`, `asset:1:make:${ref}:2`]);
    const second = h.discord.clickButton({ message: make.original()!, customId: `asset:1:make:${ref}:2`, user: moderator });
    const kinds = await second.response();
    expect(kinds.type).toBe(7);
    expect(textOf(kinds.data)).toMatch(/^What should image 2 become\?/);
    expect(buttonIdsOf(kinds.data)).toContain(`asset:1:fit:${ref}:2:emoji`);
    // Only the kinds the presser may make: Manage Server alone gives the icon and the banner.
    const manager = { user: moderator, memberPermissions: PermissionFlagsBits.ManageGuild };
    const again = h.discord.clickButton({ message: result, customId: `asset:1:make:${ref}:0`, ...manager });
    await again.response();
    const first = h.discord.clickButton({ message: again.original()!, customId: `asset:1:make:${ref}:1`, ...manager });
    expect(buttonIdsOf((await first.response()).data)).toEqual([`asset:1:fit:${ref}:1:icon`, `asset:1:fit:${ref}:1:banner`]);
  });
});

describe("Set as server icon / banner", () => {
  it("sets the icon (1024×1024), and the banner once the server is boosted to level 2; unboosted, the banner is refused and nothing changes", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const icon = await fittedCard(h, "icon", moderator);
    const setIcon = h.discord.clickButton({ message: icon.card, customId: `asset:1:add:icon:${icon.ref}`, user: moderator });
    expect(await privateAnswer(setIcon)).toBe("The server icon is now this image.");
    const { icon: serverIcon } = h.discord.expressions();
    expect(await png(serverIcon!.image)).toMatchObject({ width: 1024, height: 1024 });
    expect(serverIcon!.auditReason).toBe(`Added with falcord by ${moderator.username} (${moderator.id})`);

    const banner = await fittedCard(h, "banner", moderator);
    const writes = guildWrites(h).length;
    const refused = h.discord.clickButton({ message: banner.card, customId: `asset:1:add:banner:${banner.ref}`, user: moderator });
    expect(await privateAnswer(refused)).toBe("A server banner needs Server Boost level 2; this server is at level 0. Nothing was changed.");
    expect(h.discord.expressions().banner).toBeNull();
    expect(guildWrites(h)).toHaveLength(writes);

    h.discord.setBoost(2);
    const setBanner = h.discord.clickButton({ message: banner.card, customId: `asset:1:add:banner:${banner.ref}`, user: moderator });
    expect(await privateAnswer(setBanner)).toBe("The server banner is now this image.");
    const meta = await png(h.discord.expressions().banner!.image);
    expect(meta.width).toBeGreaterThanOrEqual(960);
    expect(meta.width! / meta.height!).toBeCloseTo(16 / 9, 2);
  });
});

describe("Set as event cover", () => {
  it("with no events says so; then offers the server's events and sets the chosen one's cover (5:2, the member in the audit log)", async () => {
    h = await startHarness();
    const { moderator, member } = h.discord.users;
    const { ref, card } = await fittedCard(h, "cover", moderator);
    expect(card.attachments.map((file) => file.filename)).toEqual(["cover.png"]);
    const addId = `asset:1:add:cover:${ref}`;
    expect(buttonIdsOf(card)).toEqual([addId]);

    const none = h.discord.clickButton({ message: card, customId: addId, user: moderator });
    expect(await privateAnswer(none)).toBe("This server has no scheduled events. Create the event first, then press again.");
    const stranger = h.discord.clickButton({ message: card, customId: addId, user: member });
    expect(await privateAnswer(stranger)).toBe("This takes the Manage Events permission, which you do not have here.");

    const games = h.discord.addScheduledEvent({ name: "Game night" });
    const films = h.discord.addScheduledEvent({ name: "Film club" });
    const add = h.discord.clickButton({ message: card, customId: addId, user: moderator });
    expect((await add.response()).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const chooser = await add.waitForOriginal((m) => buttonIdsOf(m).length > 0);
    expect(textOf(chooser)).toBe("Which event gets this cover?");
    expect(buttonIdsOf(chooser).sort()).toEqual([`asset:1:cover:${games.id}`, `asset:1:cover:${films.id}`].sort());
    expect(chooser.attachments.map((file) => file.filename)).toEqual(["cover.png"]);

    const set = h.discord.clickButton({ message: chooser, customId: `asset:1:cover:${films.id}`, user: moderator });
    expect(await privateAnswer(set)).toBe("The cover of “Film club” is now this image.");
    const [first, second] = h.discord.scheduledEvents();
    expect(first!.cover).toBeNull();
    expect(second!.cover!.auditReason).toBe(`Added with falcord by ${moderator.username} (${moderator.id})`);
    const meta = await png(second!.cover!.image);
    expect(meta.width).toBeGreaterThanOrEqual(800);
    expect(meta.width! / meta.height!).toBeCloseTo(5 / 2, 2);
  });
});

describe("refusals change nothing", () => {
  it("a member without the permission, the bot without it, a full emoji list and an invalid name each get a private answer", async () => {
    h = await startHarness();
    const { moderator, member } = h.discord.users;
    const { result, ref, card } = await fittedCard(h, "emoji", moderator);
    const before = guildWrites(h).length;

    // A plain member may make no asset: the panel says which permissions would allow it.
    const make = h.discord.clickButton({ message: result, customId: `asset:1:make:${ref}:1`, user: member });
    expect(await privateAnswer(make)).toBe(
      "Making assets is for members who look after the server's look: it takes Create Expressions, Manage Server, or Manage Events, which you do not have here.",
    );
    // Nor add one: the press names the missing permission.
    const add = h.discord.clickButton({ message: card, customId: `asset:1:add:emoji:${ref}`, user: member });
    expect(await privateAnswer(add)).toBe("This takes the Create Expressions permission, which you do not have here.");

    // An invalid name: what is allowed.
    const press = async () => {
      const opened = h!.discord.clickButton({ message: card, customId: `asset:1:add:emoji:${ref}`, user: moderator });
      expect((await opened.response()).type).toBe(9);
    };
    await press();
    const badName = h.discord.submitModal({ customId: "asset-form:1:emoji", fields: { name: "happy cat!" }, user: moderator });
    expect(await privateAnswer(badName)).toMatch(/^“happy cat!” cannot be an emoji's name: use 2 to 32 letters/);

    // A full emoji list at boost level 0 (50 static slots).
    h.discord.fillEmojis(50);
    await press();
    const full = h.discord.submitModal({ customId: "asset-form:1:emoji", fields: { name: "happy_cat" }, user: moderator });
    expect(await privateAnswer(full)).toBe(
      "This server uses all 50 of its emoji slots at boost level 0. Remove an emoji or boost the server for more slots, then try again.",
    );
    expect(h.discord.expressions().emojis).toHaveLength(50);

    // The bot without Create Expressions: the press says so, and who must fix it.
    h.discord.denyBotPermission(PermissionFlagsBits.CreateGuildExpressions);
    const botless = h.discord.clickButton({ message: card, customId: `asset:1:add:emoji:${ref}`, user: moderator });
    expect(await privateAnswer(botless)).toBe(
      "falcord lacks the Create Expressions permission in this server. A server admin must give it to falcord's role (Server Settings → Roles), then try again.",
    );

    expect(h.discord.expressions().emojis.some((emoji) => emoji.name === "happy_cat")).toBe(false);
    expect(guildWrites(h)).toHaveLength(before);
  });
});

describe("… without background", () => {
  it("starts a charged job on the background-removal model with the result's image, privately, for the presser", async () => {
    h = await startHarness();
    const moderator = h.discord.users.moderator;
    const result = await waitForFinal(h, imagine(h, { prompt: "a happy cat waving" }));
    const ref = refOfResult(result);
    const [source] = (h.fal.jobs.get(falRequests(h, "submit")[0]!.requestId!)!.result!.body as { images: { url: string }[] }).images;
    const make = h.discord.clickButton({ message: result, customId: `asset:1:make:${ref}:1`, user: moderator });
    const panel = await make.response();
    expect(textOf(panel.data)).toMatch(/removes the background with .+ \(\$0\.018 per image\), charged to you/);
    const submits = falRequests(h, "submit").length;
    const cutout = h.discord.clickButton({ message: make.original()!, customId: `asset:1:cutout:${ref}:1:emoji`, user: moderator });
    const response = await cutout.response();
    expect([response.type, response.data.flags & EPHEMERAL]).toEqual([5, EPHEMERAL]);
    await expect.poll(() => falRequests(h!, "submit").length).toBe(submits + 1);
    const submit = falRequests(h, "submit").at(-1)!;
    expect(submit.endpoint).toMatch(/bria/);
    expect(JSON.stringify(submit.body)).toContain(source!.url);
    // Its result is private, charged to the presser, and carries the emoji's one-press button (the file's fitting and
    // name are the delivery's).
    const final = await waitForFinal(h, cutout);
    expect(final.flags & EPHEMERAL).toBe(EPHEMERAL);
    const cutoutRef = refOfResult(final);
    expect(buttonIds(final)).toContain(`asset:1:add:emoji:${cutoutRef}`);
    expect((await ledgerRows(h)).find((row) => row.model_id === "bria-background-removal")).toMatchObject({ user_id: moderator.id, images: 1 });
  });
});
