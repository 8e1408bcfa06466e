import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  InteractionType,
  Locale,
  type APIInteraction,
  type APIMessageInteractionMetadata,
  type GuildFeature,
} from "discord-api-types/v10";
import type { FakeUser } from "../types.js";
import type { World } from "../world.js";
import type { InteractionState } from "./state.js";

export interface BaseInput {
  id: string;
  token: string;
  type: InteractionType;
  user: FakeUser;
  channelId: string;
  guildId: string;
  locale?: string;
  /** The server's language as the interaction reports it (`guild_locale`); en-US unless given. */
  guildLocale?: string;
  applicationId: string;
  attachmentSizeLimit: number;
  /** The member installed the app for themselves: `authorizing_integration_owners` carries "1" (the only key where the bot is not). */
  userInstall?: boolean;
  /** The member's permissions in the channel, when not those of their roles. */
  memberPermissions?: bigint;
}

/** Where an interaction happened, as Discord tells the app: its context and who authorized the app there. */
export interface InteractionPlace {
  context: InteractionContextType;
  owners: Record<string, string>;
  /** The member's permissions in a guild channel (none outside servers). */
  memberPermissions: bigint | undefined;
}

export function placeOf(world: World, input: Pick<BaseInput, "channelId" | "user" | "userInstall" | "memberPermissions">): InteractionPlace {
  const found = world.interactionChannel(input.channelId);
  if (!found) throw new Error(`fake discord: unknown channel ${input.channelId}`);
  const user: Record<string, string> = input.userInstall ? { "1": input.user.id } : {};
  if (found.guildId !== null) {
    if (!found.botInGuild && !input.userInstall) throw new Error("fake discord: the bot is not in that server; only a user install reaches it");
    const ownPermissions = found.botInGuild ? BigInt(input.user.permissions) : world.elsewhere.everyonePermissions;
    return {
      context: InteractionContextType.Guild,
      owners: { ...(found.botInGuild ? { "0": found.guildId } : {}), ...user },
      memberPermissions: input.memberPermissions ?? ownPermissions,
    };
  }
  if (found.channel.type === ChannelType.DM) {
    // Discord: the guild install's value is "0" in a DM with the app's bot user.
    return { context: InteractionContextType.BotDM, owners: { "0": "0", ...user }, memberPermissions: undefined };
  }
  if (!input.userInstall) throw new Error("fake discord: a group DM reaches the app only through a user install");
  return { context: InteractionContextType.PrivateChannel, owners: user, memberPermissions: undefined };
}

/** Only the member's own install authorized the interaction (no server install): Discord's user-install rules apply. */
export function onlyUserInstall(place: Pick<InteractionPlace, "owners">): boolean {
  return place.owners["1"] !== undefined && place.owners["0"] === undefined;
}

/**
 * Discord makes every reply ephemeral where only the member's install reaches a server and the member lacks Use
 * External Apps there (permission 1 << 50; "responses will be ephemeral for the end user").
 */
export function forcedEphemeral(place: InteractionPlace): boolean {
  return (
    place.context === InteractionContextType.Guild &&
    onlyUserInstall(place) &&
    ((place.memberPermissions ?? 0n) & PermissionFlagsBits.UseExternalApps) === 0n
  );
}

/** Fields every interaction carries; discord.js reads `channel.id`, `member.user` (or `user` outside servers), `entitlements`, … */
export function basePayload(world: World, input: BaseInput): Record<string, unknown> {
  const found = world.interactionChannel(input.channelId);
  if (!found) throw new Error(`fake discord: unknown channel ${input.channelId}`);
  const { channel } = found;
  if (found.guildId !== null && found.guildId !== input.guildId) throw new Error(`fake discord: channel ${channel.id} is not in guild ${input.guildId}`);
  const place = placeOf(world, input);
  const locale = (input.locale ?? Locale.EnglishUS) as Locale;
  // Discord sends the member's language and the server's (its preferred locale) with every guild interaction.
  const common = {
    id: input.id,
    application_id: input.applicationId,
    type: input.type,
    token: input.token,
    version: 1,
    channel_id: channel.id,
    locale,
    entitlements: [],
    authorizing_integration_owners: place.owners,
    context: place.context,
    attachment_size_limit: input.attachmentSizeLimit,
  };
  if (found.guildId === null) {
    // Outside servers: `user`, no member; the app may attach files, embed links and mention there.
    const dmPermissions = PermissionFlagsBits.AttachFiles | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.MentionEveryone;
    return { ...common, channel, user: world.apiUser(input.user), app_permissions: dmPermissions.toString() };
  }
  const permissions = (place.memberPermissions ?? 0n).toString();
  const guildLocale = (input.guildLocale ?? world.preferredLocaleOf(found.guildId)) as Locale;
  return {
    ...common,
    guild_id: found.guildId,
    guild: { id: found.guildId, locale: guildLocale, features: (world.assetsOf(found.guildId)?.features ?? []) as GuildFeature[] },
    channel: { ...channel, permissions },
    member: { ...world.interactionMember(input.user), permissions },
    // Where only the member's install reaches, the app has what the channel gives @everyone, not a bot role's.
    app_permissions: (found.botInGuild ? world.botPermissionsIn(found.guildId) : world.elsewhere.everyonePermissions).toString(),
    guild_locale: guildLocale,
  };
}

export function asInteraction(payload: Record<string, unknown>): APIInteraction {
  // Built field by field above; the union type cannot be narrowed from a record without a cast.
  return payload as unknown as APIInteraction;
}

/** `interaction_metadata` on messages created in response to the interaction. */
export function interactionMetadata(world: World, state: InteractionState): APIMessageInteractionMetadata {
  const base = {
    id: state.id,
    user: world.apiUser(state.user),
    authorizing_integration_owners: state.place.owners,
  };
  if (state.type === InteractionType.MessageComponent) {
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: state.sourceMessageId ?? "" };
  }
  if (state.type === InteractionType.ModalSubmit && state.opener) {
    const trigger = interactionMetadata(world, state.opener);
    if (trigger.type !== InteractionType.ModalSubmit) {
      return { ...base, type: InteractionType.ModalSubmit, triggering_interaction_metadata: trigger };
    }
  }
  const target = (state.payload.data as { target_id?: string } | undefined)?.target_id;
  return { ...base, type: InteractionType.ApplicationCommand, ...(target ? { target_message_id: target } : {}) };
}
