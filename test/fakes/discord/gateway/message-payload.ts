// MESSAGE_CREATE / MESSAGE_UPDATE of a guild message as Discord sends them to a bot: the author's member, the users
// mentioned (each with their member), a reply's message_reference and referenced_message, and the Message Content
// rule: without the privileged intent, content, embeds, attachments and components arrive empty, except in the
// bot's own messages and in messages that mention the bot (a reply with its ping on mentions its target's author).
import { GatewayIntentBits, type APIGuildMemberNoUser, type APIUserWithMember, type GatewayMessageCreateDispatchData } from "discord-api-types/v10";
import { toApiMessage, type MessageStore } from "../messages.js";
import type { FakeMessage } from "../types.js";
import type { World } from "../world.js";

function withoutUser({ user: _user, ...member }: ReturnType<World["member"]>): APIGuildMemberNoUser {
  return member;
}

/** The member behind a user id of the fake guild (the bot's own too), when the fake knows them. */
function memberOf(world: World, id: string): APIGuildMemberNoUser | undefined {
  if (id === world.botUser.id) return withoutUser(world.botMember());
  const user = world.findUser(id);
  return user && withoutUser(world.member(user));
}

function mentionedUsers(world: World, message: FakeMessage): APIUserWithMember[] {
  return message.mentions.flatMap((id) => {
    const user = id === world.botUser.id ? world.botUser : world.findUser(id);
    if (!user) return [];
    const apiUser = "isOwner" in user ? world.apiUser(user) : user;
    const member = memberOf(world, id);
    return [{ ...apiUser, ...(member ? { member } : {}) }];
  });
}

/** Whether a bot with these intents is shown the message's content. */
export function canReadContent(world: World, message: FakeMessage, intents: number): boolean {
  return (intents & GatewayIntentBits.MessageContent) !== 0 || message.author.id === world.botUser.id || message.mentions.includes(world.botUser.id);
}

function visible(world: World, message: FakeMessage, intents: number) {
  const api = { ...toApiMessage(message), guild_id: message.guild_id, mentions: mentionedUsers(world, message) };
  return canReadContent(world, message, intents) ? api : { ...api, content: "", embeds: [], attachments: [], components: [] };
}

export interface GatewayMessageContext {
  world: World;
  messages: MessageStore;
  /** The intents of the session the dispatch goes to. */
  intents: number;
}

export function gatewayMessage(message: FakeMessage, { world, messages, intents }: GatewayMessageContext): GatewayMessageCreateDispatchData {
  const author = message.author_member ?? memberOf(world, message.author.id);
  const payload: GatewayMessageCreateDispatchData = { ...visible(world, message, intents), ...(author && !message.webhook_id ? { member: author } : {}) };
  const referenceId = message.message_reference?.message_id;
  if (referenceId === undefined) return payload;
  // Null when the replied-to message was deleted meanwhile; it carries no referenced_message of its own.
  const referenced = messages.get(referenceId);
  return { ...payload, referenced_message: referenced ? visible(world, referenced, intents) : null };
}
