import {
  ChannelType,
  Locale,
  PermissionFlagsBits,
  type APIGuildMember,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIInteractionGuildMember,
  type APIDMChannel,
  type APIGroupDMChannel,
  type APIRole,
  type APITextChannel,
  type APIUser,
} from "discord-api-types/v10";
import { GuildAssets } from "./guild-assets.js";
import { snowflake } from "./snowflake.js";
import type { FakeGuild, FakeUser } from "./types.js";

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite;

const BOT_ROLE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.AddReactions |
  // For the server's own images: emoji and stickers, the icon and banner, an event's cover.
  PermissionFlagsBits.CreateGuildExpressions |
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.ManageEvents |
  PermissionFlagsBits.CreateEvents;

const MODERATOR_PERMISSIONS =
  PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.CreateGuildExpressions | PermissionFlagsBits.ManageEvents;

const JOINED_AT = new Date(Date.UTC(2024, 0, 1)).toISOString();

function role(id: string, name: string, position: number, permissions: bigint, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

function textChannel(guildId: string, name: string, position: number, nsfw: boolean): APITextChannel {
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    nsfw,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0 as ChannelFlags,
  };
}

/**
 * A second guild the bot is also in, with one channel and one member, who owns it (so has every permission there and
 * none in the first guild): for showing that what belongs to one server cannot be used from another.
 */
export interface SecondGuild {
  id: string;
  name: string;
  roleList: APIRole[];
  channelList: APITextChannel[];
  channels: { lobby: string };
  users: { owner: FakeUser };
}

/**
 * Places a member reaches with their own install of the app, where the bot is not a member: a server that never
 * installed the bot (its channel and everyone's permissions there, Use External Apps on as Discord's default) and a
 * group DM of two members. The bot token cannot touch either (50001).
 */
export interface Elsewhere {
  guildId: string;
  channel: APITextChannel;
  everyonePermissions: bigint;
  groupDm: APIGroupDMChannel;
}

/** The guild the fake bot is in: roles, text channels (one nsfw) and four members besides the bot; and a second, smaller one. */
export class World {
  readonly guildId: string;
  readonly roles: { everyone: string; moderator: string; artist: string; bot: string };
  readonly roleList: APIRole[];
  readonly channelList: APITextChannel[];
  readonly channels: { general: string; nsfw: string; art: string };
  readonly users: { owner: FakeUser; moderator: FakeUser; member: FakeUser; other: FakeUser };
  readonly botUser: APIUser;
  readonly guildName = "Falcord Test Server";
  readonly second: SecondGuild;
  /** Further guilds the bot is in, each like the second (one channel, its owner): for spreading load over shards. */
  readonly more: SecondGuild[];
  readonly elsewhere: Elsewhere;
  /** Direct-message channels the bot opened, by recipient id. */
  private readonly dms = new Map<string, APIDMChannel>();

  /** The first guild's preferred locale; the second guild's is en-US. */
  readonly preferredLocale: string;

  constructor(
    readonly applicationId: string,
    preferredLocale: string = Locale.EnglishUS,
    /** The Developer Portal's Installation → User Install is on (as for every app made since 2024). */
    readonly userInstall = true,
    /** The ids of the two guilds and of the server elsewhere, when a test chose them (guilds on chosen shards); fresh snowflakes otherwise. */
    guildIds: { main?: string; second?: string; elsewhere?: string; more?: string[] } = {},
  ) {
    this.guildId = guildIds.main ?? snowflake();
    this.preferredLocale = preferredLocale;
    const moderatorRole = snowflake();
    const artistRole = snowflake();
    const botRole = snowflake();
    this.roles = { everyone: this.guildId, moderator: moderatorRole, artist: artistRole, bot: botRole };
    this.roleList = [
      role(this.guildId, "@everyone", 0, EVERYONE_PERMISSIONS),
      role(artistRole, "Artist", 1, 0n, { mentionable: true }),
      role(moderatorRole, "Moderator", 2, MODERATOR_PERMISSIONS, {
        hoist: true,
      }),
      role(botRole, "Falcord", 3, BOT_ROLE_PERMISSIONS, { managed: true, tags: { bot_id: applicationId } }),
    ];
    const general = textChannel(this.guildId, "general", 0, false);
    const art = textChannel(this.guildId, "art", 1, false);
    const nsfw = textChannel(this.guildId, "nsfw", 2, true);
    this.channelList = [general, art, nsfw];
    this.channels = { general: general.id, nsfw: nsfw.id, art: art.id };
    this.botUser = {
      id: applicationId,
      username: "Falcord",
      discriminator: "0000",
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0 as UserFlags,
    };
    this.users = {
      owner: this.makeUser("owner", "Olivia Owner", [], true),
      moderator: this.makeUser("moderator", "Milo Moderator", [moderatorRole], false),
      member: this.makeUser("member", "Mia Member", [artistRole], false),
      other: this.makeUser("other", "Otto Other", [], false),
    };
    this.second = this.makeSecondGuild(guildIds.second ?? snowflake());
    this.more = (guildIds.more ?? []).map((id, i) => this.makeSecondGuild(id, `Server ${i + 3}`));
    this.elsewhere = this.makeElsewhere(guildIds.elsewhere ?? snowflake());
    for (const id of this.botGuildIds()) this.assets.set(id, new GuildAssets(id, this.botUser));
  }

  /** Each guild the bot is in: its boost level, emoji, stickers, icon and banner. */
  private readonly assets = new Map<string, GuildAssets>();

  /** A guild the bot is in (either one): its images; undefined for any other id. */
  assetsOf(guildId: string): GuildAssets | undefined {
    return this.assets.get(guildId);
  }

  /** A guild the bot is in: its roles. */
  rolesOf(guildId: string): APIRole[] {
    return guildId === this.guildId ? this.roleList : (this.smallGuild(guildId)?.roleList ?? []);
  }

  /** The second guild or one of the further ones, by id. */
  smallGuild(guildId: string): SecondGuild | undefined {
    return [this.second, ...this.more].find((g) => g.id === guildId);
  }

  /** The bot's managed role in a guild it is in. */
  botRoleIn(guildId: string): APIRole | undefined {
    return this.rolesOf(guildId).find((r) => r.tags?.bot_id === this.applicationId);
  }

  /** The bot's permissions in a guild it is in: @everyone's and its role's (no channel overwrites exist in the fake). */
  botPermissionsIn(guildId: string): bigint {
    let bits = 0n;
    for (const r of this.rolesOf(guildId)) {
      if (r.id === guildId || r.tags?.bot_id === this.applicationId) bits |= BigInt(r.permissions);
    }
    return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
  }

  private makeElsewhere(guildId: string): Elsewhere {
    const groupDm: APIGroupDMChannel = {
      id: snowflake(),
      type: ChannelType.GroupDM,
      name: null,
      icon: null,
      owner_id: this.users.member.id,
      last_message_id: null,
      recipients: [this.apiUser(this.users.member), this.apiUser(this.users.other)],
      flags: 0 as ChannelFlags,
    };
    return {
      guildId,
      channel: textChannel(guildId, "street", 0, false),
      everyonePermissions: EVERYONE_PERMISSIONS | PermissionFlagsBits.UseExternalApps,
      groupDm,
    };
  }

  /** Channels the bot is not in (a server that did not install it, a group DM): its token gets 50001 there. */
  botOutside(channelId: string): boolean {
    return channelId === this.elsewhere.channel.id || channelId === this.elsewhere.groupDm.id;
  }

  private makeSecondGuild(id: string, name = "Another Server"): SecondGuild {
    const lobby = textChannel(id, "lobby", 0, false);
    const owner: FakeUser = { id: snowflake(), username: "sam", global_name: "Sam Elsewhere", roles: [], permissions: ALL_PERMISSIONS.toString(), isOwner: true };
    return {
      id,
      name,
      roleList: [role(id, "@everyone", 0, EVERYONE_PERMISSIONS), role(snowflake(), "Falcord", 1, BOT_ROLE_PERMISSIONS, { managed: true, tags: { bot_id: this.applicationId } })],
      channelList: [lobby],
      channels: { lobby: lobby.id },
      users: { owner },
    };
  }

  /** The guilds the bot is in: the first, the second, then any further ones. */
  botGuildIds(): string[] {
    return [this.guildId, this.second.id, ...this.more.map((g) => g.id)];
  }

  /** The guild a guild channel belongs to. */
  guildOf(channelId: string): string | undefined {
    if (this.channelList.some((c) => c.id === channelId)) return this.guildId;
    if (channelId === this.elsewhere.channel.id) return this.elsewhere.guildId;
    return [this.second, ...this.more].find((g) => g.channelList.some((c) => c.id === channelId))?.id;
  }

  /** A guild's preferred locale, as Discord sends it in `guild_locale` and `preferred_locale`. */
  preferredLocaleOf(guildId: string): string {
    return guildId === this.guildId ? this.preferredLocale : Locale.EnglishUS;
  }

  get ownerId(): string {
    return this.users.owner.id;
  }

  guild(): FakeGuild {
    return { id: this.guildId, name: this.guildName, ownerId: this.ownerId, roles: this.roleList, channels: this.channelList };
  }

  allUsers(): FakeUser[] {
    return Object.values(this.users);
  }

  findUser(id: string): FakeUser | undefined {
    return [...this.allUsers(), this.second.users.owner, ...this.more.map((g) => g.users.owner)].find((u) => u.id === id);
  }

  /** A text channel of a guild the bot is in. */
  channel(id: string): APITextChannel | undefined {
    return [...this.channelList, ...this.second.channelList, ...this.more.flatMap((g) => g.channelList)].find((c) => c.id === id);
  }

  /** Guild channels the bot can no longer see (an admin took its View Channel away). */
  readonly hiddenFromBot = new Set<string>();
  /** Guild channels where the bot may no longer attach files (an admin took its Attach Files away). */
  readonly noFilesForBot = new Set<string>();

  /** The bot's DM channel with a member of the guild, opened on first use (POST /users/@me/channels). */
  openDm(user: FakeUser): APIDMChannel {
    let dm = this.dms.get(user.id);
    if (!dm) {
      dm = { id: snowflake(), type: ChannelType.DM, last_message_id: null, recipients: [this.apiUser(user)], flags: 0 as ChannelFlags, name: null };
      this.dms.set(user.id, dm);
    }
    return dm;
  }

  /** Where an interaction can come from: a channel of either guild, the server without the bot, the group DM or a bot DM. */
  interactionChannel(id: string): { channel: APITextChannel | APIDMChannel | APIGroupDMChannel; guildId: string | null; botInGuild: boolean } | undefined {
    const guildChannel = this.channel(id);
    if (guildChannel) return { channel: guildChannel, guildId: this.guildOf(id) ?? null, botInGuild: true };
    if (id === this.elsewhere.channel.id) return { channel: this.elsewhere.channel, guildId: this.elsewhere.guildId, botInGuild: false };
    if (id === this.elsewhere.groupDm.id) return { channel: this.elsewhere.groupDm, guildId: null, botInGuild: false };
    const dm = this.dmChannel(id);
    return dm ? { channel: dm, guildId: null, botInGuild: false } : undefined;
  }

  dmChannel(id: string): APIDMChannel | undefined {
    return [...this.dms.values()].find((dm) => dm.id === id);
  }

  dmChannelOf(userId: string): APIDMChannel | undefined {
    return this.dms.get(userId);
  }

  apiUser(user: FakeUser): APIUser {
    return {
      id: user.id,
      username: user.username,
      discriminator: "0",
      global_name: user.global_name,
      avatar: null,
      bot: false,
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
    };
  }

  member(user: FakeUser): APIGuildMember {
    return this.memberOf(this.apiUser(user), user.roles);
  }

  interactionMember(user: FakeUser): APIInteractionGuildMember {
    return { ...this.member(user), permissions: user.permissions };
  }

  botMember(): APIGuildMember {
    return this.memberOf(this.botUser, [this.roles.bot]);
  }

  private memberOf(user: APIUser, roles: string[]): APIGuildMember {
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles,
      joined_at: JOINED_AT,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The bot's permissions (no channel overwrites exist in the fake guild). */
  botPermissions(): bigint {
    return this.botPermissionsIn(this.guildId);
  }

  permissionsFor(roleIds: readonly string[], isOwner: boolean): bigint {
    if (isOwner) return ALL_PERMISSIONS;
    let bits = 0n;
    for (const r of this.roleList) {
      if (r.id === this.guildId || roleIds.includes(r.id)) bits |= BigInt(r.permissions);
    }
    return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
  }

  private makeUser(username: string, globalName: string, roles: string[], isOwner: boolean): FakeUser {
    const user: FakeUser = { id: snowflake(), username, global_name: globalName, roles, permissions: "0", isOwner };
    user.permissions = this.permissionsFor(roles, isOwner).toString();
    return user;
  }
}
