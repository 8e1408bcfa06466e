// The fake Discord's rules for a server's own images (custom emoji, stickers, the icon and banner), driven by the
// real discord.js Client so that every body is what discord.js sends.
import { GatewayIntentBits, PermissionFlagsBits, Routes, type Client, type DiscordAPIError, type Guild } from "discord.js";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { emojiSlotsByTier, stickerSlotsByTier } from "../../src/discord/expression-rules.js";
import type { FakeDiscord, RecordedRequest } from "../fakes/discord/index.js";
import { apiError, connectToFake } from "./fake-discord-client.js";

async function connect(before?: (fake: FakeDiscord) => void): Promise<{ fake: FakeDiscord; client: Client<true>; guild: Guild }> {
  const { fake, client } = await connectToFake({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildExpressions, GatewayIntentBits.GuildScheduledEvents], ...(before ? { before } : {}) });
  const guild = client.guilds.cache.get(fake.guild.id);
  if (!guild) throw new Error("the fake's guild did not arrive");
  return { fake, client, guild };
}

/** The `errors` tree of a 50035 answer. */
function formErrors(error: DiscordAPIError): Record<string, unknown> {
  expect(error.code).toBe(50035);
  return (error.rawError as { errors?: Record<string, unknown> }).errors ?? {};
}

const png = (width: number, height = width) => sharp({ create: { width, height, channels: 4, background: "#3366ff" } }).png().toBuffer();
const jpeg = (width: number, height = width) => sharp({ create: { width, height, channels: 3, background: "#3366ff" } }).jpeg().toBuffer();
/** A PNG of random pixels: it does not compress, so its size is about its pixels'. */
const noisePng = (width: number) => {
  const pixels = Buffer.alloc(width * width * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width, height: width, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
};
const animatedGif = async (side: number) => {
  const frame = (background: string) => sharp({ create: { width: side, height: side, channels: 4, background } }).png().toBuffer();
  return sharp([await frame("#3366ff"), await frame("#ff6633")], { join: { animated: true } }).gif().toBuffer();
};
const dataUri = (type: string, data: Buffer) => `data:${type};base64,${data.toString("base64")}`;

const lastRequest = (f: FakeDiscord, method: string, route: string): RecordedRequest | undefined =>
  f.requests.filter((r) => r.kind === "http" && r.method === method && r.route === route).at(-1);
const gatewayDispatch = (f: FakeDiscord, t: string) =>
  f.waitForRequest((r) => r.kind === "gateway" && r.direction === "out" && r.t === t);

describe("the server's boost level, features and images", () => {
  it("every server starts at boost level 0 with no features; GUILD_CREATE and GET /guilds carry them, setBoost changes them", async () => {
    const { fake, guild } = await connect();
    expect(guild.premiumTier).toBe(0);
    expect(guild.features).toEqual([]);
    expect(fake.expressions()).toMatchObject({ premiumTier: 0, features: [], emojis: [], stickers: [], icon: null, banner: null });
    fake.setBoost(2);
    await gatewayDispatch(fake, "GUILD_UPDATE");
    const fetched = await guild.fetch();
    expect(fetched.premiumTier).toBe(2);
    expect(fetched.features).toEqual(expect.arrayContaining(["ANIMATED_ICON", "BANNER"]));
    expect(fetched.features).not.toContain("ANIMATED_BANNER");
    expect(fake.expressions().premiumTier).toBe(2);
    // An interaction's partial guild carries them too.
    expect(fake.dispatchSlashCommand({ name: "asset" }).payload).toMatchObject({ guild: { features: expect.arrayContaining(["BANNER"]) } });
    // The second server keeps its own level.
    expect(fake.expressions(fake.secondGuild.id)).toMatchObject({ premiumTier: 0, features: [] });
  });

  it("lists the emoji and stickers members uploaded before, in GUILD_CREATE too; fetches one by id, an unknown one 404", async () => {
    const { fake, guild } = await connect((f) => {
      f.fillEmojis(3);
      f.fillStickers(2);
    });
    expect(guild.emojis.cache.size).toBe(3);
    expect(guild.stickers.cache.size).toBe(2);
    expect((await guild.emojis.fetch()).size).toBe(3);
    expect((await guild.stickers.fetch()).map((s) => s.name)).toEqual(["filler 1", "filler 2"]);
    const [emoji] = fake.expressions().emojis;
    expect((await guild.emojis.fetch(emoji!.id, { force: true })).name).toBe("filler_1");
    expect((await apiError(guild.emojis.fetch("1", { force: true }))).code).toBe(10014);
    expect((await apiError(guild.stickers.fetch("1", { force: true }))).code).toBe(10060);
    expect(fake.expressions(fake.secondGuild.id).emojis).toEqual([]);
  });

  it("Moderators may add expressions and manage the server and its events; an ordinary member may not; the bot may, until denied", async () => {
    const { fake } = await connect();
    const needed = PermissionFlagsBits.CreateGuildExpressions | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageEvents;
    expect(BigInt(fake.users.moderator.permissions) & needed).toBe(needed);
    expect(BigInt(fake.users.member.permissions) & needed).toBe(0n);
    expect(BigInt(fake.users.other.permissions) & needed).toBe(0n);
    const before = fake.dispatchSlashCommand({ name: "asset" });
    expect(BigInt(before.payload.app_permissions) & needed).toBe(needed);
    fake.denyBotPermission(PermissionFlagsBits.CreateGuildExpressions);
    await gatewayDispatch(fake, "GUILD_ROLE_UPDATE");
    const after = fake.dispatchSlashCommand({ name: "asset" });
    expect(BigInt(after.payload.app_permissions) & needed).toBe(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageEvents);
  });
});

describe("custom emoji (POST /guilds/{id}/emojis)", () => {
  it("stores the decoded image with the URL-decoded audit-log reason and answers 201 with the emoji; GUILD_EMOJIS_UPDATE follows", async () => {
    const { fake, guild } = await connect();
    const image = await png(128);
    const emoji = await guild.emojis.create({ attachment: dataUri("image/png", image), name: "blue_square", reason: "Made with /asset by Mia — «bleu»" });
    expect(emoji).toMatchObject({ name: "blue_square", animated: false, managed: false, available: true, requiresColons: true });
    const request = lastRequest(fake, "POST", "/guilds/:guild/emojis");
    expect(request?.status).toBe(201);
    expect(request?.headers["x-audit-log-reason"]).toBe(encodeURIComponent("Made with /asset by Mia — «bleu»"));
    expect(request?.response).toMatchObject({ id: emoji.id, user: { id: fake.applicationId }, roles: [] });
    const [stored] = fake.expressions().emojis;
    expect(stored).toMatchObject({ id: emoji.id, name: "blue_square", animated: false, contentType: "image/png", auditReason: "Made with /asset by Mia — «bleu»" });
    expect(stored?.image.equals(image)).toBe(true);
    const update = await gatewayDispatch(fake, "GUILD_EMOJIS_UPDATE");
    expect(update.body).toMatchObject({ d: { guild_id: fake.guild.id, emojis: [{ id: emoji.id }] } });
    expect((await guild.emojis.fetch()).has(emoji.id)).toBe(true);
  });

  it("takes a JPEG too, and keeps no reason when none was given", async () => {
    const { fake, guild } = await connect();
    await guild.emojis.create({ attachment: dataUri("image/jpeg", await jpeg(128)), name: "jp" });
    expect(fake.expressions().emojis[0]).toMatchObject({ contentType: "image/jpeg" });
    expect(fake.expressions().emojis[0]?.auditReason).toBeUndefined();
  });

  it("keeps the roles allowed to use the emoji; refuses one that is no role of the server with 50035 on `roles`", async () => {
    const { fake, client, guild } = await connect();
    const image = dataUri("image/png", await png(128));
    const emoji = await guild.emojis.create({ attachment: image, name: "mods_only", roles: [fake.roles.moderator] });
    expect([...emoji.roles.cache.keys()]).toEqual([fake.roles.moderator]);
    expect(fake.expressions().emojis[0]?.roles).toEqual([fake.roles.moderator]);
    // discord.js refuses an unknown role itself; its REST sends one as given.
    const error = await apiError(client.rest.post(Routes.guildEmojis(guild.id), { body: { name: "elsewhere", image, roles: [fake.secondGuild.id] } }));
    expect(Object.keys(formErrors(error))).toEqual(["roles"]);
    expect(fake.expressions().emojis).toHaveLength(1);
  });

  it("refuses a name that is not 2–32 letters, digits and underscores with 50035 on `name`", async () => {
    const { fake, guild } = await connect();
    const image = dataUri("image/png", await png(128));
    for (const name of ["a", "x".repeat(33), "blue-square", "blue square"]) {
      const errors = formErrors(await apiError(guild.emojis.create({ attachment: image, name })));
      expect(Object.keys(errors)).toEqual(["name"]);
    }
    expect(fake.expressions().emojis).toEqual([]);
  });

  it("refuses image data that is not a PNG, JPEG or GIF, or whose declared type is not the bytes' (discord.js labels a Buffer image/jpg)", async () => {
    const { fake, client, guild } = await connect();
    const { rest } = client;
    const image = await png(128);
    const cases = [
      image, // discord.js sends data:image/jpg;base64,… for a Buffer
      dataUri("image/jpeg", image),
      dataUri("image/png", Buffer.from("not an image at all")),
      dataUri("image/webp", await sharp(image).webp().toBuffer()),
    ];
    for (const attachment of cases) {
      const errors = formErrors(await apiError(guild.emojis.create({ attachment, name: "blue" })));
      expect(errors.image).toMatchObject({ _errors: [{ code: "IMAGE_INVALID" }] });
    }
    // Not a data URI at all (discord.js would read such a string as a path; its REST sends it as given).
    const raw = await apiError(rest.post(Routes.guildEmojis(guild.id), { body: { name: "blue", image: image.toString("base64") } }));
    expect(formErrors(raw).image).toMatchObject({ _errors: [{ code: "IMAGE_INVALID" }] });
    expect(fake.expressions().emojis).toEqual([]);
  });

  it("refuses an image over 256 KiB with 50138", async () => {
    const { fake, guild } = await connect();
    const big = await noisePng(320);
    expect(big.length).toBeGreaterThan(256 * 1024);
    const error = await apiError(guild.emojis.create({ attachment: dataUri("image/png", big), name: "big" }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(50138);
    expect(error.message).toBe("Failed to resize asset below the maximum size: 262144");
    expect(fake.expressions().emojis).toEqual([]);
  });

  it("refuses with 30008 once the static slots of the boost level are taken; a boost adds slots", async () => {
    const { fake, guild } = await connect();
    const image = dataUri("image/png", await png(128));
    fake.fillEmojis(emojiSlotsByTier[0]);
    const error = await apiError(guild.emojis.create({ attachment: image, name: "one_more" }));
    expect(error.code).toBe(30008);
    expect(error.status).toBe(400);
    // Animated emoji have slots of their own.
    const moving = await guild.emojis.create({ attachment: dataUri("image/gif", await animatedGif(128)), name: "moving" });
    expect(moving.animated).toBe(true);
    expect(fake.expressions().emojis.at(-1)).toMatchObject({ name: "moving", animated: true, contentType: "image/gif" });
    fake.setBoost(1);
    await guild.emojis.create({ attachment: image, name: "one_more" });
    expect(fake.expressions().emojis.filter((e) => !e.animated)).toHaveLength(emojiSlotsByTier[0] + 1);
  });

  it("answers 403 50013 without Create Expressions, before it reads the body; in that server only", async () => {
    const { fake, client, guild } = await connect();
    fake.denyBotPermission(PermissionFlagsBits.CreateGuildExpressions);
    const image = dataUri("image/png", await png(128));
    // "x" is no emoji name: the permission is checked first.
    const error = await apiError(guild.emojis.create({ attachment: image, name: "x" }));
    expect(error.status).toBe(403);
    expect(error.code).toBe(50013);
    expect(fake.expressions().emojis).toEqual([]);
    // The bot's role in the other server keeps it.
    await client.guilds.cache.get(fake.secondGuild.id)?.emojis.create({ attachment: image, name: "elsewhere" });
    expect(fake.expressions(fake.secondGuild.id).emojis.map((e) => e.name)).toEqual(["elsewhere"]);
  });
});

describe("stickers (POST /guilds/{id}/stickers, multipart)", () => {
  it("stores the uploaded file with name, description, tags and the audit-log reason; GUILD_STICKERS_UPDATE follows", async () => {
    const { fake, guild } = await connect();
    const image = await png(320);
    const sticker = await guild.stickers.create({ file: image, name: "Blue square", tags: "blue_square", description: "A blue square", reason: "Made with /asset" });
    expect(sticker).toMatchObject({ name: "Blue square", tags: "blue_square", description: "A blue square", guildId: fake.guild.id, available: true });
    expect(sticker.type).toBe(2);
    expect(sticker.format).toBe(1);
    const request = lastRequest(fake, "POST", "/guilds/:guild/stickers");
    expect(request).toMatchObject({ status: 201, body: { name: "Blue square", tags: "blue_square", description: "A blue square" } });
    expect(request?.files).toEqual([expect.objectContaining({ name: "file", contentType: "image/png", size: image.length })]);
    const [stored] = fake.expressions().stickers;
    expect(stored).toMatchObject({ id: sticker.id, name: "Blue square", description: "A blue square", tags: "blue_square", contentType: "image/png", auditReason: "Made with /asset" });
    expect(stored?.image.equals(image)).toBe(true);
    const update = await gatewayDispatch(fake, "GUILD_STICKERS_UPDATE");
    expect(update.body).toMatchObject({ d: { guild_id: fake.guild.id, stickers: [{ id: sticker.id }] } });
  });

  it("refuses a name outside 2–30, a description of 1 or over 100, tags over 200, with 50035 on the field", async () => {
    const { fake, guild } = await connect();
    const file = await png(320);
    const cases: [Parameters<Guild["stickers"]["create"]>[0], string][] = [
      [{ file, name: "x", tags: "blue" }, "name"],
      [{ file, name: "x".repeat(31), tags: "blue" }, "name"],
      [{ file, name: "Blue", tags: "blue", description: "x" }, "description"],
      [{ file, name: "Blue", tags: "blue", description: "x".repeat(101) }, "description"],
      [{ file, name: "Blue", tags: "x".repeat(201) }, "tags"],
    ];
    for (const [options, field] of cases) {
      expect(Object.keys(formErrors(await apiError(guild.stickers.create(options))))).toEqual([field]);
    }
    expect(fake.expressions().stickers).toEqual([]);
  });

  it("refuses a file over 512 KiB with 50045", async () => {
    const { fake, guild } = await connect();
    const padded = Buffer.concat([await png(320), Buffer.alloc(513 * 1024)]);
    const error = await apiError(guild.stickers.create({ file: padded, name: "Big", tags: "big" }));
    expect(error.code).toBe(50045);
    expect(error.status).toBe(400);
    expect(fake.expressions().stickers).toEqual([]);
  });

  it("refuses with 50046 a file that is not a 320×320 PNG or GIF (a JPEG, another size)", async () => {
    const { fake, guild } = await connect();
    for (const file of [await jpeg(320), await png(256), await png(320, 300), Buffer.from("plain text")]) {
      expect((await apiError(guild.stickers.create({ file, name: "Blue", tags: "blue" }))).code).toBe(50046);
    }
    expect(fake.expressions().stickers).toEqual([]);
  });

  it("refuses with 30039 once the boost level's sticker slots are taken; a boost adds slots", async () => {
    const { fake, guild } = await connect();
    const file = await png(320);
    fake.fillStickers(stickerSlotsByTier[0]);
    expect((await apiError(guild.stickers.create({ file, name: "Blue", tags: "blue" }))).code).toBe(30039);
    fake.setBoost(1);
    await guild.stickers.create({ file, name: "Blue", tags: "blue" });
    expect(fake.expressions().stickers).toHaveLength(stickerSlotsByTier[0] + 1);
  });

  it("answers 403 50013 without Create Expressions", async () => {
    const { fake, guild } = await connect();
    fake.denyBotPermission(PermissionFlagsBits.CreateGuildExpressions);
    const error = await apiError(guild.stickers.create({ file: await png(320), name: "Blue", tags: "blue" }));
    expect(error.status).toBe(403);
    expect(error.code).toBe(50013);
  });
});

describe("the server icon and banner (PATCH /guilds/{id})", () => {
  it("sets the icon: stores the bytes and the reason, answers the guild with the new hash; GUILD_UPDATE follows", async () => {
    const { fake, guild } = await connect();
    const image = await png(1024);
    const updated = await guild.setIcon(dataUri("image/png", image), "New icon from /asset");
    const icon = fake.expressions().icon;
    expect(icon).toMatchObject({ contentType: "image/png", auditReason: "New icon from /asset" });
    expect(icon?.image.equals(image)).toBe(true);
    expect(icon?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(updated.icon).toBe(icon?.hash);
    const update = await gatewayDispatch(fake, "GUILD_UPDATE");
    expect(update.body).toMatchObject({ d: { id: fake.guild.id, icon: icon?.hash } });
    expect((await guild.fetch()).icon).toBe(icon?.hash);
    await guild.setIcon(null);
    expect(fake.expressions().icon).toBeNull();
  });

  it("refuses an icon that is not square or larger than 1024×1024, or whose type is not the bytes', with 50035 on `icon`", async () => {
    const { fake, guild } = await connect();
    for (const icon of [dataUri("image/png", await png(1024, 512)), dataUri("image/png", await png(2048)), dataUri("image/png", await jpeg(512))]) {
      const errors = formErrors(await apiError(guild.setIcon(icon)));
      expect(Object.keys(errors)).toEqual(["icon"]);
    }
    expect(fake.expressions().icon).toBeNull();
    await guild.setIcon(dataUri("image/jpeg", await jpeg(512)));
    expect(fake.expressions().icon?.contentType).toBe("image/jpeg");
  });

  it("takes an animated GIF icon only with ANIMATED_ICON (level 1), an animated banner only with ANIMATED_BANNER (level 3)", async () => {
    const { fake, guild } = await connect();
    const icon = dataUri("image/gif", await animatedGif(512));
    expect(Object.keys(formErrors(await apiError(guild.setIcon(icon))))).toEqual(["icon"]);
    await guild.setIcon(dataUri("image/gif", await sharp(await png(512)).gif().toBuffer()));
    expect(fake.expressions().icon?.hash).toMatch(/^[0-9a-f]{32}$/);
    fake.setBoost(1);
    await guild.setIcon(icon);
    expect(fake.expressions().icon).toMatchObject({ contentType: "image/gif", hash: expect.stringMatching(/^a_[0-9a-f]{32}$/) });
    fake.setBoost(2);
    const banner = dataUri("image/gif", await animatedGif(960));
    expect(Object.keys(formErrors(await apiError(guild.setBanner(banner))))).toEqual(["banner"]);
    fake.setBoost(3);
    await guild.setBanner(banner);
    expect(fake.expressions().banner?.contentType).toBe("image/gif");
  });

  it("refuses a banner with 50035 on `banner` until the server has the BANNER feature (boost level 2)", async () => {
    const { fake, guild } = await connect();
    const image = await png(960, 540);
    fake.setBoost(1);
    const errors = formErrors(await apiError(guild.setBanner(dataUri("image/png", image), "Banner")));
    expect(Object.keys(errors)).toEqual(["banner"]);
    expect(fake.expressions().banner).toBeNull();
    fake.setBoost(2);
    const updated = await guild.setBanner(dataUri("image/png", image), "Banner");
    expect(fake.expressions().banner).toMatchObject({ hash: updated.banner, contentType: "image/png", auditReason: "Banner" });
    expect(fake.expressions().banner?.image.equals(image)).toBe(true);
    await guild.setBanner(null);
    expect(fake.expressions().banner).toBeNull();
  });

  it("answers 403 50013 without Manage Server, and changes nothing", async () => {
    const { fake, guild } = await connect();
    fake.setBoost(2);
    fake.denyBotPermission(PermissionFlagsBits.ManageGuild);
    const icon = dataUri("image/png", await png(512));
    const banner = dataUri("image/png", await png(960, 540));
    for (const change of [() => guild.setIcon(icon), () => guild.setBanner(banner)]) {
      const error = await apiError(change());
      expect(error.status).toBe(403);
      expect(error.code).toBe(50013);
    }
    expect(fake.expressions()).toMatchObject({ icon: null, banner: null });
  });
});

describe("an event's cover (PATCH /guilds/{id}/scheduled-events/{event})", () => {
  it("lists the server's events, in GUILD_CREATE too; sets the cover, storing the bytes and the reason; GUILD_SCHEDULED_EVENT_UPDATE follows", async () => {
    const { fake, guild } = await connect((f) => f.addScheduledEvent({ name: "Drawing night", creator: f.users.moderator }));
    const [event] = fake.scheduledEvents();
    expect(guild.scheduledEvents.cache.get(event!.id)?.name).toBe("Drawing night");
    const fetched = await guild.scheduledEvents.fetch();
    expect(fetched.get(event!.id)).toMatchObject({ name: "Drawing night", creatorId: fake.users.moderator.id, image: null });
    const image = await png(800, 320);
    const edited = await guild.scheduledEvents.edit(event!.id, { image: dataUri("image/png", image), reason: "Cover from /asset" });
    const [stored] = fake.scheduledEvents();
    expect(stored?.cover).toMatchObject({ contentType: "image/png", auditReason: "Cover from /asset" });
    expect(stored?.cover?.image.equals(image)).toBe(true);
    expect(edited.image).toBe(stored?.cover?.hash);
    const update = await gatewayDispatch(fake, "GUILD_SCHEDULED_EVENT_UPDATE");
    expect(update.body).toMatchObject({ d: { id: event!.id, image: stored?.cover?.hash } });
  });

  it("refuses image data whose type is not the bytes' with 50035 on `image`, and an unknown event with 10070", async () => {
    const { fake, guild } = await connect();
    const event = fake.addScheduledEvent();
    const errors = formErrors(await apiError(guild.scheduledEvents.edit(event.id, { image: dataUri("image/png", await jpeg(800, 320)) })));
    expect(Object.keys(errors)).toEqual(["image"]);
    expect(fake.scheduledEvents()[0]?.cover).toBeNull();
    expect((await apiError(guild.scheduledEvents.edit("1", { image: dataUri("image/png", await png(800, 320)) }))).code).toBe(10070);
  });

  it("answers 403 50013 without Manage Events for a member's event; Create Events is enough for the bot's own", async () => {
    const { fake, guild } = await connect();
    const members = fake.addScheduledEvent({ creator: fake.users.owner });
    const own = fake.addScheduledEvent({ creator: "bot" });
    const image = dataUri("image/png", await png(800, 320));
    fake.denyBotPermission(PermissionFlagsBits.ManageEvents);
    const error = await apiError(guild.scheduledEvents.edit(members.id, { image }));
    expect(error.status).toBe(403);
    expect(error.code).toBe(50013);
    await guild.scheduledEvents.edit(own.id, { image });
    expect(fake.scheduledEvents().map((e) => e.cover !== null)).toEqual([false, true]);
    fake.denyBotPermission(PermissionFlagsBits.CreateEvents);
    expect((await apiError(guild.scheduledEvents.edit(own.id, { image: null }))).code).toBe(50013);
    expect(fake.scheduledEvents()[1]?.cover).not.toBeNull();
  });
});
