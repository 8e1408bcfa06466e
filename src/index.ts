// Process entry: config → logger → fal → discord → commands → register.
import { Events } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig, type Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createDiscordClient } from "./discord/client.js";
import { loadCommands } from "./discord/load-commands.js";
import { registerCommands } from "./discord/register.js";
import { createInteractionRouter } from "./discord/router.js";
import { createFal } from "./fal/client.js";
import { RunTimes } from "./jobs/eta.js";
import { createLogger } from "./log.js";
import { catalog } from "./models/catalog.js";

function readConfigOrExit(): Config {
  loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = [
      "falcord cannot start: its configuration is incomplete.",
      ...error.problems.map((problem) => `  - ${problem}`),
      "Put these in a .env file in the folder you start falcord from (copy .env.example to begin), or set them in the environment, then run `npm start` again.",
    ];
    process.stderr.write(lines.join("\n") + "\n");
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN, config.FAL_KEY] });
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));

  const ctx: AppContext = { config, log, fal: createFal(config), catalog, runTimes: new RunTimes() };
  const commands = await loadCommands();
  const client = createDiscordClient(config);
  const route = createInteractionRouter(commands, ctx);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
  client.on(Events.Debug, (message) => log.trace({ message }, "discord debug"));
  client.once(Events.ClientReady, async (ready) => {
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "connected to Discord");
    try {
      await registerCommands(ready, commands.values(), log, config.DISCORD_GUILD_ID);
      log.info("ready");
    } catch (error) {
      log.error({ err: error }, "registering commands failed; existing commands keep working");
    }
  });

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    void client.destroy().finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    log.fatal({ err: error }, "could not log in to Discord");
    process.stderr.write(
      "falcord could not log in to Discord: check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).\n",
    );
    await client.destroy();
    process.exit(1);
  }
}

await main();
