export { startFakeDiscord } from "./fake.js";
export { guildOnShard, shardOfGuild } from "./gateway/shards.js";
export {
  DEFAULT_ATTACHMENT_SIZE_LIMIT,
  DEFAULT_INTERACTION_DEADLINE_MS,
  DEFAULT_INTERACTION_TOKEN_TTL_MS,
  FAKE_APPLICATION_ID,
  FAKE_BOT_TOKEN,
  LIMITS,
  MESSAGE_FLAGS,
} from "./constants.js";
export type * from "./types.js";
export type { DiscordFault, HeldRequest } from "./http/server.js";
export type { GatewayDrop } from "./gateway/gateway.js";
