// Where a job's reply lives, reachable without the original Interaction object (so also after a restart):
// through the interaction token while it is valid, then through the bot token on the reply message.
import {
  DiscordAPIError,
  InteractionWebhook,
  MessagePayload,
  RESTJSONErrorCodes,
  Routes,
  type APIMessage,
  type Client,
  type REST,
  type MessageCreateOptions,
  type RawFile,
  type MessageEditOptions,
  type WebhookMessageEditOptions,
} from "discord.js";
import { multipartBody } from "./multipart.js";

/** Leave a margin: an edit started just before expiry must not arrive just after it. */
const tokenMarginMs = 60_000;

export interface ReplyLocation {
  applicationId: string;
  interactionToken: string;
  tokenExpiresAt: number;
  channelId: string;
  replyMessageId: string | null;
  ephemeral: boolean;
  requesterId: string;
  /** Set once Discord answered Unknown Message for the original reply (deleted, or a private one dismissed). */
  originalGone?: boolean;
}

export type ReplyPayload = Pick<WebhookMessageEditOptions, "content" | "embeds" | "files" | "components" | "attachments">;

export interface EditOutcome {
  via: "interaction" | "channel" | "new-message" | "direct-message";
  messageId: string;
}

function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    [RESTJSONErrorCodes.InvalidWebhookToken, RESTJSONErrorCodes.UnknownWebhook].includes(error.code as RESTJSONErrorCodes)
  );
}

function isUnknownMessage(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage;
}

function asMultipart(payload: unknown, files: readonly RawFile[]) {
  const { chunks, length, contentType } = multipartBody(payload, files);
  return { body: chunks, headers: { "Content-Type": contentType, "Content-Length": String(length) } };
}

export function tokenUsable(location: Pick<ReplyLocation, "tokenExpiresAt">, now = Date.now()): boolean {
  return now < location.tokenExpiresAt - tokenMarginMs;
}

/**
 * Replaces the reply's content (and notes in `location` what it learnt: an expired token, a deleted reply). While
 * the token lasts, edits the original reply through it. Once the token expired, or the reply was deleted (follow-ups
 * are refused then too: discord-api-docs#3087), edits the message with the bot token; when that message is gone, posts the payload
 * as a new message in the channel that mentions (only) the requester. A private reply that can no longer be
 * edited goes to the requester's direct messages. A progress edit is only ever an edit: where the reply cannot be
 * edited, it is dropped and the outcome is undefined.
 */
export async function editReply(
  client: Client<true>,
  interactionRest: REST,
  location: ReplyLocation,
  payload: ReplyPayload,
  { progress = false }: { progress?: boolean } = {},
  now = Date.now(),
): Promise<EditOutcome | undefined> {
  if (location.originalGone && progress) return undefined;
  if (tokenUsable(location, now) && !location.originalGone) {
    const webhook = new InteractionWebhook(client, location.applicationId, location.interactionToken);
    const { body, files } = await MessagePayload.create(webhook, payload).resolveBody().resolveFiles();
    try {
      const route = Routes.webhookMessage(location.applicationId, location.interactionToken, "@original");
      const request = files?.length ? { ...asMultipart(body, files), passThroughBody: true } : { body };
      const message = (await interactionRest.patch(route, { ...request, auth: false })) as APIMessage;
      return { via: "interaction", messageId: message.id };
    } catch (error) {
      if (isUnknownMessage(error)) {
        // A moderator deleted the reply (or its member dismissed it): the result still has to reach them.
        location.originalGone = true;
        if (progress) return undefined;
      } else if (isExpiredToken(error)) {
        // Discord ended the token early: remember it, and go on with the bot token.
        location.tokenExpiresAt = 0;
      } else throw error;
    }
  }
  if (location.ephemeral) {
    if (progress) return undefined;
    // A private reply cannot be edited with the bot token, and must not become public: send it privately instead.
    const message = await client.users.send(location.requesterId, payload as MessageCreateOptions);
    return { via: "direct-message", messageId: message.id };
  }
  const channel = await client.channels.fetch(location.channelId);
  if (!channel?.isTextBased() || !("send" in channel)) throw new Error(`channel ${location.channelId} cannot take messages`);
  if (location.replyMessageId) {
    try {
      const message = await channel.messages.edit(location.replyMessageId, payload as MessageEditOptions);
      return { via: "channel", messageId: message.id };
    } catch (error) {
      if (!isUnknownMessage(error)) throw error;
    }
  }
  if (progress) return undefined;
  const mention = `<@${location.requesterId}>`;
  const message = await channel.send({
    ...(payload as MessageCreateOptions),
    content: [mention, payload.content].filter(Boolean).join(" "),
    allowedMentions: { parse: [], users: [location.requesterId] },
  });
  return { via: "new-message", messageId: message.id };
}
