// The discord.js client, as falcord runs it.
import { Client, GatewayIntentBits, Options } from "discord.js";
import type { Dispatcher } from "undici";
import { shardsOf, type Config } from "../config.js";

/** Members and users seen in interactions: the bot reads them from each interaction, so a few suffice. */
const recentlySeen = 100;

/** `agent`: the connections to Discord's API (see api-agent.ts). */
export function createDiscordClient(config: Pick<Config, "DISCORD_API_URL" | "SHARD_COUNT" | "SHARD_IDS">, agent: Dispatcher): Client {
  const shards = shardsOf(config);
  return new Client({
    // The shards this process runs, of the bot's shardCount in all: each process of a sharded bot is started with its
    // own (SHARD_IDS); Discord sends a shard the events of its servers, and shard 0 those without a server (DMs).
    shards: shards.ids,
    shardCount: shards.count,
    // GuildMessages (not privileged) brings the messages of the bot's servers: reply to edit reads the replies that
    // mention the bot, whose words Discord sends without the privileged Message Content intent, which falcord never asks for.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    // Nothing the bot posts may ping anyone, whatever a prompt contains.
    allowedMentions: { parse: [], repliedUser: false },
    // Every interaction would otherwise add its member, its user and (with each deferred reply) a message to
    // caches that only grow; the bot edits and fetches messages by id through REST and never reads them back.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: recentlySeen, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: recentlySeen, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
    rest: { agent, ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) },
  });
}
