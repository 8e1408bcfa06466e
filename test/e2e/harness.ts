// One running bot against fresh fakes, for the end-to-end suites.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal, type FakeFalOptions } from "../fakes/fal/index.js";
import { BotProcess } from "./bot-process.js";

export interface Harness {
  discord: FakeDiscord;
  fal: FakeFal;
  /** The bot process running now (replaced by restart()). */
  bot: BotProcess;
  /** The bot's SQLite file, in a temporary folder of this harness; it outlives restarts. */
  databasePath: string;
  /** Stops the bot if it still runs (SIGTERM), starts a new process with the same environment and database, and waits for "ready". */
  restart(): Promise<BotProcess>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  discord?: FakeDiscordOptions;
  fal?: FakeFalOptions;
  env?: Record<string, string>;
}

/** The environment that points the bot at the fakes. */
export function fakeEnv(discord: FakeDiscord, fal: FakeFal, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.botToken,
    FAL_KEY: fal.key,
    DISCORD_API_URL: discord.apiUrl,
    FAL_PROXY_URL: fal.url,
    DISCORD_GUILD_ID: discord.guild.id,
    LOG_LEVEL: "debug",
    ...extra,
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const discord = await startFakeDiscord(options.discord);
  const fal = await startFakeFal(options.fal);
  const databasePath = join(mkdtempSync(join(tmpdir(), "falcord-db-")), "falcord.sqlite");
  const env = fakeEnv(discord, fal, { DATABASE_PATH: databasePath, ...options.env });
  const harness: Harness = {
    discord,
    fal,
    bot: BotProcess.start(env),
    databasePath,
    async restart() {
      await harness.bot.stop();
      harness.bot = BotProcess.start(env);
      await harness.bot.waitForMessage("ready");
      return harness.bot;
    },
    async close() {
      await harness.bot.stop();
      await Promise.all([discord.close(), fal.close()]);
      rmSync(dirname(databasePath), { recursive: true, force: true });
    },
  };
  await harness.bot.waitForMessage("ready");
  return harness;
}
