// Where a job's reply lives, reachable without the original Interaction object (so also after a restart):
// through the interaction token while it is valid, then through the bot token on the reply message.
import {
  DiscordAPIError,
  ComponentType,
  InteractionWebhook,
  MessageFlags,
  MessagePayload,
  RESTJSONErrorCodes,
  Routes,
  type APIMessage,
  type BaseMessageOptions,
  type Client,
  type REST,
} from "discord.js";
import type { BufferPool } from "../media/buffer-pool.js";
import { formBody } from "./form-body.js";

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
  /**
   * Started where the bot is not a member (a member's own install in another server, a group DM): the bot token cannot
   * post or edit there, so once the token is spent the reply goes to the requester's direct messages.
   */
  tokenOnly?: boolean;
  /** Set once the reply cannot be reached any more: Discord answered Unknown Message (a moderator deleted it), or the bot lost its channel. */
  originalGone?: boolean;
}

/**
 * What a reply holds: the options an interaction edit, a message edit and a new message all take. With the
 * IS_COMPONENTS_V2 flag (a job's reply, see generation/reply-layout.ts) its words are in text display components:
 * Discord then takes no content or embeds.
 */
export type ReplyPayload = Pick<BaseMessageOptions, "content" | "embeds" | "files" | "components"> & { flags?: MessageFlags.IsComponentsV2 };

/** The payload posted anew, mentioning (only) the requester: first in its content, or in a text display of its own above a V2 layout. */
function mentioning(payload: ReplyPayload, requesterId: string): ReplyPayload {
  const mention = `<@${requesterId}>`;
  if (payload.flags === MessageFlags.IsComponentsV2) {
    return { ...payload, components: [{ type: ComponentType.TextDisplay, content: mention }, ...(payload.components ?? [])] };
  }
  return { ...payload, content: [mention, payload.content].filter(Boolean).join(" ") };
}

export interface EditOutcome {
  via: "interaction" | "channel" | "new-message" | "direct-message";
  messageId: string;
}

function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.InvalidWebhookToken || error.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}

/** Discord refused a message's files as too large: 413 with 40005 (or, from its edge, a bare 413). */
export function isRequestTooLarge(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.RequestEntityTooLarge || error.status === 413);
}

function isUnknownMessage(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage;
}

function isOutOfReach(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingAccess ||
      error.code === RESTJSONErrorCodes.MissingPermissions ||
      error.code === RESTJSONErrorCodes.UnknownChannel)
  );
}

/**
 * With the bot token: edits the reply message, or (a result or failure whose reply the bot never learnt) posts it
 * anew mentioning the requester. Undefined when neither applies (a progress edit, a reply deleted meanwhile).
 */
async function editInChannel(client: Client<true>, location: ReplyLocation, payload: ReplyPayload, progress: boolean): Promise<EditOutcome | undefined> {
  const channel = await client.channels.fetch(location.channelId);
  if (!channel?.isTextBased() || !("send" in channel)) throw new Error(`channel ${location.channelId} cannot take messages`);
  if (location.replyMessageId) {
    try {
      const message = await channel.messages.edit(location.replyMessageId, payload);
      return { via: "channel", messageId: message.id };
    } catch (error) {
      if (!isUnknownMessage(error)) throw error;
      location.originalGone = true;
      return undefined;
    }
  }
  if (progress) return undefined;
  const message = await channel.send({
    ...mentioning(payload, location.requesterId),
    allowedMentions: { parse: [], users: [location.requesterId] },
  });
  return { via: "new-message", messageId: message.id };
}

/** The reply through its interaction token. */
function originalRoute(location: ReplyLocation) {
  return Routes.webhookMessage(location.applicationId, location.interactionToken, "@original");
}

export function tokenUsable(location: Pick<ReplyLocation, "tokenExpiresAt">, now = Date.now()): boolean {
  return now < location.tokenExpiresAt - tokenMarginMs;
}

/**
 * The reply as Discord shows it now: through the interaction token while it lasts, then by its message id with the
 * bot token. Undefined when there is no reply to read (deleted, never learnt, or private after the token).
 */
export async function readReply(client: Client<true>, interactionRest: REST, location: ReplyLocation, now = Date.now()): Promise<APIMessage | undefined> {
  try {
    if (tokenUsable(location, now) && !location.originalGone) {
      return (await interactionRest.get(originalRoute(location), { auth: false })) as APIMessage;
    }
    if (location.replyMessageId && !location.ephemeral && !location.tokenOnly && !location.originalGone) {
      return (await client.rest.get(Routes.channelMessage(location.channelId, location.replyMessageId))) as APIMessage;
    }
  } catch (error) {
    if (!isUnknownMessage(error)) throw error;
  }
  return undefined;
}

/**
 * Replaces the reply's content (and notes in `location` what it learnt: an expired token, a deleted reply). While
 * the token lasts, edits the original reply through it; once the token expired, edits the reply message with the
 * bot token. A reply that cannot be edited that way goes to the requester's direct messages: a private one (the bot
 * token cannot edit it, and it must not become public), one a moderator deleted (it is not posted again in
 * the channel they cleaned), one that refuses the result (the bot lost its access or permissions there), and one
 * where the bot is not a member (tokenOnly). A reply whose message the bot never learnt is posted anew in the channel,
 * mentioning (only) the requester. A progress edit is only ever an edit: where the reply cannot be edited, it is
 * dropped and the outcome is undefined.
 */
export async function editReply(
  client: Client<true>,
  interactionRest: REST,
  location: ReplyLocation,
  payload: ReplyPayload,
  buffers: BufferPool,
  { progress = false }: { progress?: boolean } = {},
  now = Date.now(),
): Promise<EditOutcome | undefined> {
  if (tokenUsable(location, now) && !location.originalGone) {
    const webhook = new InteractionWebhook(client, location.applicationId, location.interactionToken);
    const { body, files } = await MessagePayload.create(webhook, payload).resolveBody().resolveFiles();
    try {
      // With files, the message goes as payload_json in a multipart body made here (see form-body.ts).
      const upload = files?.length ? formBody(body, files, buffers) : undefined;
      try {
        const request = upload ? { ...upload, passThroughBody: true } : { body };
        const message = (await interactionRest.patch(originalRoute(location), { ...request, auth: false })) as APIMessage;
        return { via: "interaction", messageId: message.id };
      } finally {
        // REST is done with the body (its retries, too, are over).
        if (upload) buffers.give(upload.body);
      }
    } catch (error) {
      if (isUnknownMessage(error)) location.originalGone = true;
      // Discord ended the token early: remember it, and go on with the bot token.
      else if (isExpiredToken(error)) location.tokenExpiresAt = 0;
      // The reply refuses this content (the bot may not post it there): a progress edit is dropped and the next one
      // tries again, but the result or failure goes to the requester's direct messages rather than being lost.
      else if (isOutOfReach(error)) {
        if (progress) return undefined;
        location.originalGone = true;
      } else throw error;
    }
  }
  // Where the bot is not a member, the channel is never tried: the token was the only way in.
  if (!location.ephemeral && !location.tokenOnly && !location.originalGone) {
    const outcome = await editInChannel(client, location, payload, progress).catch((error: unknown) => {
      // The bot lost the channel (its access or permissions taken away, or the channel deleted): the result the
      // member paid for goes to their direct messages rather than being lost.
      if (!isOutOfReach(error)) throw error;
      location.originalGone = true;
      return undefined;
    });
    if (outcome) return outcome;
  }
  if (progress) return undefined;
  const message = await client.users.send(location.requesterId, payload);
  return { via: "direct-message", messageId: message.id };
}
