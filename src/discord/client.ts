// The discord.js client, as falcord runs it.
import { Client, GatewayIntentBits } from "discord.js";
import type { Config } from "../config.js";

export function createDiscordClient(config: Pick<Config, "DISCORD_API_URL">): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing the bot posts may ping anyone, whatever a prompt contains.
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
}
