import { MessageType, PermissionFlagsBits } from "discord-api-types/v10";
import { MESSAGE_FLAGS } from "../constants.js";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";
import { toApiMessage } from "../messages.js";
import type { FakeMessage } from "../types.js";
import { asRecord, isRecord } from "../util.js";
import { FormErrors } from "../validation/form-errors.js";

const MESSAGE = "/channels/:ch/messages/:id";

/** Channel and message routes, authenticated with the bot token. */
export function channelRoutes(ctx: FakeContext): RouteDef[] {
  const route = (method: RouteDef["method"], template: string, handle: (req: RouteRequest) => RouteResponse): RouteDef => ({
    method,
    template,
    auth: "bot",
    bucket: "route",
    handle,
  });
  return [
    route("GET", "/channels/:ch", (req) => ({ status: 200, body: channel(ctx, req) })),
    route("GET", "/channels/:ch/messages", (req) => list(ctx, req)),
    route("POST", "/channels/:ch/messages", (req) => create(ctx, req)),
    route("GET", MESSAGE, (req) => ({ status: 200, body: toApiMessage(message(ctx, req)) })),
    route("PATCH", MESSAGE, (req) => edit(ctx, req)),
    route("DELETE", MESSAGE, (req) => remove(ctx, req)),
    route("POST", "/channels/:ch/typing", (req) => {
      channel(ctx, req);
      return { status: 204 };
    }),
  ];
}

function channel(ctx: FakeContext, req: RouteRequest) {
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
  const reference = isRecord(body.message_reference) ? body.message_reference : undefined;
  if (reference && !ctx.messages.get(String(reference.message_id)) && reference.fail_if_not_exists !== false) {
    const errors = new FormErrors();
    errors.add(["message_reference"], "REPLIES_UNKNOWN_MESSAGE", "Unknown message");
    errors.throwIfAny();
  }
  const created = ctx.writer.create(body, req.files, {
    channelId: id,
    // A direct message belongs to no guild.
    guildId: ctx.world.guildOf(id) ?? "",
    author: ctx.world.botUser,
    type: reference ? MessageType.Reply : MessageType.Default,
    origin: "channel",
    route: req.route,
  });
  return { status: 200, body: toApiMessage(created) };
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
