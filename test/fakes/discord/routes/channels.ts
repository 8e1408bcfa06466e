import { MessageReferenceType, MessageType, PermissionFlagsBits } from "discord-api-types/v10";
import { MESSAGE_FLAGS } from "../constants.js";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import { botRoute, type RouteDef, type RouteRequest, type RouteResponse } from "../http/router.js";
import { toApiMessage } from "../messages.js";
import type { FakeMessage } from "../types.js";
import { asRecord, isRecord } from "../util.js";
import { FormErrors } from "../validation/form-errors.js";

const MESSAGE = "/channels/:ch/messages/:id";

/** Channel and message routes, authenticated with the bot token. */
export function channelRoutes(ctx: FakeContext): RouteDef[] {
  return [
    botRoute("GET", "/channels/:ch", (req) => ({ status: 200, body: channel(ctx, req) })),
    botRoute("GET", "/channels/:ch/messages", (req) => list(ctx, req)),
    botRoute("POST", "/channels/:ch/messages", (req) => create(ctx, req)),
    botRoute("GET", MESSAGE, (req) => ({ status: 200, body: toApiMessage(message(ctx, req)) })),
    botRoute("PATCH", MESSAGE, (req) => edit(ctx, req)),
    botRoute("DELETE", MESSAGE, (req) => remove(ctx, req)),
    botRoute("POST", "/channels/:ch/typing", (req) => {
      channel(ctx, req);
      return { status: 204 };
    }),
  ];
}

function channel(ctx: FakeContext, req: RouteRequest) {
  // A channel of a server that never installed the bot, or a group DM it is not in: Discord answers 50001 to the bot token.
  if (ctx.world.botOutside(req.params.ch ?? "")) throw DiscordErrors.missingAccess();
  const found = ctx.world.channel(req.params.ch ?? "") ?? ctx.world.dmChannel(req.params.ch ?? "");
  if (!found) throw DiscordErrors.unknownChannel();
  // Without View Channel, Discord answers every channel route with 50001, whatever the bot asks.
  if (ctx.world.hiddenFromBot.has(found.id)) throw DiscordErrors.missingAccess();
  return found;
}

/** Ephemeral messages exist only for their interaction; the channel routes cannot see them. */
function message(ctx: FakeContext, req: RouteRequest): FakeMessage {
  channel(ctx, req);
  const found = ctx.messages.get(req.params.id ?? "");
  if (!found || found.channel_id !== req.params.ch || (found.flags & MESSAGE_FLAGS.ephemeral) !== 0) {
    throw DiscordErrors.unknownMessage();
  }
  return found;
}

function list(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const { id } = channel(ctx, req);
  const limit = Number(req.query.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    const errors = new FormErrors();
    errors.add(["limit"], "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
    errors.throwIfAny();
  }
  const visible = ctx.messages.inChannel(id).filter((m) => (m.flags & MESSAGE_FLAGS.ephemeral) === 0);
  return { status: 200, body: visible.reverse().slice(0, limit).map(toApiMessage) };
}

/** Uploading needs Attach Files in the channel: without it, Discord answers a message with files with 50013. */
function checkAttachFiles(ctx: FakeContext, channelId: string, req: RouteRequest): void {
  if (req.files.length > 0 && ctx.world.noFilesForBot.has(channelId)) throw DiscordErrors.missingPermissions();
}

function create(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const { id } = channel(ctx, req);
  checkAttachFiles(ctx, id, req);
  const body = asRecord(req.body);
  if (typeof body.flags === "number" && (body.flags & MESSAGE_FLAGS.ephemeral) !== 0) {
    const errors = new FormErrors();
    errors.add(["flags"], "MESSAGE_FLAGS_INVALID", "Ephemeral messages can only be sent in response to an interaction.");
    errors.throwIfAny();
  }
  const target = repliedTo(ctx, id, body.message_reference);
  const guildId = ctx.world.guildOf(id);
  const created = ctx.writer.create(body, req.files, {
    channelId: id,
    // A direct message belongs to no guild.
    guildId: guildId ?? "",
    author: ctx.world.botUser,
    type: target ? MessageType.Reply : MessageType.Default,
    origin: "channel",
    route: req.route,
    ...(target ? { reference: { type: MessageReferenceType.Default, message_id: target.id, channel_id: id, ...(guildId ? { guild_id: guildId } : {}) } } : {}),
    ...(target && repliedUserPinged(body.allowed_mentions) && !target.webhook_id ? { replyPing: target.author.id } : {}),
  });
  return { status: 200, body: { ...toApiMessage(created), ...(target ? { referenced_message: toApiMessage(target) } : {}) } };
}

/**
 * A reply's target (message_reference): a message of this channel. Discord refuses one in another channel, and an
 * unknown one unless fail_if_not_exists is false (the message then goes out as no reply). Undefined: not a reply.
 */
function repliedTo(ctx: FakeContext, channelId: string, value: unknown): FakeMessage | undefined {
  if (value === undefined || value === null) return undefined;
  const errors = new FormErrors();
  const reference = asRecord(value);
  if (!isRecord(value) || typeof reference.message_id !== "string") {
    errors.add(["message_reference", "message_id"], "BASE_TYPE_REQUIRED", "This field is required");
  } else if (reference.channel_id !== undefined && reference.channel_id !== channelId) {
    errors.add(["message_reference"], "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL", "Cannot reply to a message in a different channel");
  } else if (reference.fail_if_not_exists !== undefined && typeof reference.fail_if_not_exists !== "boolean") {
    errors.add(["message_reference", "fail_if_not_exists"], "BASE_TYPE_BOOLEAN", "Must be either true or false.");
  }
  errors.throwIfAny();
  const found = ctx.messages.get(String(reference.message_id));
  // Without channel_id Discord looks in the request's channel: a message elsewhere is unknown there.
  const target = found && found.channel_id === channelId && (found.flags & MESSAGE_FLAGS.ephemeral) === 0 ? found : undefined;
  if (!target && reference.fail_if_not_exists !== false) {
    errors.add(["message_reference"], "REPLIES_UNKNOWN_MESSAGE", "Unknown message");
    errors.throwIfAny();
  }
  return target;
}

/** A reply pings its target's author unless allowed_mentions (when given) leaves replied_user unset or false. */
function repliedUserPinged(allowedMentions: unknown): boolean {
  return !isRecord(allowedMentions) || allowedMentions.replied_user === true;
}

function edit(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const found = message(ctx, req);
  if (found.author.id !== ctx.world.botUser.id) throw DiscordErrors.cannotEditOthers();
  checkAttachFiles(ctx, found.channel_id, req);
  return { status: 200, body: toApiMessage(ctx.writer.edit(found, req.body, req.files, req.route)) };
}

function remove(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const found = message(ctx, req);
  const canManage = (ctx.world.botPermissions() & PermissionFlagsBits.ManageMessages) !== 0n;
  if (found.author.id !== ctx.world.botUser.id && !canManage) throw DiscordErrors.missingPermissions();
  ctx.messages.delete(found);
  return { status: 204 };
}
