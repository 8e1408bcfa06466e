import type {
  APIGuildMemberNoUser,
  APIMessage,
  APIMessageInteractionMetadata,
  APIMessageReference,
  APIUser,
  MessageType,
} from "discord-api-types/v10";
import { toApiAttachment } from "./attachments.js";
import { resolveMentions, withReplyPing } from "./mentions.js";
import { snowflake } from "./snowflake.js";
import type { FakeMessage, MessageContent, MessageOrigin } from "./types.js";
import { now } from "./util.js";

export interface NewMessage extends MessageContent {
  channelId: string;
  guildId: string;
  author: APIUser;
  type: MessageType;
  origin: MessageOrigin;
  route: string;
  interactionId?: string;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  reference?: APIMessageReference;
  /** A member's message: the author's member, as MESSAGE_CREATE carries it. */
  authorMember?: APIGuildMemberNoUser;
  /** The reply pings its target's author, who then counts among its mentions. */
  replyPing?: string;
}

export type MessageChange = "create" | "update" | "delete";

/** Every message in the fake guild, with its write history. */
export class MessageStore {
  private readonly byId = new Map<string, FakeMessage>();

  constructor(private readonly onChange: (change: MessageChange, message: FakeMessage) => void) {}

  create(input: NewMessage): FakeMessage {
    const at = now();
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: input.channelId,
      guild_id: input.guildId,
      author: input.author,
      type: input.type,
      ...this.contentOf(input),
      ...withReplyPing(resolveMentions(input.content, input.allowed_mentions), input.replyPing),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      origin: input.origin,
      deleted: false,
      history: [{ at, route: input.route, ...this.contentOf(input) }],
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
      ...(input.applicationId ? { application_id: input.applicationId } : {}),
      ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
      ...(input.interactionId ? { interactionId: input.interactionId } : {}),
      ...(input.reference ? { message_reference: input.reference } : {}),
      ...(input.replyPing ? { reply_ping: input.replyPing } : {}),
      ...(input.authorMember ? { author_member: input.authorMember } : {}),
    };
    this.byId.set(message.id, message);
    this.onChange("create", message);
    return message;
  }

  update(message: FakeMessage, next: MessageContent, route: string): FakeMessage {
    Object.assign(message, this.contentOf(next), withReplyPing(resolveMentions(next.content, next.allowed_mentions), message.reply_ping));
    message.edited_timestamp = new Date().toISOString();
    message.history.push({ at: now(), route, ...this.contentOf(next) });
    this.onChange("update", message);
    return message;
  }

  delete(message: FakeMessage): void {
    message.deleted = true;
    this.onChange("delete", message);
  }

  get(id: string): FakeMessage | undefined {
    const message = this.byId.get(id);
    return message && !message.deleted ? message : undefined;
  }

  /** Also finds deleted messages (flagged `deleted`). */
  find(id: string): FakeMessage | undefined {
    return this.byId.get(id);
  }

  /** All messages (including deleted ones, flagged), oldest first. */
  all(): FakeMessage[] {
    return [...this.byId.values()];
  }

  inChannel(channelId: string): FakeMessage[] {
    return this.all().filter((m) => m.channel_id === channelId && !m.deleted);
  }

  private contentOf(c: MessageContent): MessageContent {
    return {
      content: c.content,
      embeds: c.embeds,
      components: c.components,
      attachments: c.attachments,
      flags: c.flags,
      allowed_mentions: c.allowed_mentions,
    };
  }
}

/** The message as Discord's API returns it. */
export function toApiMessage(m: FakeMessage): APIMessage {
  return {
    id: m.id,
    channel_id: m.channel_id,
    author: m.author,
    content: m.content,
    timestamp: m.timestamp,
    edited_timestamp: m.edited_timestamp,
    tts: false,
    mention_everyone: m.mention_everyone,
    mentions: [],
    mention_roles: m.mention_roles,
    attachments: m.attachments.map(toApiAttachment),
    embeds: m.embeds,
    components: m.components,
    pinned: false,
    type: m.type,
    flags: m.flags,
    ...(m.webhook_id ? { webhook_id: m.webhook_id } : {}),
    ...(m.application_id ? { application_id: m.application_id } : {}),
    ...(m.interaction_metadata ? { interaction_metadata: m.interaction_metadata } : {}),
    ...(m.message_reference ? { message_reference: m.message_reference } : {}),
  };
}
