// The fake Discord, driven by the real discord.js Client configured the way the bot configures it.
import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import {
  ActionRowBuilder,
  ApplicationCommandType,
  ApplicationIntegrationType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ChannelType,
  Client,
  ContextMenuCommandBuilder,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type RESTPostAPIApplicationCommandsJSONBody,
  ComponentType,
  type APIModalInteractionResponseCallbackData,
  type ApplicationCommandData,
  type Interaction,
  type Message,
  MessageReferenceType,
  PermissionFlagsBits,
  MessageType,
  type TextChannel,
} from "discord.js";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from "../fakes/discord/index.js";
import { apiError } from "./fake-discord-client.js";

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connect(
  options: FakeDiscordOptions = {},
  intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds],
): Promise<{ fake: FakeDiscord; client: Client<true> }> {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 100, ...options });
  client = new Client({ intents, rest: { api: fake.apiUrl }, allowedMentions: { parse: [] } });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.botToken);
  await ready;
  return { fake, client: client as Client<true> };
}

/** The next interaction the client emits, narrowed by a type guard. */
function nextInteraction<T extends Interaction>(c: Client, guard: (i: Interaction) => i is T): Promise<T> {
  return new Promise((resolve, reject) => {
    c.once(Events.InteractionCreate, (i) => (guard(i) ? resolve(i) : reject(new Error(`unexpected interaction type ${i.type}`))));
  });
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3366ff" } }).png().toBuffer();

const imagine = new SlashCommandBuilder()
  .setName("imagine")
  .setDescription("Generate an image")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setNSFW(false)
  .addStringOption((o) => o.setName("prompt").setDescription("What to draw").setRequired(true).setMaxLength(2000))
  .addAttachmentOption((o) => o.setName("image").setDescription("A reference image"))
  .addStringOption((o) => o.setName("style").setDescription("A style").setAutocomplete(true))
  .toJSON();

const editWithAi = new ContextMenuCommandBuilder()
  .setName("Edit with AI")
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

const isWrite = (r: RecordedRequest) =>
  r.kind === "http" &&
  r.status < 300 &&
  ((r.method === "POST" && r.route === "/channels/:ch/messages") ||
    (r.method === "PATCH" && r.route.startsWith("/webhooks/")) ||
    (r.method === "POST" && r.route === "/webhooks/:app/:token") ||
    (r.method === "PATCH" && r.route === "/channels/:ch/messages/:id"));

describe("gateway", () => {
  it("logs discord.js in, delivers the guild with its channels, and acknowledges heartbeats", async () => {
    const { fake, client } = await connect();
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.name).toBe(fake.guild.name);
    expect(client.user.id).toBe(fake.applicationId);
    expect(client.application.id).toBe(fake.applicationId);
    const nsfw = guild?.channels.cache.get(fake.channels.nsfw);
    expect(nsfw?.type).toBe(ChannelType.GuildText);
    expect(nsfw?.isTextBased() && "nsfw" in nsfw && nsfw.nsfw).toBe(true);
    expect(guild?.channels.cache.get(fake.channels.general)?.isTextBased()).toBe(true);
    expect(guild?.members.cache.get(fake.users.moderator.id)?.permissions.has("ManageMessages")).toBe(true);
    expect(guild?.ownerId).toBe(fake.users.owner.id);

    const ack = await fake.waitForRequest((r) => r.kind === "gateway" && r.direction === "out" && r.op === 11);
    const beat = fake.requests.find((r) => r.kind === "gateway" && r.direction === "in" && r.op === 1);
    expect(beat).toBeDefined();
    expect(ack.at).toBeGreaterThanOrEqual(beat?.at ?? Infinity);
    const dispatches = fake.requests.filter((r) => r.kind === "gateway" && r.op === 0).map((r) => (r.body as { s: number }).s);
    expect(dispatches).toEqual(dispatches.map((_, i) => i + 1));
  });

  it("rejects a wrong token on REST and on the gateway", async () => {
    fake = await startFakeDiscord();
    const wrong = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    await expect(wrong.login("MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.wrong.token")).rejects.toThrow(/invalid token/i);
    await wrong.destroy();
    const gatewayBot = fake.requests.find((r) => r.route === "/gateway/bot");
    expect(gatewayBot?.status).toBe(401);
    expect(gatewayBot?.headers.authorization).toBe("Bot ***");

    const ws = new WebSocket(`ws://127.0.0.1:${fake.port}/gateway?v=10&encoding=json`);
    await once(ws, "open");
    ws.send(JSON.stringify({ op: 2, d: { token: "nope", intents: 1, properties: {} } }));
    const [code] = (await once(ws, "close")) as [number];
    expect(code).toBe(4004);
  });
});

describe("application commands", () => {
  it("bulk-overwrites guild commands the way Discord stores them, so discord.js sees them as equal", async () => {
    const { fake, client } = await connect();
    const defs = [imagine, editWithAi];
    const set = await client.application.commands.set(defs, fake.guild.id);
    expect(set.size).toBe(2);
    const stored = fake.commands(fake.guild.id);
    expect(stored.map((c) => c.name)).toEqual(["imagine", "Edit with AI"]);
    expect(stored[1]).toMatchObject({ type: 3, description: "", default_member_permissions: null, nsfw: false, guild_id: fake.guild.id });
    expect(fake.commands()).toEqual([]);

    const fetched = await client.application.commands.fetch({ guildId: fake.guild.id });
    for (const def of defs) {
      const command = fetched.find((c) => c.name === def.name);
      // equals() compares raw API JSON at runtime; its typings only admit the camelCase ApplicationCommandData.
      expect(command?.equals(def as unknown as ApplicationCommandData), def.name).toBe(true);
    }

    // Re-registering the same definitions keeps ids and versions; a changed one gets a new version.
    await client.application.commands.set(defs, fake.guild.id);
    expect(fake.commands(fake.guild.id).map((c) => [c.id, c.version])).toEqual(stored.map((c) => [c.id, c.version]));
    const changed = { ...imagine, description: "Generate images" };
    await client.application.commands.set([changed, editWithAi], fake.guild.id);
    const [after] = fake.commands(fake.guild.id);
    expect(after?.id).toBe(stored[0]?.id);
    expect(after?.version).not.toBe(stored[0]?.version);

    const invalid = await apiError(client.application.commands.set([{ name: "Imagine", description: "x" }], fake.guild.id));
    expect(invalid.code).toBe(50035);
    expect(invalid.rawError).toMatchObject({ errors: { 0: { name: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME" }] } } } });

    // Like real Discord: a builder's toJSON() keeps `nsfw: undefined` when setNSFW() was never called, and
    // equals() then compares undefined with the stored false. A JSON round-trip (what goes over the wire) is equal.
    const unsetNsfw = new SlashCommandBuilder()
      .setName("draw")
      .setDescription("Draw something")
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .toJSON();
    const [draw] = (await client.application.commands.set([unsetNsfw], fake.guild.id)).values();
    expect(draw?.equals(unsetNsfw as unknown as ApplicationCommandData)).toBe(false);
    expect(draw?.equals(JSON.parse(JSON.stringify(unsetNsfw)) as ApplicationCommandData)).toBe(true);
  });

  it("holds localized names, descriptions and choice labels to Discord's rules in every locale", async () => {
    const { fake, client } = await connect();
    // Plain JSON, as another client might send it: discord.js builders refuse some of these before they leave.
    const draw = (option: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      name: "draw",
      name_localizations: { de: "zeichnen", ja: "描く" },
      description: "Draw something",
      description_localizations: { de: "Etwas zeichnen" },
      options: [
        { type: 3, name: "prompt", description: "What to draw", name_localizations: { de: "beschreibung", "es-419": "instrucción" } },
        { type: 4, name: "count", description: "How many", name_localizations: { de: "anzahl" } },
        option,
      ],
      ...extra,
    });
    const style = { type: 3, name: "style", description: "A style", choices: [{ name: "watercolour", value: "w", name_localizations: { de: "Aquarell" } }] };

    // Deliberately invalid bodies too, typed as the API JSON they stand in for.
    const send = (body: object) => client.application.commands.set([body as RESTPostAPIApplicationCommandsJSONBody], fake.guild.id);
    const good = await send(draw(style));
    expect(good.first()?.nameLocalizations).toEqual({ de: "zeichnen", ja: "描く" });
    expect(fake.commands(fake.guild.id)[0]?.options?.[2]).toMatchObject({ choices: [{ name_localizations: { de: "Aquarell" } }] });

    const refused = async (body: object, errors: unknown) => {
      const error = await apiError(send(body));
      expect(error.status).toBe(400);
      expect(error.code).toBe(50035);
      expect(error.rawError).toMatchObject({ message: "Invalid Form Body", errors: { 0: errors } });
    };
    const invalidName = { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME" }] };
    const tooLong = { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] };
    const taken = { _errors: [{ code: "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS" }] };
    // A capital letter with a lowercase form, and a space, in a chat-input command's localized name.
    await refused(draw(style, { name_localizations: { de: "Zeichnen" } }), { name_localizations: { de: invalidName } });
    await refused({ ...draw(style), options: [{ type: 3, name: "prompt", description: "x", name_localizations: { fr: "la consigne" } }] }, {
      options: { 0: { name_localizations: { fr: invalidName } } },
    });
    await refused(draw(style, { description_localizations: { ja: "x".repeat(101) } }), { description_localizations: { ja: tooLong } });
    await refused(draw({ ...style, choices: [{ name: "watercolour", value: "w", name_localizations: { de: "" } }] }), {
      options: { 2: { choices: { 0: { name_localizations: { de: tooLong } } } } },
    });
    // A localization map that is not a dictionary, or a localization that is not a string.
    await refused(draw(style, { name_localizations: ["zeichnen"] }), { name_localizations: { _errors: [{ code: "DICT_TYPE_CONVERT" }] } });
    await refused(draw(style, { description_localizations: { de: 7 } }), { description_localizations: { de: { _errors: [{ code: "STRING_TYPE_CONVERT" }] } } });
    // Two options with one name in a locale, or a localized name that is another option's default name.
    await refused(draw({ ...style, name_localizations: { de: "anzahl" } }), { options: { 2: { name_localizations: { de: taken } } } });
    await refused(draw({ ...style, name_localizations: { ja: "count" } }), { options: { 2: { name_localizations: { ja: taken } } } });
    // A message menu's localized name may have capitals and spaces, up to 32 characters.
    const menu = { type: ApplicationCommandType.Message, name: "Edit with AI", name_localizations: { de: "Mit KI bearbeiten" } };
    expect((await send(menu)).size).toBe(1);
    await refused({ ...menu, name_localizations: { de: "M".repeat(33) } }, { name_localizations: { de: tooLong } });
    // The 8,000 characters count each field's longest localization.
    const long = (n: number) => "d".repeat(n);
    const options = Array.from({ length: 25 }, (_, i) => ({ type: 3, name: `o${i}`, description: "x", description_localizations: { de: long(100) } }));
    const big = (descriptions: number) => ({
      name: "big",
      description: "x",
      options: [{ type: 1, name: "a", description: "x", options }, ...Array.from({ length: descriptions }, (_, i) => ({ type: 1, name: `b${i}`, description: "x", options }))],
    });
    expect((await send(big(1))).size).toBe(1);
    await refused(big(3), { _errors: [{ code: "APPLICATION_COMMAND_TOO_LARGE" }] });
  });

  it("lists commands without their localization dictionaries unless with_localizations is asked for, like Discord", async () => {
    const { fake, client } = await connect();
    const localized = new SlashCommandBuilder()
      .setName("draw")
      .setNameLocalizations({ de: "zeichnen" })
      .setDescription("Draw something")
      .setDescriptionLocalizations({ de: "Etwas zeichnen" })
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .addStringOption((o) =>
        o.setName("style").setNameLocalizations({ fr: "style-fr" }).setDescription("A style").addChoices({ name: "ink", name_localizations: { de: "Tinte" }, value: "ink" }),
      )
      .toJSON();
    await client.application.commands.set([localized], fake.guild.id);
    const definition = JSON.parse(JSON.stringify(localized)) as ApplicationCommandData;

    // Over REST, as discord.js's cache would keep the dictionaries it already holds from set().
    const list = async (query?: URLSearchParams) =>
      (await client.rest.get(Routes.applicationGuildCommands(client.application.id, fake.guild.id), query ? { query } : {})) as Record<string, unknown>[];
    const [bare] = await list();
    expect(bare).toMatchObject({ name: "draw", description: "Draw something" });
    expect(JSON.stringify(bare)).not.toMatch(/localizations/);

    const [full] = await list(new URLSearchParams({ with_localizations: "true" }));
    expect(full).toMatchObject({
      name_localizations: { de: "zeichnen" },
      description_localizations: { de: "Etwas zeichnen" },
      options: [{ name_localizations: { fr: "style-fr" }, choices: [{ name_localizations: { de: "Tinte" } }] }],
    });
    // Discord ignores a localization identical to the default.
    await client.application.commands.set([{ ...localized, name_localizations: { de: "zeichnen", fr: "draw" } }], fake.guild.id);
    expect((await list(new URLSearchParams({ with_localizations: "true" })))[0]?.name_localizations).toEqual({ de: "zeichnen" });
    await client.application.commands.set([localized], fake.guild.id);
    // What the bot's registration compares its definitions with.
    const fetched = (await client.application.commands.fetch({ guildId: fake.guild.id, withLocalizations: true })).first();
    expect(fetched?.equals(definition, true)).toBe(true);
  });
});

describe("gateway sessions", () => {
  type Frame = { op: number; s: number | null; t: string | null; d: unknown };
  const frames = (f: FakeDiscord, direction: "in" | "out") =>
    f.requests.filter((r) => r.kind === "gateway" && r.direction === direction && r.op !== undefined).map((r) => r.body as Frame);
  const ops = (f: FakeDiscord) =>
    f.requests.filter((r) => r.kind === "gateway" && r.op !== undefined && r.op !== 1 && r.op !== 11).map((r) => `${r.direction} ${r.op}${r.t ? ` ${r.t}` : ""}`);
  const command = (f: FakeDiscord, prompt: string) => f.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: prompt }] });

  it.each([
    ["closed with 4000 Unknown error", (f: FakeDiscord) => f.dropGateway({ closeCode: 4000 })],
    ["broken without a close frame", (f: FakeDiscord) => f.dropGateway()],
    ["asked to reconnect (op 7)", (f: FakeDiscord) => f.requestGatewayReconnect()],
  ])("%s: discord.js resumes with its session id and last seq, gets what it missed in order, then RESUMED", async (_how, disconnect) => {
    const { fake, client } = await connect();
    const ready = frames(fake, "out").find((f) => f.t === "READY")!;
    const lastSeq = Math.max(...frames(fake, "out").map((f) => f.s ?? 0));
    disconnect(fake);
    // Dispatched while the client is away: it waits for the resume.
    const arrived = nextInteraction(client, (i): i is ChatInputCommandInteraction => i.isChatInputCommand());
    const handle = command(fake, "while away");
    const interaction = await arrived;
    expect(interaction.id).toBe(handle.id);
    await interaction.reply("answered after the resume");
    expect((await handle.response()).type).toBe(4);

    const resume = frames(fake, "in").find((f) => f.op === 6);
    expect(resume?.d).toEqual({ token: fake.botToken, session_id: (ready.d as { session_id: string }).session_id, seq: lastSeq });
    const sinceResume = ops(fake).slice(ops(fake).indexOf("in 6"));
    expect(sinceResume).toEqual(["in 6", "out 0 INTERACTION_CREATE", "out 0 RESUMED"]);
    expect(frames(fake, "out").filter((f) => f.op === 0).map((f) => f.s)).toEqual(Array.from({ length: lastSeq + 2 }, (_, i) => i + 1));
    expect(frames(fake, "in").filter((f) => f.op === 2)).toHaveLength(1);
    // Later dispatches go on in the same session.
    const next = nextInteraction(client, (i): i is ChatInputCommandInteraction => i.isChatInputCommand());
    command(fake, "after the resume");
    expect((await next).options.getString("prompt")).toBe("after the resume");
  });

  it("forgets a session on request: the RESUME gets op 9 d:false, discord.js identifies anew, and nothing is dispatched meanwhile", { timeout: 15_000 }, async () => {
    const { fake, client } = await connect();
    fake.dropGateway({ closeCode: 4000, resumable: false });
    expect(() => command(fake, "into the void")).toThrow(/no client is connected/);
    // discord.js spaces identifies 5 s apart.
    await fake.waitForIdentify(10_000);
    const since = ops(fake).slice(ops(fake).indexOf("in 6"));
    // A new session: READY, then both servers.
    expect(since).toEqual(["in 6", "out 9", "out 10", "in 2", "out 0 READY", "out 0 GUILD_CREATE", "out 0 GUILD_CREATE"]);
    expect(frames(fake, "out").find((f) => f.op === 9)?.d).toBe(false);
    const sessions = frames(fake, "out").filter((f) => f.t === "READY").map((f) => (f.d as { session_id: string }).session_id);
    expect(new Set(sessions).size).toBe(2);
    const arrived = nextInteraction(client, (i): i is ChatInputCommandInteraction => i.isChatInputCommand());
    const handle = command(fake, "in the new session");
    expect((await arrived).id).toBe(handle.id);
  });

  it("ends a session its client closes with 1000 or 1001: a RESUME of it gets op 9 d:false; any other close code leaves it resumable", async () => {
    const gateway = await startFakeDiscord();
    fake = gateway;
    const url = `ws://127.0.0.1:${gateway.port}/gateway?v=10&encoding=json`;
    /** Opens a connection and sends one frame; resolves with the first frame Discord answers it with (after HELLO). */
    const exchange = async (payload: unknown): Promise<{ ws: WebSocket; answer: Frame }> => {
      const ws = new WebSocket(url);
      const frames: Frame[] = [];
      ws.on("message", (data) => frames.push(JSON.parse(String(data)) as Frame));
      await once(ws, "open");
      ws.send(JSON.stringify(payload));
      while (frames.length < 2) await once(ws, "message");
      return { ws, answer: frames[1]! };
    };
    const identify = { op: 2, d: { token: gateway.botToken, intents: 1, properties: {} } };
    const resume = (sessionId: string, seq: number) => ({ op: 6, d: { token: gateway.botToken, session_id: sessionId, seq } });

    for (const [code, resumed] of [[4000, true], [1000, false], [1001, false]] as const) {
      const first = await exchange(identify);
      const sessionId = (first.answer.d as { session_id: string }).session_id;
      first.ws.close(code);
      await once(first.ws, "close");
      const again = await exchange(resume(sessionId, 1));
      expect(again.answer, `closed with ${code}`).toMatchObject(resumed ? { op: 0, t: "GUILD_CREATE", s: 2 } : { op: 9, d: false });
      again.ws.close();
      await once(again.ws, "close");
    }
  });
});

describe("slash commands", () => {
  it("delivers options and attachments, accepts one reply and rejects a second with 40060", async () => {
    const { fake, client } = await connect();
    fake.setCommands([imagine], fake.guild.id);
    const image = fake.hostAttachment({ filename: "cat.png", contentType: "image/png", data: await png(8, 6) });
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({
      name: "imagine",
      options: [
        { name: "prompt", value: "a cat in a hat" },
        { name: "image", value: image.id },
      ],
      attachments: [image],
      user: fake.users.moderator,
    });
    const interaction = await arrived;
    expect(interaction.commandName).toBe("imagine");
    expect(interaction.options.getString("prompt")).toBe("a cat in a hat");
    const attachment = interaction.options.getAttachment("image");
    expect(attachment?.url).toBe(image.url);
    expect(attachment?.contentType).toBe("image/png");
    expect([attachment?.width, attachment?.height]).toEqual([8, 6]);
    expect(interaction.attachmentSizeLimit).toBe(10 * 1024 * 1024);
    expect(interaction.channelId).toBe(fake.channels.general);
    expect(interaction.user.id).toBe(fake.users.moderator.id);
    expect(interaction.memberPermissions?.has("ManageGuild")).toBe(true);
    expect(interaction.inCachedGuild()).toBe(true);

    await interaction.reply({ content: "Working on it", flags: MessageFlags.Ephemeral });
    const response = await handle.response();
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    expect(handle.original()?.content).toBe("Working on it");

    // discord.js refuses a second reply locally, so send it raw: the fake answers like Discord.
    const again = await apiError(
      client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: "again" } }, auth: false }),
    );
    expect(again.code).toBe(40060);
    expect(again.status).toBe(400);
  });

  it("sends the member's locale and the server's guild_locale, en-US unless the dispatch gives them", async () => {
    const { fake, client } = await connect();
    fake.setCommands([imagine], fake.guild.id);
    const plain = nextInteraction(client, (i) => i.isChatInputCommand());
    fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }] });
    expect([(await plain).locale, (await plain).guildLocale]).toEqual(["en-US", "en-US"]);
    const localized = nextInteraction(client, (i) => i.isChatInputCommand());
    fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "ein Fuchs" }], locale: "de", guildLocale: "fr" });
    expect([(await localized).locale, (await localized).guildLocale]).toEqual(["de", "fr"]);
  });

  it("reports width and height only for files it can open as images, whatever their label, and flags animated ones", async () => {
    const { fake } = await connect();
    const host = (filename: string, data: Buffer, contentType = "image/png") => fake.hostAttachment({ filename, contentType, data });
    const frames = await Promise.all(["#f00", "#00f"].map((c) => sharp({ create: { width: 4, height: 3, channels: 3, background: c } }).png().toBuffer()));
    const animatedGif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    const animatedWebp = await sharp(frames, { join: { animated: true } }).webp().toBuffer();
    const stillGif = await sharp(frames[0]).gif().toBuffer();
    const signatureOnly = Buffer.concat([(await png(4, 3)).subarray(0, 8), Buffer.from("not the IHDR chunk at all")]);

    const read = (a: { width?: number | null; height?: number | null; flags?: number }) => [a.width, a.height, a.flags ?? 0];
    expect(read(host("ok.png", await png(8, 6)))).toEqual([8, 6, 0]);
    expect(read(host("still.gif", stillGif, "image/gif"))).toEqual([4, 3, 0]);
    expect(read(host("moving.gif", animatedGif, "image/gif"))).toEqual([4, 3, 32]);
    expect(read(host("moving.webp", animatedWebp, "image/webp"))).toEqual([4, 3, 32]);
    expect(read(host("text.png", Buffer.from("just some words")))).toEqual([undefined, undefined, 0]);
    expect(read(host("broken.png", signatureOnly))).toEqual([undefined, undefined, 0]);
    expect(read(host("empty.png", Buffer.alloc(0)))).toEqual([undefined, undefined, 0]);
    // The label is the uploader's: Discord does not correct it.
    expect(host("text.png", Buffer.from("just some words")).content_type).toBe("image/png");
  });

  it("checks option values against the registered command, unless the interaction is crafted", async () => {
    const { fake, client } = await connect();
    const limited = new SlashCommandBuilder()
      .setName("limited")
      .setDescription("Numbers in a range")
      .addIntegerOption((o) => o.setName("count").setDescription("How many").setMinValue(1).setMaxValue(4))
      .toJSON();
    fake.setCommands([limited], fake.guild.id);
    expect(() => fake.dispatchSlashCommand({ name: "limited", options: [{ name: "count", value: 9 }] })).toThrow(/above max_value 4/);
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    fake.dispatchSlashCommand({ name: "limited", options: [{ name: "count", value: 9 }], crafted: true });
    expect((await arrived).options.getInteger("count")).toBe(9);
  });

  it("answers a late acknowledgement with 10062 Unknown interaction", async () => {
    const { fake, client } = await connect({ interactionDeadlineMs: 200 });
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "late" }] });
    const interaction = await arrived;
    await delay(300);
    const error = await apiError(interaction.deferReply());
    expect(error.code).toBe(10062);
    expect(error.status).toBe(404);
  });

  it("stores files of a deferred reply's edit and enforces file size, file count and content length", async () => {
    const { fake, client } = await connect({ attachmentSizeLimit: 1000 });
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }] });
    const interaction = await arrived;
    expect(interaction.attachmentSizeLimit).toBe(1000);
    await interaction.deferReply();
    expect(handle.original()?.flags).toBe(MessageFlags.Loading);

    const bytes = await png(16, 9);
    expect(bytes.length).toBeLessThan(1000);
    await interaction.editReply({ content: "Here you go", files: [new AttachmentBuilder(bytes, { name: "fox.png" })] });
    const original = await handle.waitForOriginal((m) => m.attachments.length === 1);
    const [stored] = original.attachments;
    expect(stored?.filename).toBe("fox.png");
    expect(stored?.content_type).toBe("image/png");
    expect(stored?.size).toBe(bytes.length);
    expect(stored?.data.equals(bytes)).toBe(true);
    expect(await sharp(stored?.data).metadata()).toMatchObject({ width: 16, height: 9 });
    expect(original.flags & MessageFlags.Loading).toBe(0);
    const served = await fetch(stored?.url ?? "");
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    const upload = fake.requests.find((r) => r.method === "PATCH" && r.route === "/webhooks/:app/:token/messages/@original");
    expect(upload?.files).toEqual([{ name: "files[0]", filename: "fox.png", size: bytes.length, contentType: "image/png" }]);

    const tooBig = await apiError(interaction.editReply({ files: [new AttachmentBuilder(Buffer.alloc(1001, 1), { name: "big.bin" })] }));
    expect([tooBig.status, tooBig.code]).toEqual([413, 40005]);
    const files = Array.from({ length: 11 }, (_, i) => new AttachmentBuilder(Buffer.from([i]), { name: `f${i}.bin` }));
    const tooMany = await apiError(interaction.editReply({ files }));
    expect(tooMany.code).toBe(30015);
    const tooLong = await apiError(interaction.editReply({ content: "x".repeat(2001) }));
    expect(tooLong.code).toBe(50035);
    expect(tooLong.rawError).toMatchObject({ errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
    // Rejected edits leave the message alone.
    expect(handle.original()?.content).toBe("Here you go");
    expect(handle.original()?.history).toHaveLength(2);
  });

  it("refuses a multipart edit that is cut short, names no boundary or has a part without a form-data name, and leaves the reply alone", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }] });
    await (await arrived).deferReply();
    const url = `${fake.apiUrl}/v10${Routes.webhookMessage(fake.applicationId, handle.token, "@original")}`;
    // The boundary's text inside a file is no delimiter unless it starts a line.
    const bytes = Buffer.concat([await png(4, 4), Buffer.from("--b and --b-- inside the file")]);
    const whole = Buffer.concat([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json\r\n\r\n{"content":"cut"}\r\n'),
      Buffer.from('--b\r\nContent-Disposition: form-data; name="files[0]"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'),
      bytes,
      Buffer.from("\r\n--b--\r\n"),
    ]);
    const patch = (body: Buffer, contentType: string) => fetch(url, { method: "PATCH", headers: { "content-type": contentType }, body });

    const payloadPart = Buffer.from('--b\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{"content":"x"}\r\n');
    const withPart = (part: string) => Buffer.concat([payloadPart, Buffer.from(`--b\r\n${part}\r\n\r\nabc\r\n--b--\r\n`)]);
    for (const [body, contentType] of [
      [whole.subarray(0, whole.length - 20), "multipart/form-data; boundary=b"],
      [whole, "multipart/form-data"],
      [withPart('Content-Disposition: form-data; filename="a.png"'), "multipart/form-data; boundary=b"], // no name
      [withPart("Content-Type: image/png"), "multipart/form-data; boundary=b"], // no Content-Disposition
      [withPart('Content-Disposition: attachment; name="files[0]"; filename="a.png"'), "multipart/form-data; boundary=b"],
    ] as const) {
      const answer = await patch(body, contentType);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 50109 });
    }
    expect(handle.original()?.content).toBe("");
    expect(handle.original()?.attachments).toEqual([]);

    // The same body, whole and with its boundary, is taken: the refusals above were about the cut and the parts.
    // A typed part that names no file is a field, as in FormData, not an attachment.
    const note = Buffer.from('--b\r\nContent-Disposition: form-data; name="note"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n');
    // And what follows the close delimiter (an epilogue) is not read, whatever it holds.
    const epilogue = Buffer.from("epilogue\r\n--b\r\n");
    expect((await patch(Buffer.concat([note, whole, epilogue]), "multipart/form-data; boundary=b")).status).toBe(200);
    const original = await handle.waitForOriginal((m) => m.content === "cut");
    expect(original.attachments).toHaveLength(1);
    expect(original.attachments[0]?.data.equals(bytes)).toBe(true);
  });

  it("expires the interaction token, while the bot token can still edit the reply", async () => {
    const { fake, client } = await connect({ interactionTokenTtlMs: 300 });
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "slow" }] });
    const interaction = await arrived;
    const callback = await interaction.deferReply({ withResponse: true });
    const messageId = callback.resource?.message?.id;
    expect(messageId).toBe(handle.original()?.id);
    await delay(350);

    const expired = await apiError(interaction.editReply("too late"));
    expect([expired.status, expired.code]).toEqual([401, 50027]);
    const channel = interaction.channel as TextChannel;
    const edited = await channel.messages.edit(messageId ?? "", { content: "done, via the bot token" });
    expect(edited.content).toBe("done, via the bot token");
    expect(handle.original()?.content).toBe("done, via the bot token");
  });

  it("holds the answers it is told to hold: the edit lands at once, its answer only on release", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "held" }] });
    const interaction = await arrived;
    await interaction.deferReply();
    const hold = fake.holdAnswers((request) => request.method === "PATCH" && request.path.endsWith("/messages/@original"));
    let answered = false;
    const edit = interaction.editReply({ content: "the result", files: [new AttachmentBuilder(await png(4, 4), { name: "r.png" })] }).then(() => {
      answered = true;
    });
    expect(await hold.caught).toMatchObject({ method: "PATCH", files: 1 });
    expect(handle.original()).toMatchObject({ content: "the result", attachments: [expect.objectContaining({ filename: "r.png" })] });
    // Other requests are answered meanwhile.
    expect(await fetch(`${fake.apiUrl}/v10${Routes.webhookMessage(client.application.id, interaction.token, "@original")}`).then((r) => r.json())).toMatchObject({ content: "the result" });
    expect(answered).toBe(false);
    hold.release();
    await edit;
    expect(answered).toBe(true);
  });

  it("answers every channel route with 50001 once the bot cannot see the channel; the interaction token still edits the reply", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "hidden" }] });
    const interaction = await arrived;
    const callback = await interaction.deferReply({ withResponse: true });
    const messageId = callback.resource?.message?.id ?? "";
    fake.hideChannelFromBot(fake.channels.general);
    for (const attempt of [
      client.rest.get(Routes.channel(fake.channels.general)),
      client.rest.patch(Routes.channelMessage(fake.channels.general, messageId), { body: { content: "x" } }),
      client.rest.post(Routes.channelMessages(fake.channels.general), { body: { content: "x" } }),
    ]) {
      const error = await apiError(attempt);
      expect([error.status, error.code]).toEqual([403, 50001]);
    }
    await interaction.editReply("still reachable through the token");
    expect(handle.original()?.content).toBe("still reachable through the token");
  });

  it("answers a message with files with 50013 where the bot may not attach files; text still goes", async () => {
    const { fake, client } = await connect();
    fake.denyBotAttachFiles(fake.channels.general);
    const channel = (await client.channels.fetch(fake.channels.general)) as TextChannel;
    const text = await channel.send({ content: "words only" });
    const withFile = { files: [new AttachmentBuilder(await png(4, 4), { name: "f.png" })] };
    for (const attempt of [channel.send(withFile), channel.messages.edit(text.id, withFile)]) {
      const error = await apiError(attempt);
      expect([error.status, error.code]).toEqual([403, 50013]);
    }
    expect((await channel.messages.edit(text.id, { content: "edited words" })).content).toBe("edited words");
  });

  it("answers autocomplete with choices", async () => {
    const { fake, client } = await connect();
    fake.setCommands([imagine], fake.guild.id);
    const arrived = nextInteraction(client, (i) => i.isAutocomplete());
    const handle = fake.dispatchAutocomplete({ name: "imagine", options: [{ name: "prompt", value: "x" }, { name: "style", value: "wat" }], focused: "style" });
    const interaction = await arrived;
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "style", value: "wat" });
    await interaction.respond([{ name: "Watercolour", value: "watercolour" }]);
    expect(await handle.response()).toMatchObject({ type: 8, data: { choices: [{ name: "Watercolour", value: "watercolour" }] } });
  });

  it("refuses an autocomplete answer past Discord's rules (more than 25 choices, a name over 100 characters) and any other answer to one", async () => {
    const { fake, client } = await connect();
    fake.setCommands([imagine], fake.guild.id);
    const ask = async () => {
      const arrived = nextInteraction(client, (i) => i.isAutocomplete());
      const handle = fake.dispatchAutocomplete({ name: "imagine", options: [{ name: "prompt", value: "x" }, { name: "style", value: "" }], focused: "style" });
      return { handle, interaction: await arrived };
    };
    const choice = (i: number, name = `Style ${i}`) => ({ name, value: `style-${i}` });

    const tooMany = await ask();
    const many = await apiError(tooMany.interaction.respond(Array.from({ length: 26 }, (_, i) => choice(i))));
    expect([many.status, many.code]).toEqual([400, 50035]);
    expect(JSON.stringify(many.rawError)).toContain("Must be 25 or fewer in length.");
    // Refused, so not acknowledged: 25 still goes.
    await tooMany.interaction.respond(Array.from({ length: 25 }, (_, i) => choice(i)));
    expect((await tooMany.handle.response()).data.choices).toHaveLength(25);

    const tooLong = await ask();
    const long = await apiError(tooLong.interaction.respond([choice(1, "n".repeat(101))]));
    expect([long.status, long.code]).toEqual([400, 50035]);
    expect(JSON.stringify(long.rawError)).toContain("choices");

    const message = await ask();
    const wrongType = await apiError(
      client.rest.post(`/interactions/${message.interaction.id}/${message.interaction.token}/callback`, { body: { type: 4, data: { content: "hi" } }, auth: false }),
    );
    expect([wrongType.status, wrongType.code]).toEqual([400, 50035]);
    await message.interaction.respond([]);
    expect(await message.handle.response()).toMatchObject({ type: 8, data: { choices: [] } });
  });
});

describe("rate limits", () => {
  it("answers 429 with headers past the bucket, and discord.js, reading the headers, never hits one", async () => {
    const { fake, client } = await connect({ rateLimits: { perRoute: { limit: 3, windowMs: 1000 } } });
    const url = `${fake.apiUrl}/v10/channels/${fake.channels.general}/messages`;
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url, { headers: { authorization: `Bot ${fake.botToken}` } });
      statuses.push(res.status);
      expect(res.headers.get("x-ratelimit-limit")).toBe("3");
      expect(res.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]+$/);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited?.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited?.headers.get("x-ratelimit-reset-after"))).toBeLessThanOrEqual(1);
    expect(Number(limited?.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
    const body = (await limited?.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(1);

    const channel = client.channels.cache.get(fake.channels.art) as TextChannel;
    const started = performance.now();
    for (let i = 0; i < 5; i++) await channel.send(`message ${i}`);
    const sends = fake.requests.filter((r) => r.route === "/channels/:ch/messages" && r.method === "POST");
    expect(sends).toHaveLength(5);
    expect(sends.every((r) => r.status === 200)).toBe(true);
    // The fourth send waited for the bucket to reset instead of drawing a 429.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.messages(fake.channels.art).map((m) => m.content)).toEqual(Array.from({ length: 5 }, (_, i) => `message ${i}`));
  });
});

describe("injected faults", () => {
  it("failNext: a 429 with retry_after (discord.js waits that long and retries), then a 500 (discord.js retries it)", async () => {
    const { fake, client } = await connect();
    const sends = () => fake.requests.filter((r) => r.route === "/channels/:ch/messages" && r.method === "POST");
    fake.failNext((r) => r.method === "POST" && r.path.endsWith("/messages"), { rateLimited: 1 });
    const channel = client.channels.cache.get(fake.channels.art) as TextChannel;
    await channel.send("after a 429");
    const [limited, retried] = sends();
    expect(limited).toMatchObject({ status: 429, response: { message: "You are being rate limited.", retry_after: 1, global: false } });
    expect(retried?.status).toBe(200);
    expect(retried!.at - (limited!.finishedAt ?? limited!.at)).toBeGreaterThanOrEqual(1000);

    fake.failNext((r) => r.method === "POST" && r.path.endsWith("/messages"), { status: 500 });
    await channel.send("after a 500");
    expect(sends().slice(2).map((r) => r.status)).toEqual([500, 200]);
    expect(fake.messages(fake.channels.art).map((m) => m.content)).toEqual(["after a 429", "after a 500"]);
  });
});

describe("components", () => {
  it("a crafted press from the second server's channel carries that server, its channel and its member", async () => {
    const { fake, client } = await connect();
    const other = client.guilds.cache.get(fake.secondGuild.id);
    expect(other?.name).toBe(fake.secondGuild.name);
    expect(other?.channels.cache.get(fake.secondGuild.channels.lobby)?.isTextBased()).toBe(true);
    expect(client.guilds.cache.get(fake.guild.id)?.channels.cache.has(fake.secondGuild.channels.lobby)).toBe(false);
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("del:1").setLabel("Delete").setStyle(ButtonStyle.Danger));
    const sent = await channel.send({ content: "Result", components: [row] });
    const message = fake.messages(fake.channels.general).find((m) => m.id === sent.id)!;
    const clicked = nextInteraction(client, (i) => i.isButton());
    const stranger = fake.secondGuild.users.owner;
    fake.clickButton({ message, customId: "del:1", user: stranger, channelId: fake.secondGuild.channels.lobby });
    const button = await clicked;
    expect([button.guildId, button.channelId, button.user.id]).toEqual([fake.secondGuild.id, fake.secondGuild.channels.lobby, stranger.id]);
    expect(button.memberPermissions?.has("ManageMessages")).toBe(true);
    expect(() => fake?.clickButton({ message, customId: "del:1", user: stranger, channelId: "123" })).toThrow(/unknown channel/);
  });

  it("sends the member's locale and the server's preferred locale with each interaction, a press's from the presser", async () => {
    const { fake, client } = await connect({ preferredLocale: "de" });
    expect(client.guilds.cache.get(fake.guild.id)?.preferredLocale).toBe("de");
    expect(client.guilds.cache.get(fake.secondGuild.id)?.preferredLocale).toBe("en-US");
    fake.setCommands([imagine], fake.guild.id);
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }], locale: "ja" });
    const command = await arrived;
    expect([command.locale, command.guildLocale]).toEqual(["ja", "de"]);

    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("del:1").setLabel("Delete").setStyle(ButtonStyle.Danger));
    const sent = await channel.send({ content: "Result", components: [row] });
    const message = fake.messages(fake.channels.general).find((m) => m.id === sent.id)!;
    const clicked = nextInteraction(client, (i) => i.isButton());
    fake.clickButton({ message, customId: "del:1", user: fake.users.other, locale: "es-419" });
    const button = await clicked;
    expect([button.locale, button.guildLocale]).toEqual(["es-419", "de"]);
    const unset = nextInteraction(client, (i) => i.isButton());
    fake.clickButton({ message, customId: "del:1", user: fake.users.other });
    expect((await unset).locale).toBe("en-US");
  });

  it("a press and a modal submit carry the member's locale when given, en-US otherwise", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("edit:7").setLabel("Edit").setStyle(ButtonStyle.Primary));
    const sent = await channel.send({ content: "Result", components: [row] });
    const message = fake.messages(fake.channels.general).find((m) => m.id === sent.id)!;

    const plain = nextInteraction(client, (i) => i.isButton());
    fake.clickButton({ message, customId: "edit:7" });
    expect((await plain).locale).toBe("en-US");
    const pressed = nextInteraction(client, (i) => i.isButton());
    fake.clickButton({ message, customId: "edit:7", locale: "ja" });
    const button = await pressed;
    expect(button.locale).toBe("ja");
    const modal = new ModalBuilder()
      .setCustomId("edit-form")
      .setTitle("Edit")
      .addLabelComponents(new LabelBuilder().setLabel("Prompt").setTextInputComponent(new TextInputBuilder().setCustomId("prompt").setStyle(TextInputStyle.Short)));
    await button.showModal(modal);
    const submitted = nextInteraction(client, (i) => i.isModalSubmit());
    fake.submitModal({ customId: "edit-form", fields: { prompt: "blue" }, locale: "fr" });
    expect((await submitted).locale).toBe("fr");
  });

  it("enforces Discord's component limits: at most 5 action rows, 5 buttons a row, no custom id twice", async () => {
    const { fake, client } = await connect();
    const button = (id: string) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: id, custom_id: id });
    const row = (ids: string[]) => ({ type: ComponentType.ActionRow, components: ids.map(button) });
    const post = (components: unknown[]) => client.rest.post(Routes.channelMessages(fake.channels.general), { body: { content: "Result", components } });
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row([`r${i}`]));

    await post(rows(5));
    const sixRows = await apiError(post(rows(6)));
    expect(sixRows.code).toBe(50035);
    expect(sixRows.rawError).toMatchObject({ errors: { components: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
    const sixButtons = await apiError(post([row(["a", "b", "c", "d", "e", "f"])]));
    expect(sixButtons.rawError).toMatchObject({ errors: { components: { 0: { components: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } } } });
    const twice = await apiError(post([row(["a", "b"]), row(["b"])]));
    expect(twice.rawError).toMatchObject({ errors: { components: { 1: { components: { 0: { custom_id: { _errors: [{ code: "COMPONENT_CUSTOM_ID_DUPLICATED" }] } } } } } } });
    expect(fake.messages(fake.channels.general)).toHaveLength(1);
  });

  it("delivers button clicks and modal submits, and shows Label modals", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("edit:42").setLabel("Edit").setStyle(ButtonStyle.Primary),
    );
    const sent = await channel.send({ content: "Result", components: [row] });
    const message = fake.messages(fake.channels.general).find((m) => m.id === sent.id);
    if (!message) throw new Error("message not stored");

    // A failed callback does not acknowledge: the invalid modal is refused, the valid one then works.
    const clicked = nextInteraction(client, (i) => i.isButton());
    const click = fake.clickButton({ message, customId: "edit:42", user: fake.users.member });
    const button = await clicked;
    expect(button.customId).toBe("edit:42");
    expect(button.message.id).toBe(sent.id);
    const badModal = { custom_id: "edit-modal", title: "t".repeat(46), components: [] };
    const refused = await apiError(client.rest.post(Routes.interactionCallback(button.id, button.token), { body: { type: 9, data: badModal }, auth: false }));
    expect(refused.code).toBe(50035);
    expect(refused.rawError).toMatchObject({ errors: { data: { title: {}, components: {} } } });

    const modal = new ModalBuilder()
      .setCustomId("edit-modal")
      .setTitle("Edit this image")
      .addLabelComponents(
        new LabelBuilder()
          .setLabel("Prompt")
          .setTextInputComponent(new TextInputBuilder().setCustomId("prompt").setStyle(TextInputStyle.Paragraph).setMaxLength(4000)),
      );
    await button.showModal(modal);
    expect(await click.response()).toMatchObject({ type: 9, data: { custom_id: "edit-modal", components: [{ type: 18 }] } });
    expect(() => fake?.submitModal({ customId: "edit-modal", fields: { prompt: "x".repeat(4001) } })).toThrow(/at most 4000/);

    const submitted = nextInteraction(client, (i) => i.isModalSubmit());
    const submit = fake.submitModal({ customId: "edit-modal", fields: { prompt: "make it blue" } });
    const modalSubmit = await submitted;
    expect(modalSubmit.customId).toBe("edit-modal");
    expect(modalSubmit.fields.getTextInputValue("prompt")).toBe("make it blue");
    expect(modalSubmit.user.id).toBe(fake.users.member.id);
    expect(modalSubmit.isFromMessage() && modalSubmit.message.id).toBe(sent.id);
    await modalSubmit.deferUpdate();
    expect((await submit.response()).type).toBe(6);
  });

  it("gives a message context-menu command the target message with its attachments", async () => {
    const { fake, client } = await connect();
    await client.application.commands.set([editWithAi], fake.guild.id);
    const image = fake.hostAttachment({ filename: "photo.png", contentType: "image/png", data: await png(5, 5) });
    const posted = fake.postUserMessage({ channelId: fake.channels.art, user: fake.users.other, content: "look", attachments: [image] });
    const arrived = nextInteraction(client, (i) => i.isMessageContextMenuCommand());
    fake.dispatchMessageCommand({ name: "Edit with AI", targetMessage: posted });
    const interaction = await arrived;
    expect(interaction.commandName).toBe("Edit with AI");
    expect(interaction.channelId).toBe(fake.channels.art);
    expect(interaction.targetMessage.author.id).toBe(fake.users.other.id);
    const attachment = interaction.targetMessage.attachments.first();
    expect(attachment?.url).toBe(image.url);
    expect(attachment?.size).toBe(image.size);
    expect(fake.messages(fake.channels.art)).toEqual([]);

    fake.setAttachmentAvailable(image.url, false);
    expect((await fetch(image.url)).status).toBe(403);
    fake.setAttachmentAvailable(image.url, true);
    expect((await fetch(image.url)).status).toBe(200);
  });

  it("signs attachment links that expire: expired or unsigned links answer 404; message reads and refresh-urls hand out fresh ones", async () => {
    const { fake, client } = await connect({ attachmentLinkTtlMs: 1200 });
    const image = fake.hostAttachment({ filename: "photo.png", contentType: "image/png", data: await png(5, 5) });
    const posted = fake.postUserMessage({ channelId: fake.channels.art, user: fake.users.other, content: "look", attachments: [image] });
    expect((await fetch(image.url)).status).toBe(200);
    const unsigned = image.url.split("?")[0]!;
    expect((await fetch(unsigned)).status).toBe(404);
    expect((await fetch(image.url.replace(/hm=[0-9a-f]+/, "hm=0"))).status).toBe(404);

    await fake.linkExpired(image.url);
    const expired = await fetch(image.url);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe("This content is no longer available.");

    // Reading the message gives a link that works again.
    const channel = (await client.channels.fetch(fake.channels.art)) as TextChannel;
    const read = (await channel.messages.fetch(posted.id)).attachments.first()!.url;
    expect(read).not.toBe(image.url);
    expect((await fetch(read)).status).toBe(200);

    // refresh-urls: a fresh link for each genuine one (expired too), none for a stranger's or a forged one.
    const stranger = "https://example.com/attachments/1/2/x.png?ex=1&is=1&hm=1&";
    const answer = (await client.rest.post("/attachments/refresh-urls", {
      body: { attachment_urls: [image.url, stranger, unsigned] },
    })) as { refreshed_urls: { original: string; refreshed: string }[] };
    expect(answer.refreshed_urls.map((entry) => entry.original)).toEqual([image.url]);
    expect((await fetch(answer.refreshed_urls[0]!.refreshed)).status).toBe(200);
    const tooMany = Array.from({ length: 51 }, () => image.url);
    const refused = await client.rest.post("/attachments/refresh-urls", { body: { attachment_urls: tooMany } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect((refused as DiscordAPIError).code).toBe(50035);
  });

  it("submits a Label string select in a modal as Discord does: defaults, chosen values, strict checks", async () => {
    const { fake, client } = await connect();
    await client.application.commands.set([editWithAi], fake.guild.id);
    const posted = fake.postUserMessage({ content: "look" });
    const select = (options: { value: string; default?: boolean }[], maxValues = 1) =>
      new StringSelectMenuBuilder()
        .setCustomId("model")
        .setMaxValues(maxValues)
        .addOptions(options.map((o) => ({ label: o.value, ...o })));
    const modal = (options: { value: string; default?: boolean }[], maxValues = 1) =>
      new ModalBuilder()
        .setCustomId("pick")
        .setTitle("Pick")
        .addLabelComponents(
          new LabelBuilder().setLabel("Prompt").setTextInputComponent(new TextInputBuilder().setCustomId("prompt").setStyle(TextInputStyle.Short)),
          new LabelBuilder().setLabel("Model").setStringSelectMenuComponent(select(options, maxValues)),
        );
    const open = async (m: ModalBuilder | APIModalInteractionResponseCallbackData) => {
      const arrived = nextInteraction(client, (i) => i.isMessageContextMenuCommand());
      const handle = fake.dispatchMessageCommand({ name: "Edit with AI", targetMessage: posted });
      const interaction = await arrived;
      return { handle, interaction, shown: interaction.showModal(m) };
    };
    const submit = async (fields: Record<string, string | string[]>) => {
      const arrived = nextInteraction(client, (i) => i.isModalSubmit());
      const handle = fake.submitModal({ customId: "pick", fields });
      return { handle, interaction: await arrived };
    };

    // 26 options and a disabled select do not make a valid modal.
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ value: `m${i}` }));
    const refused = await open({
      custom_id: "pick",
      title: "Pick",
      components: [
        {
          type: ComponentType.Label,
          label: "Model",
          component: { type: ComponentType.StringSelect, custom_id: "model", options: tooMany.map((o) => ({ label: o.value, ...o })), disabled: true },
        },
      ],
    });
    const error = await apiError(refused.shown);
    expect(error.code).toBe(50035);
    expect(error.rawError).toMatchObject({ errors: { data: { components: { 0: { component: { options: {}, disabled: {} } } } } } });

    const first = await open(modal([{ value: "fast" }, { value: "careful", default: true }]));
    await first.shown;
    expect(await first.handle.response()).toMatchObject({ type: 9, data: { components: [{ type: 18 }, { type: 18, component: { type: 3 } }] } });
    expect(() => fake?.submitModal({ customId: "pick", fields: { prompt: "x", model: "slow" } })).toThrow(/offers no option slow/);
    expect(() => fake?.submitModal({ customId: "pick", fields: { prompt: "x", model: ["fast", "careful"] } })).toThrow(/at most 1 values/);
    expect(() => fake?.submitModal({ customId: "pick", fields: { prompt: "x", model: [] } })).toThrow(/is required/);
    expect(() => fake?.submitModal({ customId: "pick", fields: { prompt: ["x"] } })).toThrow(/takes a string/);

    // Left untouched, the select submits its default option.
    const untouched = await submit({ prompt: "make it blue" });
    expect(untouched.interaction.fields.getStringSelectValues("model")).toEqual(["careful"]);
    expect(untouched.handle.payload.data).toMatchObject({
      custom_id: "pick",
      components: [
        { type: 18, component: { type: 4, custom_id: "prompt", value: "make it blue" } },
        { type: 18, component: { type: 3, custom_id: "model", values: ["careful"] } },
      ],
    });
    await untouched.interaction.deferReply();

    const second = await open(modal([{ value: "fast" }, { value: "careful" }, { value: "cheap" }], 2));
    await second.shown;
    const chosen = await submit({ prompt: "make it red", model: ["fast", "cheap"] });
    expect(chosen.interaction.fields.getStringSelectValues("model")).toEqual(["fast", "cheap"]);
    expect(chosen.interaction.fields.getTextInputValue("prompt")).toBe("make it red");
    await chosen.interaction.deferReply();
    expect((await chosen.handle.response()).type).toBe(5);
  });
});

describe("allowed mentions", () => {
  it("records the client-wide allowed_mentions on every message create and edit", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const sent = await channel.send("@everyone look");
    await sent.edit("@everyone look again");
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "@everyone" }] });
    const interaction = await arrived;
    await interaction.reply("@everyone prompt");
    await interaction.editReply("@everyone edited");
    await interaction.followUp("@here follow-up");

    const writes = fake.requests.filter(isWrite);
    expect(writes.map((r) => `${r.method} ${r.route}`)).toEqual([
      "POST /channels/:ch/messages",
      "PATCH /channels/:ch/messages/:id",
      "PATCH /webhooks/:app/:token/messages/@original",
      "POST /webhooks/:app/:token",
    ]);
    for (const write of writes) expect((write.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect((await handle.response()).data.allowed_mentions).toEqual({ parse: [] });
    const stored = fake.messages();
    expect(stored).toHaveLength(3);
    expect(stored.every((m) => m.allowed_mentions !== undefined && !m.mention_everyone)).toBe(true);
    expect(handle.followUps().map((m) => m.content)).toEqual(["@here follow-up"]);
  });
});

describe("members' messages on the gateway", () => {
  const withMessages = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

  /** The next MESSAGE_CREATE of someone other than the bot, as discord.js makes it. */
  const nextMemberMessage = (c: Client) =>
    new Promise<Message>((resolve) => {
      const listener = (message: Message) => {
        if (message.author.bot) return;
        c.off(Events.MessageCreate, listener);
        resolve(message);
      };
      c.on(Events.MessageCreate, listener);
    });

  /** The MESSAGE_CREATE frame the fake sent for this message, if any. */
  const createFrame = (f: FakeDiscord, id: string) =>
    f.requests.find((r) => r.kind === "gateway" && r.direction === "out" && r.t === "MESSAGE_CREATE" && (r.body as { d: { id: string } }).d.id === id)
      ?.body as { d: Record<string, unknown> } | undefined;

  it("go only to a bot with GUILD_MESSAGES in its intents", async () => {
    const { fake } = await connect();
    const posted = fake.postUserMessage({ content: "hello <@" + fake.applicationId + ">" });
    // The fake dispatches as it stores the message: nothing was sent.
    expect(createFrame(fake, posted.id)).toBeUndefined();
  });

  it("without MESSAGE_CONTENT arrive with no content, attachments or embeds, unless they mention the bot; with the author's member", async () => {
    const { fake, client } = await connect({}, withMessages);
    const image = fake.hostAttachment({ filename: "photo.png", contentType: "image/png", data: await png(4, 4) });
    let arrived = nextMemberMessage(client);
    fake.postUserMessage({ content: "just chatting", attachments: [image], embeds: [{ title: "a link" }] });
    let message = await arrived;
    expect([message.content, message.attachments.size, message.embeds.length, message.mentions.users.size]).toEqual(["", 0, 0, 0]);
    expect(message.member?.roles.cache.has(fake.roles.artist)).toBe(true);

    arrived = nextMemberMessage(client);
    const mentioning = fake.postUserMessage({ content: `<@${fake.applicationId}> look at this`, attachments: [image] });
    message = await arrived;
    expect(message.content).toBe(`<@${fake.applicationId}> look at this`);
    expect(message.attachments.first()?.url).toBe(image.url);
    expect(message.mentions.users.has(client.user.id)).toBe(true);
    const raw = createFrame(fake, mentioning.id)!.d;
    expect(raw.mentions).toMatchObject([{ id: fake.applicationId, bot: true, member: { roles: [expect.any(String)] } }]);
    expect(raw.member).toMatchObject({ roles: [fake.roles.artist] });
    expect(raw.member).not.toHaveProperty("user");
  });

  it("a member's edit of their message arrives as MESSAGE_UPDATE, with its new words when it mentions the bot", async () => {
    const { fake, client } = await connect({}, withMessages);
    const arrived = nextMemberMessage(client);
    const posted = fake.postUserMessage({ content: `<@${fake.applicationId}> first words` });
    await arrived;
    const updated = new Promise<Message>((resolve) => client.once(Events.MessageUpdate, (_old, message) => resolve(message as Message)));
    fake.editUserMessage(posted, `<@${fake.applicationId}> second words`);
    const message = await updated;
    expect([message.id, message.content, message.editedTimestamp !== null]).toEqual([posted.id, `<@${fake.applicationId}> second words`, true]);
    expect(posted.history.map((r) => r.route)).toEqual(["postUserMessage", "editUserMessage"]);
  });

  it("a reply carries message_reference and referenced_message; with its ping on it mentions the replied-to author, off it does not", async () => {
    const { fake, client } = await connect({}, withMessages);
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const result = await channel.send("a result");
    const target = fake.messages().find((m) => m.id === result.id)!;

    let arrived = nextMemberMessage(client);
    const pinged = fake.postUserMessage({ replyTo: target, content: "make it blue" });
    let message = await arrived;
    expect(message.type).toBe(MessageType.Reply);
    expect(message.content).toBe("make it blue");
    expect(message.reference).toEqual({ type: MessageReferenceType.Default, messageId: result.id, channelId: fake.channels.general, guildId: fake.guild.id });
    expect(message.mentions.users.has(client.user.id)).toBe(true);
    expect(message.mentions.repliedUser?.id).toBe(client.user.id);
    const raw = createFrame(fake, pinged.id)!.d;
    expect(raw.message_reference).toEqual({ type: 0, message_id: result.id, channel_id: fake.channels.general, guild_id: fake.guild.id });
    expect(raw.referenced_message).toMatchObject({ id: result.id, content: "a result", author: { id: fake.applicationId } });
    expect(pinged.mentions).toEqual([fake.applicationId]);

    arrived = nextMemberMessage(client);
    const quiet = fake.postUserMessage({ replyTo: target, content: "make it red", ping: false });
    message = await arrived;
    expect([message.content, message.mentions.users.size]).toEqual(["", 0]);
    expect(message.reference?.messageId).toBe(result.id);
    expect(createFrame(fake, quiet.id)!.d.mentions).toEqual([]);

    // A reply to another member pings that member: the bot is not mentioned, so it reads neither message.
    arrived = nextMemberMessage(client);
    const chat = fake.postUserMessage({ content: "nice", user: fake.users.other });
    await arrived;
    arrived = nextMemberMessage(client);
    const answer = fake.postUserMessage({ replyTo: chat, content: "thanks" });
    message = await arrived;
    expect([message.content, [...message.mentions.users.keys()]]).toEqual(["", [fake.users.other.id]]);
    expect(createFrame(fake, answer.id)!.d.referenced_message).toMatchObject({ id: chat.id, content: "" });
  });

  it("a reply with its ping on to an interaction response mentions the bot", async () => {
    const { fake, client } = await connect({}, withMessages);
    const command = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a cat" }] });
    await (await command).reply("here is your cat");
    const response = await handle.waitForOriginal((m) => m.content === "here is your cat");
    const arrived = nextMemberMessage(client);
    fake.postUserMessage({ replyTo: response, content: "add a hat" });
    const message = await arrived;
    expect(message.content).toBe("add a hat");
    expect(message.mentions.users.has(client.user.id)).toBe(true);
  });

  it("arrive whole for a bot approved for MESSAGE_CONTENT that asks for it", async () => {
    const { fake, client } = await connect({ privilegedIntents: GatewayIntentBits.MessageContent }, [...withMessages, GatewayIntentBits.MessageContent]);
    const arrived = nextMemberMessage(client);
    fake.postUserMessage({ content: "just chatting" });
    expect((await arrived).content).toBe("just chatting");
  });
});

describe("the bot's replies", () => {
  it("are replies to a message of the channel, pinging its author only when allowed_mentions lets replied_user", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const target = fake.postUserMessage({ content: "please" });
    const reply = await channel.send({ content: "done", reply: { messageReference: target.id }, allowedMentions: { parse: [], repliedUser: false } });
    expect(reply.type).toBe(MessageType.Reply);
    expect(reply.reference?.messageId).toBe(target.id);
    const stored = fake.messages().find((m) => m.id === reply.id)!;
    expect(stored.message_reference).toEqual({ type: 0, message_id: target.id, channel_id: fake.channels.general, guild_id: fake.guild.id });
    expect(stored.mentions).toEqual([]);
    const sent = fake.requests.find((r) => r.method === "POST" && r.route === "/channels/:ch/messages")!;
    expect(sent.body).toMatchObject({ message_reference: { message_id: target.id }, allowed_mentions: { parse: [], replied_user: false } });
    expect(sent.response).toMatchObject({ referenced_message: { id: target.id } });

    // Without allowed_mentions, a reply pings.
    const loud = (await client.rest.post(Routes.channelMessages(fake.channels.general), {
      body: { content: "hey", message_reference: { message_id: target.id } },
    })) as { id: string };
    expect(fake.messages().find((m) => m.id === loud.id)?.mentions).toEqual([fake.users.member.id]);
  });

  it("refuse a target in another channel, an unknown one (unless fail_if_not_exists is false) and a replied_user that is not a boolean", async () => {
    const { fake, client } = await connect();
    const target = fake.postUserMessage({ content: "in general" });
    const post = (channelId: string, body: Record<string, unknown>) => client.rest.post(Routes.channelMessages(channelId), { body: { content: "x", ...body } });
    const elsewhere = await apiError(post(fake.channels.art, { message_reference: { message_id: target.id, channel_id: fake.channels.general } }));
    expect(elsewhere.rawError).toMatchObject({ errors: { message_reference: { _errors: [{ code: "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL" }] } } });
    const unknown = await apiError(post(fake.channels.art, { message_reference: { message_id: target.id } }));
    expect(unknown.rawError).toMatchObject({ errors: { message_reference: { _errors: [{ code: "REPLIES_UNKNOWN_MESSAGE" }] } } });
    const loose = (await post(fake.channels.art, { message_reference: { message_id: target.id, fail_if_not_exists: false } })) as { type: number; message_reference?: unknown };
    expect([loose.type, loose.message_reference]).toEqual([MessageType.Default, undefined]);
    const vague = await apiError(post(fake.channels.general, { message_reference: { message_id: target.id }, allowed_mentions: { parse: [], replied_user: "yes" } }));
    expect(vague.rawError).toMatchObject({ errors: { allowed_mentions: { replied_user: { _errors: [{ code: "BASE_TYPE_BOOLEAN" }] } } } });
  });
});

describe("a member's own install (user install)", () => {
  const slash = (f: FakeDiscord, extra: Partial<Parameters<FakeDiscord["dispatchSlashCommand"]>[0]>) =>
    f.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }], ...extra });
  const chatInput = (i: Interaction): i is ChatInputCommandInteraction => i.isChatInputCommand();

  it("from a server without the bot: context 0, only the user's key, member permissions; the bot token gets 50001 there", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: fake.elsewhere.channelId, userInstall: true });
    const interaction = await arrived;
    expect(interaction.context).toBe(InteractionContextType.Guild);
    expect(interaction.guildId).toBe(fake.elsewhere.guildId);
    expect(interaction.authorizingIntegrationOwners.userId).toBe(fake.users.member.id);
    expect(interaction.authorizingIntegrationOwners.guildId).toBeNull();
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.UseExternalApps)).toBe(true);
    await interaction.deferReply();
    const original = await interaction.fetchReply();
    expect(original.flags.has(MessageFlags.Ephemeral)).toBe(false);
    expect((await apiError(client.rest.post(Routes.channelMessages(fake.elsewhere.channelId), { body: { content: "hi" } }))).code).toBe(50001);
    expect((await apiError(client.rest.patch(Routes.channelMessage(fake.elsewhere.channelId, original.id), { body: { content: "x" } }))).code).toBe(50001);
    await interaction.editReply("through the token");
  });

  it("from a group DM: context 2, `user` without member; the bot token gets 50001 there", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: fake.elsewhere.groupDmId, userInstall: true });
    const interaction = await arrived;
    expect(interaction.context).toBe(InteractionContextType.PrivateChannel);
    expect(interaction.guildId).toBeNull();
    expect(interaction.user.id).toBe(fake.users.member.id);
    expect(interaction.channelId).toBe(fake.elsewhere.groupDmId);
    expect((await apiError(client.rest.post(Routes.channelMessages(fake.elsewhere.groupDmId), { body: { content: "hi" } }))).code).toBe(50001);
  });

  it("from the bot's DM: context 1, the guild install's key is \"0\"; the bot opens the DM and posts there", async () => {
    const { fake, client } = await connect();
    const dmId = fake.botDm(fake.users.member);
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: dmId, userInstall: true });
    const interaction = await arrived;
    expect(interaction.context).toBe(InteractionContextType.BotDM);
    expect(interaction.authorizingIntegrationOwners.guildId).toBe("0");
    const dm = await client.users.createDM(fake.users.member.id);
    expect(dm.id).toBe(dmId);
    await dm.send("hello");
    expect(fake.directMessages(fake.users.member.id).map((m) => m.content)).toEqual(["hello"]);
  });

  it("Discord makes replies ephemeral where only the user's install reaches and the member lacks Use External Apps", async () => {
    const { fake, client } = await connect();
    const without = BigInt(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: fake.elsewhere.channelId, userInstall: true, memberPermissions: without });
    const interaction = await arrived;
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.UseExternalApps)).toBe(false);
    await interaction.deferReply();
    expect((await interaction.fetchReply()).flags.has(MessageFlags.Ephemeral)).toBe(true);
    const followUp = await interaction.followUp("more");
    expect(followUp.flags.has(MessageFlags.Ephemeral)).toBe(true);
    // In a server that installed the bot, the permission does not matter.
    const inGuild = nextInteraction(client, chatInput);
    slash(fake, { userInstall: true, memberPermissions: without });
    const there = await inGuild;
    await there.deferReply();
    expect((await there.fetchReply()).flags.has(MessageFlags.Ephemeral)).toBe(false);
  });

  it("allows at most 5 follow-ups where only the user's install authorized the interaction (40094), none fewer in an installing server", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: fake.elsewhere.groupDmId, userInstall: true });
    const interaction = await arrived;
    await interaction.reply("first");
    for (let i = 0; i < 5; i++) await interaction.followUp(`follow-up ${i}`);
    expect((await apiError(interaction.followUp("one too many"))).code).toBe(40094);
    const inGuild = nextInteraction(client, chatInput);
    slash(fake, { userInstall: true });
    const there = await inGuild;
    await there.reply("first");
    for (let i = 0; i < 6; i++) await there.followUp(`follow-up ${i}`);
  });

  it("refuses to dispatch a global command where its contexts or integration_types keep Discord from showing it", async () => {
    const { fake, client } = await connect();
    const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
    const serverOnly = new SlashCommandBuilder()
      .setName("settings")
      .setDescription("Server settings")
      .setContexts(InteractionContextType.Guild)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .addStringOption((o) => o.setName("key").setDescription("Which").setAutocomplete(true))
      .toJSON();
    const ownInstallOnly = new SlashCommandBuilder()
      .setName("mine")
      .setDescription("Only through a member's own install")
      .setContexts(...everywhere)
      .setIntegrationTypes(ApplicationIntegrationType.UserInstall)
      .toJSON();
    const anyInstall = new SlashCommandBuilder()
      .setName("imagine")
      .setDescription("Generate an image")
      .setContexts(...everywhere)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
      .toJSON();
    const serverMenu = new ContextMenuCommandBuilder()
      .setName("Tidy")
      .setType(ApplicationCommandType.Message)
      .setContexts(InteractionContextType.Guild)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .toJSON();
    fake.setCommands([serverOnly, ownInstallOnly, anyInstall, serverMenu]);
    let arrivals = 0;
    client.on(Events.InteractionCreate, () => arrivals++);
    const dmId = fake.botDm(fake.users.member);
    const { groupDmId, channelId: street } = fake.elsewhere;

    // A server-only command: not in the bot's DM, a group DM, nor a server reached only through the member's install.
    expect(() => fake.dispatchSlashCommand({ name: "settings", channelId: dmId })).toThrow(/"settings" is not offered in a bot DM \(its contexts are \[0\]\)/);
    expect(() => fake.dispatchSlashCommand({ name: "settings", channelId: groupDmId, userInstall: true })).toThrow(/not offered in a private channel/);
    expect(() => fake.dispatchSlashCommand({ name: "settings", channelId: street, userInstall: true })).toThrow(
      /"settings" is for \[guild install\] only, and a guild reached through \[user install\] does not offer it/,
    );
    expect(() => fake.dispatchAutocomplete({ name: "settings", channelId: dmId, options: [{ name: "key", value: "b" }], focused: "key" })).toThrow(
      /not offered in a bot DM/,
    );
    const posted = fake.postUserMessage({ channelId: fake.channels.general, user: fake.users.other, content: "look" });
    expect(() => fake.dispatchMessageCommand({ name: "Tidy", targetMessage: { ...posted, channel_id: groupDmId }, userInstall: true })).toThrow(
      /"Tidy" is not offered in a private channel/,
    );
    // A command for members' own installs only: not where only the server's install (or the bot's DM without one) reaches.
    expect(() => fake.dispatchSlashCommand({ name: "mine" })).toThrow(/"mine" is for \[user install\] only, and a guild reached through \[guild install\]/);
    expect(() => fake.dispatchSlashCommand({ name: "mine", channelId: dmId })).toThrow(/"mine" is for \[user install\] only, and a bot DM/);
    expect(arrivals).toBe(0);
    expect(fake.requests.filter((r) => r.t === "INTERACTION_CREATE")).toEqual([]);

    // What Discord does show arrives: each where its contexts and installs allow.
    const shown = [
      () => fake.dispatchSlashCommand({ name: "settings" }),
      () => fake.dispatchSlashCommand({ name: "settings", userInstall: true }),
      () => fake.dispatchSlashCommand({ name: "mine", channelId: dmId, userInstall: true }),
      () => fake.dispatchSlashCommand({ name: "mine", channelId: street, userInstall: true }),
      () => fake.dispatchSlashCommand({ name: "imagine", channelId: dmId }),
      () => fake.dispatchSlashCommand({ name: "imagine", channelId: groupDmId, userInstall: true }),
      () => fake.dispatchSlashCommand({ name: "imagine", channelId: street, userInstall: true }),
      () => fake.dispatchMessageCommand({ name: "Tidy", targetMessage: posted }),
    ];
    for (const dispatch of shown) {
      const arrived = once(client, Events.InteractionCreate);
      dispatch();
      await arrived;
    }
    expect(arrivals).toBe(shown.length);
  });

  it("carries the interaction's attachment_size_limit", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, chatInput);
    slash(fake, { channelId: fake.elsewhere.groupDmId, userInstall: true, attachmentSizeLimit: 25 * 1024 * 1024 });
    expect((await arrived).attachmentSizeLimit).toBe(25 * 1024 * 1024);
  });
});

describe("Components V2 messages", () => {
  const V2 = MessageFlags.IsComponentsV2;
  const text = (content: string) => ({ type: ComponentType.TextDisplay, content });
  const container = (components: unknown[]) => ({ type: ComponentType.Container, components });
  const gallery = (items: unknown[]) => ({ type: ComponentType.MediaGallery, items });
  const item = (url: string, extra: Record<string, unknown> = {}) => ({ media: { url }, ...extra });
  const post = (c: Client<true>, f: FakeDiscord, body: Record<string, unknown>) => c.rest.post(Routes.channelMessages(f.channels.general), { body });
  const formError = (error: DiscordAPIError) => [error.status, error.code];

  it("a deferred reply takes the flag with its first edit, and holds text displays from then on", async () => {
    const { fake, client } = await connect();
    const arrived = nextInteraction(client, (i) => i.isChatInputCommand());
    const handle = fake.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "a fox" }] });
    const interaction = await arrived;
    await interaction.deferReply();
    await interaction.editReply({ flags: V2, components: [container([text("Working…")])] });
    expect(handle.original()!.flags & V2).toBe(V2);
    expect(handle.original()!.content).toBe("");
    // Later edits need not repeat the flag: the message keeps it.
    await interaction.editReply({ components: [container([text("Done")])] });
    expect(handle.original()!.flags & V2).toBe(V2);
  });

  it("with the flag, content, embeds, a poll or stickers are refused with 400", async () => {
    const { fake, client } = await connect();
    const components = [text("hello")];
    for (const [field, extra] of [
      ["content", { content: "hi" }],
      ["embeds", { embeds: [{ description: "hi" }] }],
      ["poll", { poll: { question: { text: "Which?" }, answers: [{ poll_media: { text: "A" } }, { poll_media: { text: "B" } }] } }],
      ["sticker_ids", { sticker_ids: ["123"] }],
    ] as const) {
      const refused = await apiError(post(client, fake, { flags: V2, components, ...extra }));
      expect(formError(refused), field).toEqual([400, 50035]);
      expect(refused.rawError, field).toMatchObject({ errors: { [field]: { _errors: [{ code: "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2" }] } } });
    }
    expect(fake.messages(fake.channels.general)).toEqual([]);
    await post(client, fake, { flags: V2, components });
    expect(fake.messages(fake.channels.general)).toHaveLength(1);
  });

  it("counts nested components toward the 40 a message may hold", async () => {
    const { fake, client } = await connect();
    // A container and its 39 text displays: 40.
    await post(client, fake, { flags: V2, components: [container(Array.from({ length: 39 }, (_, i) => text(`line ${i}`)))] });
    const refused = await apiError(post(client, fake, { flags: V2, components: [container(Array.from({ length: 40 }, (_, i) => text(`line ${i}`)))] }));
    expect(formError(refused)).toEqual([400, 50035]);
    expect(refused.rawError).toMatchObject({ errors: { components: { _errors: [{ code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED" }] } } });
  });

  it("takes a media gallery of 1 to 10 items, each with at most 1,024 characters of alt text", async () => {
    const { fake, client } = await connect();
    const url = "https://cdn.example/a.png";
    await post(client, fake, { flags: V2, components: [gallery(Array.from({ length: 10 }, () => item(url, { description: "d".repeat(1024) })))] });
    const eleven = await apiError(post(client, fake, { flags: V2, components: [gallery(Array.from({ length: 11 }, () => item(url)))] }));
    expect(eleven.rawError).toMatchObject({ errors: { components: { 0: { items: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } } } });
    const none = await apiError(post(client, fake, { flags: V2, components: [gallery([])] }));
    expect(none.rawError).toMatchObject({ errors: { components: { 0: { items: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } } } });
    const longAlt = await apiError(post(client, fake, { flags: V2, components: [gallery([item(url), item(url, { description: "d".repeat(1025) })])] }));
    expect(longAlt.rawError).toMatchObject({ errors: { components: { 0: { items: { 1: { description: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } } } } });
    expect(fake.messages(fake.channels.general)).toHaveLength(1);
  });

  it("holds at most 4,000 characters of text across all its text displays", async () => {
    const { fake, client } = await connect();
    await post(client, fake, { flags: V2, components: [text("a".repeat(2000)), container([text("b".repeat(2000))])] });
    const refused = await apiError(post(client, fake, { flags: V2, components: [text("a".repeat(2000)), container([text("b".repeat(2001))])] }));
    expect(formError(refused)).toEqual([400, 50035]);
    expect(refused.rawError).toMatchObject({ errors: { components: { _errors: [{ code: "COMPONENT_LAYOUT_TEXT_LENGTH_EXCEEDED" }] } } });
    const empty = await apiError(post(client, fake, { flags: V2, components: [text("")] }));
    expect(empty.rawError).toMatchObject({ errors: { components: { 0: { content: { _errors: [{ code: "BASE_TYPE_REQUIRED" }] } } } } });
  });

  it("shows files through attachment://<name>; a reference to a file the message does not carry is refused with 400", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const files = [new AttachmentBuilder(await png(8, 8), { name: "a.png" }), new AttachmentBuilder(await png(8, 8), { name: "b.png" })];
    const sent = await channel.send({ flags: V2, components: [container([gallery([item("attachment://a.png", { spoiler: true })])])], files });
    const stored = fake.messages(fake.channels.general)[0]!;
    expect(stored.attachments.map((a) => a.filename)).toEqual(["a.png", "b.png"]);
    expect(stored.components).toMatchObject([{ components: [{ items: [{ media: { url: "attachment://a.png" }, spoiler: true }] }] }]);

    const missing = await apiError(
      channel.send({ flags: V2, components: [gallery([item("attachment://a.png"), item("attachment://c.png")])], files: [new AttachmentBuilder(await png(8, 8), { name: "a.png" })] }),
    );
    expect(formError(missing)).toEqual([400, 50035]);
    expect(missing.rawError).toMatchObject({ errors: { components: { 0: { items: { 1: { media: { url: { _errors: [{ code: "UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND" }] } } } } } } } });
    // An edit may show a file the message kept from before.
    await sent.edit({ components: [gallery([item("attachment://b.png")])] });
    expect(fake.messages(fake.channels.general)).toHaveLength(1);
  });

  it("keeps the flag for good: an edit that would take it off is refused with 400", async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channels.general) as TextChannel;
    const sent = await channel.send({ flags: V2, components: [text("V2")] });
    const refused = await apiError(client.rest.patch(Routes.channelMessage(channel.id, sent.id), { body: { flags: 0, content: "plain again", components: [] } }));
    expect(formError(refused)).toEqual([400, 50035]);
    expect(refused.rawError).toMatchObject({ errors: { flags: { _errors: [{ code: "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG" }] } } });
    const kept = fake.messages(fake.channels.general)[0]!;
    expect([kept.flags & V2, kept.content]).toEqual([V2, ""]);
    // Without the flag in the edit it stays, and content is still refused.
    const content = await apiError(client.rest.patch(Routes.channelMessage(channel.id, sent.id), { body: { content: "text" } }));
    expect(formError(content)).toEqual([400, 50035]);
  });
});
