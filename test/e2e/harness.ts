// One running bot against fresh fakes, for the end-to-end suites.
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal, type FakeFalOptions } from "../fakes/fal/index.js";
import { BotProcess } from "./bot-process.js";
import { secretsIn, secretsOf } from "./log-secrets.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface Harness {
  discord: FakeDiscord;
  fal: FakeFal;
  /** The bot process running now (replaced by restart()). */
  bot: BotProcess;
  /**
   * The bot's database, SQLite or PostgreSQL as the test run asks (see test-database.ts), of this harness alone; it
   * outlives restarts. Read and change it with plain SQL that runs on both.
   */
  database: TestDatabase;
  /** What the bot was given to find its database (the SQLite file's path or a postgres:// URL), for openDatabase. */
  databaseTarget: string;
  /** Stops the bot if it still runs (SIGTERM), starts a new process with the same environment and database, and waits for "ready". */
  restart(): Promise<BotProcess>;
  /**
   * Starts one more bot process beside `bot`, against the same fakes and database, with the harness's environment
   * and `env` over it (another process's shards, say); waits for its "ready". close() stops it too.
   */
  startAnother(env: Record<string, string>): Promise<BotProcess>;
  /** Stops everything; then fails if any bot process of this harness wrote a secret (see log-secrets.ts). */
  close(): Promise<void>;
}

export interface HarnessOptions {
  discord?: FakeDiscordOptions;
  fal?: FakeFalOptions;
  /** Extra environment; a function when it needs the fakes (their URLs). */
  env?: Record<string, string> | ((fakes: { discord: FakeDiscord; fal: FakeFal }) => Record<string, string>);
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
  const database = await createTestDatabase();
  const discord = await startFakeDiscord(options.discord);
  const fal = await startFakeFal(options.fal);
  const extra = typeof options.env === "function" ? options.env({ discord, fal }) : options.env;
  const env = fakeEnv(discord, fal, { ...database.env, ...extra });
  /** Every process this harness started, for the secrets check. */
  const processes = [BotProcess.start(env)];
  let closed: Promise<void> | undefined;
  const harness: Harness = {
    discord,
    fal,
    bot: processes[0]!,
    database,
    databaseTarget: database.target,
    async restart() {
      await harness.bot.stop();
      harness.bot = BotProcess.start(env);
      processes.push(harness.bot);
      await harness.bot.waitForMessage("ready");
      return harness.bot;
    },
    async startAnother(extra) {
      const another = BotProcess.start({ ...env, ...extra });
      processes.push(another);
      await another.waitForMessage("ready");
      return another;
    },
    close() {
      closed ??= (async () => {
        // The processes restart() replaced have exited already.
        await Promise.all(processes.map((p) => p.stop()));
        const output = processes.map((p) => `${p.stdout}\n${p.stderr}`).join("\n");
        const leaks = secretsIn(output, secretsOf(discord, fal));
        await Promise.all([discord.close(), fal.close()]);
        await database.close();
        if (leaks.length) throw new Error(`the bot wrote secrets:\n${leaks.join("\n")}`);
      })();
      return closed;
    },
  };
  try {
    await harness.bot.waitForMessage("ready");
  } catch (error) {
    // The caller gets no harness to close: leave no bot, fakes or database behind.
    await harness.close().catch(() => {});
    throw error;
  }
  return harness;
}
