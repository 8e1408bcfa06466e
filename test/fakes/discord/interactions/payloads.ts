import {
  InteractionContextType,
  InteractionType,
  Locale,
  type APIInteraction,
  type APIMessageInteractionMetadata,
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
}

/** Fields every guild interaction carries; discord.js reads `channel.id`, `member.user`, `entitlements`, … */
export function basePayload(world: World, input: BaseInput): Record<string, unknown> {
  const channel = world.channel(input.channelId);
  if (!channel) throw new Error(`fake discord: unknown channel ${input.channelId}`);
  if (world.guildOf(channel.id) !== input.guildId) throw new Error(`fake discord: channel ${channel.id} is not in guild ${input.guildId}`);
  const locale = (input.locale ?? Locale.EnglishUS) as Locale;
  const guildLocale = (input.guildLocale ?? Locale.EnglishUS) as Locale;
  return {
    id: input.id,
    application_id: input.applicationId,
    type: input.type,
    token: input.token,
    version: 1,
    guild_id: input.guildId,
    guild: { id: input.guildId, locale: guildLocale, features: [] },
    channel_id: channel.id,
    channel: { ...channel, permissions: input.user.permissions },
    member: world.interactionMember(input.user),
    app_permissions: world.botPermissions().toString(),
    locale,
    guild_locale: guildLocale,
    entitlements: [],
    authorizing_integration_owners: { "0": input.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: input.attachmentSizeLimit,
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
    authorizing_integration_owners: { "0": state.guildId },
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
