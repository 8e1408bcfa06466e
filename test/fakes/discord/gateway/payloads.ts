import {
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  type ApplicationFlags,
  type APIGuild,
  type GuildFeature,
  type Locale,
  type GatewayGuildCreateDispatchData,
  type GuildSystemChannelFlags,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";
import { apiScheduledEvent } from "../routes/scheduled-events.js";
import type { World } from "../world.js";
import type { Shard } from "./shards.js";

/** READY of a session on `shard`, listing (unavailable until their GUILD_CREATE) the guilds of that shard. */
export function readyPayload(world: World, sessionId: string, resumeUrl: string, shard: Shard, guildIds: string[]): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...world.botUser, verified: true, mfa_enabled: false },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [shard[0], shard[1]],
    application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
  };
}

/** GUILD_CREATE of a guild the bot is in: the first, the second or a further one. */
export function guildCreatePayload(world: World, guildId: string): GatewayGuildCreateDispatchData {
  const small = world.smallGuild(guildId);
  const users = small ? [small.users.owner] : world.allUsers();
  const members = [world.botMember(), ...users.map((u) => world.member(u))];
  const guild = small
    ? { id: small.id, name: small.name, ownerId: small.users.owner.id, roles: small.roleList, channels: small.channelList }
    : { id: world.guildId, name: world.guildName, ownerId: world.ownerId, roles: world.roleList, channels: world.channelList };
  const assets = world.assetsOf(guild.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: assets?.icon?.hash ?? null,
    splash: null,
    discovery_splash: null,
    banner: assets?.banner?.hash ?? null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: guild.roles,
    emojis: assets ? assets.emojis.map((e) => assets.apiEmoji(e)) : [],
    stickers: assets ? assets.stickers.map((s) => assets.apiSticker(s)) : [],
    features: (assets?.features ?? []) as GuildFeature[],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: (assets?.premiumTier ?? GuildPremiumTier.None) as GuildPremiumTier,
    premium_subscription_count: assets?.boosts ?? 0,
    premium_progress_bar_enabled: false,
    preferred_locale: world.preferredLocaleOf(guild.id) as Locale,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: guild.channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: assets ? assets.events.map((e) => apiScheduledEvent(world, guild.id, e)) : [],
    soundboard_sounds: [],
  };
}

/** The guild object GET /guilds/{id} and GUILD_UPDATE carry: GUILD_CREATE's without what only the gateway sends. */
export function guildPayload(world: World, guildId: string): APIGuild {
  const {
    members: _members,
    channels: _channels,
    threads: _threads,
    presences: _presences,
    voice_states: _voiceStates,
    joined_at: _joinedAt,
    large: _large,
    member_count: _memberCount,
    unavailable: _unavailable,
    stage_instances: _stageInstances,
    guild_scheduled_events: _events,
    soundboard_sounds: _sounds,
    ...guild
  } = guildCreatePayload(world, guildId);
  return guild;
}
