// The bot as `npm start` runs it, against the fakes: login, registration, /models, restart, config errors, secrets.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal } from "../fakes/fal/index.js";
import { BotProcess } from "./bot-process.js";
import { fakeEnv } from "./harness.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

let discord: FakeDiscord;
let fal: FakeFal;
/** The database the test run asks for, one for each test; the bots of a test share it. */
let database: TestDatabase;
const bots: BotProcess[] = [];

function startBot(extra?: Record<string, string>): BotProcess {
  const bot = BotProcess.start(fakeEnv(discord, fal, { ...database.env, ...extra }));
  bots.push(bot);
  return bot;
}

const isRegistration = (r: { method: string; route: string }) =>
  r.method === "PUT" && r.route === "/applications/:app/guilds/:guild/commands";

beforeEach(async () => {
  database = await createTestDatabase();
  discord = await startFakeDiscord();
  fal = await startFakeFal();
});

afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  await discord.close();
  await fal.close();
  await database.close();
});

describe("the bot started as npm start starts it", () => {
  it("registers its commands for servers only, and says why, when the application has User Install off", async () => {
    await discord.close();
    discord = await startFakeDiscord({ userInstallOff: true });
    const bot = startBot();
    await bot.waitForMessage("ready");
    await bot.waitForMessage("commands registered");
    const payload = discord.requests.filter(isRegistration)[0]!.body as { name: string; contexts?: number[]; integration_types?: number[] }[];
    expect(payload.find((command) => command.name === "imagine")).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    expect(payload.find((command) => command.name === "settings")).toMatchObject({ contexts: [0], integration_types: [0] });
    expect(payload.every((command) => !command.integration_types?.includes(1))).toBe(true);
    await bot.waitForLog((line) => typeof line.msg === "string" && line.msg.startsWith("User Install is off for this application"));
  });

  it("logs in, registers its commands once, and answers /models within the deadline", async () => {
    const bot = startBot();
    await bot.waitForMessage("ready");

    const registrations = discord.requests.filter(isRegistration);
    expect(registrations).toHaveLength(1);
    const payload = registrations[0]!.body as { name: string; description: string; type?: number }[];
    const models = payload.find((command) => command.name === "models");
    expect(models).toMatchObject({ name: "models", contexts: [0, 1, 2], integration_types: [0, 1] });
    expect(models?.description).toMatch(/models/i);
    expect(discord.commands(discord.guild.id).map((c) => c.name)).toContain("models");

    const interaction = discord.dispatchSlashCommand({ name: "models" });
    const response = await interaction.response();
    expect(response.type).toBe(4);
    expect(response.data.flags & 64).toBe(64);
    const fields = response.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(["Nano Banana", "FireRed Image Edit 1.1"]));
    expect(fields.length).toBeGreaterThanOrEqual(10);
    expect(fields.find((f) => f.name === "Nano Banana")?.value).toContain("$0.039 per image");
    expect(response.data.allowed_mentions).toEqual({ parse: [], replied_user: false });

    expect(await bot.stop()).toEqual({ code: 0, signal: null });
  });

  it("keeps its connections to Discord: acknowledgements after a burst go over the ones the burst opened", async () => {
    const bot = startBot();
    await bot.waitForMessage("ready");
    const callbacks = (count: number) =>
      // The fake records a request once it has answered it.
      vi.waitFor(() => {
        const recorded = discord.requests.filter((r) => r.route === "/interactions/:id/:token/callback");
        expect(recorded).toHaveLength(count);
        return recorded;
      });
    const burst = Array.from({ length: 12 }, () => discord.dispatchSlashCommand({ name: "models" }));
    await Promise.all(burst.map((interaction) => interaction.response()));
    await callbacks(12);
    const openedBefore = Math.max(...discord.requests.map((r) => r.connection ?? 0));

    // One at a time, each finds an idle connection, however many the burst needed at once.
    for (let i = 0; i < 12; i++) await discord.dispatchSlashCommand({ name: "models" }).response();
    const after = (await callbacks(24)).slice(12);
    expect(after.filter((r) => !r.connection || r.connection > openedBefore).map((r) => r.connection)).toEqual([]);
  });

  it("registers nothing on a restart when the commands did not change", async () => {
    const first = startBot();
    await first.waitForMessage("ready");
    await first.stop();
    const before = discord.requests.length;

    const second = startBot();
    await second.waitForMessage("ready");
    await second.waitForMessage("commands unchanged; not registering");
    const after = discord.requests.slice(before);
    expect(after.some((r) => r.route === "/applications/:app/guilds/:guild/commands" && r.method === "GET")).toBe(true);
    expect(after.filter(isRegistration)).toHaveLength(0);
  });

  it("answers an interaction for a command it does not know with an ephemeral explanation", async () => {
    const bot = startBot();
    await bot.waitForMessage("ready");
    const response = await discord.dispatchSlashCommand({ name: "retired-command" }).response();
    expect(response.type).toBe(4);
    expect(response.data.flags & 64).toBe(64);
    expect(response.data.content).toMatch(/no longer part of this bot/);
  });
});

describe("secrets", () => {
  it("never writes the bot token, the fal key or an interaction token, even when requests fail", async () => {
    await discord.close();
    // An ack deadline nobody can meet: the reply fails with 10062 and discord.js's error carries the token-bearing URL.
    discord = await startFakeDiscord({ interactionDeadlineMs: 0 });
    const bot = startBot({ LOG_LEVEL: "trace" });
    await bot.waitForMessage("ready");
    const interaction = discord.dispatchSlashCommand({ name: "models" });
    const failure = await bot.waitForMessage("interaction failed");
    expect(failure.ref).toMatch(/^[A-Z2-9]{6}$/);
    expect(JSON.stringify(failure)).toContain("10062");
    await bot.stop();

    const everything = bot.stdout + bot.stderr;
    expect(everything).not.toContain(discord.botToken);
    expect(everything).not.toContain(fal.key);
    expect(everything).not.toContain(interaction.token);
  });

  it("explains a token Discord rejects, exits non-zero, and does not print the token", async () => {
    const wrongToken = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs-wrong";
    const bot = startBot({ DISCORD_TOKEN: wrongToken });
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.stderr).toContain("could not log in to Discord");
    expect(bot.stdout + bot.stderr).not.toContain(wrongToken);
  });
});

describe("configuration errors", () => {
  it("without .env prints each missing variable and where to get it, exits non-zero, no stack trace", async () => {
    const bot = BotProcess.start({});
    bots.push(bot);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr).toContain("DISCORD_TOKEN is not set");
    expect(bot.stderr).toContain("discord.com/developers/applications");
    expect(bot.stderr).toContain("FAL_KEY is not set");
    expect(bot.stderr).toContain("fal.ai/dashboard/keys");
    expect(bot.stderr).toContain(".env.example");
    expect(bot.stderr).not.toMatch(/^\s+at /m);
  });

  it("reads a .env file in the working directory", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const cwd = mkdtempSync(join(tmpdir(), "falcord-dotenv-"));
    writeFileSync(join(cwd, ".env"), `FAL_KEY=${fal.key}\nDISCORD_GUILD_ID=not-an-id\n`);
    const bot = BotProcess.start({}, cwd);
    bots.push(bot);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr).toContain("DISCORD_TOKEN is not set");
    expect(bot.stderr).not.toContain("FAL_KEY");
    expect(bot.stderr).toContain("DISCORD_GUILD_ID must be a Discord ID");
  });
});
