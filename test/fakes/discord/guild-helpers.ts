// What a test does to a server's images and the bot's role from outside the API, as members and admins do in the
// client: boosting, having uploaded emoji and stickers already, taking a permission away from the bot.
import { GatewayIntentBits } from "discord-api-types/v10";
import type { FakeContext } from "./context.js";
import type { GuildAssets } from "./guild-assets.js";
import { announceEmojis, announceStickers } from "./routes/expressions.js";
import { announceGuild } from "./routes/guild.js";
import { announceScheduledEvent } from "./routes/scheduled-events.js";
import { snowflake } from "./snowflake.js";
import type { FakeDiscord } from "./types.js";

export type GuildHelpers = Pick<
  FakeDiscord,
  "expressions" | "setBoost" | "fillEmojis" | "fillStickers" | "denyBotPermission" | "addScheduledEvent" | "scheduledEvents"
>;

const DAY_MS = 86_400_000;

export function guildHelpers(ctx: FakeContext): GuildHelpers {
  const { world } = ctx;
  const assetsOf = (guildId = world.guildId): GuildAssets => {
    const assets = world.assetsOf(guildId);
    if (!assets) throw new Error(`fake discord: the bot is in no guild ${guildId}`);
    return assets;
  };
  return {
    expressions: (guildId) => {
      const assets = assetsOf(guildId);
      const { premiumTier, features, emojis, stickers, icon, banner } = assets;
      return { premiumTier, features: [...features], emojis: [...emojis], stickers: [...stickers], icon, banner };
    },
    setBoost: (tier, guildId) => {
      const assets = assetsOf(guildId);
      assets.setBoost(tier);
      announceGuild(ctx, assets.guildId);
    },
    fillEmojis: (count, guildId) => {
      const assets = assetsOf(guildId);
      assets.fill("emojis", count);
      announceEmojis(ctx, assets);
    },
    fillStickers: (count, guildId) => {
      const assets = assetsOf(guildId);
      assets.fill("stickers", count);
      announceStickers(ctx, assets);
    },
    denyBotPermission: (permission, guildId = world.guildId) => {
      const role = world.botRoleIn(assetsOf(guildId).guildId);
      if (!role) throw new Error(`fake discord: the bot has no role in ${guildId}`);
      role.permissions = (BigInt(role.permissions) & ~permission).toString();
      ctx.dispatch("GUILD_ROLE_UPDATE", { guild_id: guildId, role }, GatewayIntentBits.Guilds);
    },
    addScheduledEvent: ({ name = "Drawing night", creator = world.users.owner, guildId } = {}) => {
      const assets = assetsOf(guildId);
      const event = { id: snowflake(), name, creatorId: creator === "bot" ? world.botUser.id : creator.id, startsAt: new Date(Date.now() + DAY_MS).toISOString(), cover: null };
      assets.events.push(event);
      announceScheduledEvent(ctx, assets, event, "GUILD_SCHEDULED_EVENT_CREATE");
      return event;
    },
    scheduledEvents: (guildId) => [...assetsOf(guildId).events],
  };
}
