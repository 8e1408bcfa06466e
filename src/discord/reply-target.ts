// Where a job's reply lives, reachable without the original Interaction object (so also after a restart):
// through the interaction token while it is valid, then through the bot token on the reply message.
import {
  DiscordAPIError,
  InteractionWebhook,
  RESTJSONErrorCodes,
  type Client,
  type Message,
  type MessageCreateOptions,
  type MessageEditOptions,
  type WebhookMessageEditOptions,
} from "discord.js";

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
}

export type ReplyPayload = Pick<WebhookMessageEditOptions, "content" | "embeds" | "files" | "components" | "attachments">;

export type EditOutcome =
  | { via: "interaction"; message: Message }
  | { via: "channel"; message: Message }
  | { via: "new-message"; message: Message }
  | { via: "direct-message"; message: Message };

function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    [RESTJSONErrorCodes.InvalidWebhookToken, RESTJSONErrorCodes.UnknownWebhook].includes(error.code as RESTJSONErrorCodes)
  );
}

function isUnknownMessage(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage;
}

export function tokenUsable(location: Pick<ReplyLocation, "tokenExpiresAt">, now = Date.now()): boolean {
  return now < location.tokenExpiresAt - tokenMarginMs;
}

/**
 * Replaces the reply's content (and notes in `location` when the token turned out to be expired). With the token expired, edits the message with the bot token; when that message
 * is gone, posts the payload as a new message in the channel that mentions (only) the requester. A private
 * reply whose token expired goes to the requester's direct messages.
 */
export async function editReply(client: Client<true>, location: ReplyLocation, payload: ReplyPayload, now = Date.now()): Promise<EditOutcome> {
  if (tokenUsable(location, now)) {
    const webhook = new InteractionWebhook(client, location.applicationId, location.interactionToken);
    try {
      return { via: "interaction", message: await webhook.editMessage("@original", payload) };
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
      // Discord ended the token early: remember it, and go on with the bot token.
      location.tokenExpiresAt = 0;
    }
  }
  if (location.ephemeral) {
    // A private reply cannot be edited with the bot token, and must not become public: send it privately instead.
    return { via: "direct-message", message: await client.users.send(location.requesterId, payload as MessageCreateOptions) };
  }
  const channel = await client.channels.fetch(location.channelId);
  if (!channel?.isTextBased() || !("send" in channel)) throw new Error(`channel ${location.channelId} cannot take messages`);
  if (location.replyMessageId) {
    try {
      return { via: "channel", message: await channel.messages.edit(location.replyMessageId, payload as MessageEditOptions) };
    } catch (error) {
      if (!isUnknownMessage(error)) throw error;
    }
  }
  const mention = `<@${location.requesterId}>`;
  const message = await channel.send({
    ...(payload as MessageCreateOptions),
    content: [mention, payload.content].filter(Boolean).join(" "),
    allowedMentions: { parse: [], users: [location.requesterId] },
  });
  return { via: "new-message", message };
}
