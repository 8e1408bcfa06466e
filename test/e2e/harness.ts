// One running bot against fresh fakes, for the end-to-end suites.
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal, type FakeFalOptions } from "../fakes/fal/index.js";
import { BotProcess } from "./bot-process.js";

export interface Harness {
  discord: FakeDiscord;
  fal: FakeFal;
  bot: BotProcess;
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
  const bot = BotProcess.start(fakeEnv(discord, fal, options.env));
  await bot.waitForMessage("ready");
  return {
    discord,
    fal,
    bot,
    async close() {
      await bot.stop();
      await Promise.all([discord.close(), fal.close()]);
    },
  };
}
