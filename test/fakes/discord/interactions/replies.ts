import { ApplicationCommandType, InteractionType, MessageType } from "discord-api-types/v10";
import type { FakeContext } from "../context.js";
import type { MessageMeta } from "../message-writer.js";
import type { MessageOrigin } from "../types.js";
import { interactionMetadata } from "./payloads.js";
import type { InteractionState } from "./state.js";

/** Messages created through an interaction are webhook messages by the bot, typed after the command. */
export function replyMeta(ctx: FakeContext, state: InteractionState, origin: MessageOrigin, route: string): MessageMeta {
  return {
    channelId: state.channelId,
    guildId: state.guildId,
    author: ctx.world.botUser,
    type: replyType(state),
    origin,
    route,
    interactionId: state.id,
    webhookId: ctx.settings.applicationId,
    applicationId: ctx.settings.applicationId,
    interactionMetadata: interactionMetadata(ctx.world, state),
  };
}

function replyType(state: InteractionState): MessageType {
  if (state.type !== InteractionType.ApplicationCommand) return MessageType.Default;
  return state.commandType === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
}
