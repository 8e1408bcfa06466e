import { InteractionResponseType } from "discord-api-types/v10";
import { MESSAGE_FLAGS } from "../constants.js";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";
import { forcedEphemeral, onlyUserInstall } from "../interactions/payloads.js";
import { replyMeta } from "../interactions/replies.js";
import type { InteractionState } from "../interactions/state.js";
import { toApiMessage } from "../messages.js";
import type { FakeMessage } from "../types.js";
import { asRecord, now } from "../util.js";

const ORIGINAL = "/webhooks/:app/:token/messages/@original";
const BY_ID = "/webhooks/:app/:token/messages/:id";
/** Follow-ups an interaction allows when only a user install authorized it. */
const USER_INSTALL_FOLLOW_UPS = 5;

/** Interaction webhooks: the token is the only credential and dies after interactionTokenTtlMs. */
export function webhookRoutes(ctx: FakeContext): RouteDef[] {
  const route = (method: RouteDef["method"], template: string, handle: (req: RouteRequest) => RouteResponse): RouteDef => ({
    method,
    template,
    auth: "none",
    bucket: "route",
    handle,
  });
  return [
    route("POST", "/webhooks/:app/:token", (req) => followUp(ctx, req)),
    route("GET", ORIGINAL, (req) => ({ status: 200, body: toApiMessage(target(ctx, req)) })),
    route("PATCH", ORIGINAL, (req) => edit(ctx, req)),
    route("DELETE", ORIGINAL, (req) => remove(ctx, req)),
    route("GET", BY_ID, (req) => ({ status: 200, body: toApiMessage(target(ctx, req)) })),
    route("PATCH", BY_ID, (req) => edit(ctx, req)),
    route("DELETE", BY_ID, (req) => remove(ctx, req)),
  ];
}

function interaction(ctx: FakeContext, req: RouteRequest): InteractionState {
  if (req.params.app !== ctx.settings.applicationId) throw DiscordErrors.unknownWebhook();
  const state = ctx.interactions.withToken(req.params.token ?? "");
  if (!state || now() - state.dispatchedAt > ctx.settings.interactionTokenTtlMs) throw DiscordErrors.invalidWebhookToken();
  return state;
}

/** The message a webhook message route points at: @original, or a message this interaction created. */
function target(ctx: FakeContext, req: RouteRequest): FakeMessage {
  const state = interaction(ctx, req);
  const id = req.params.id ?? state.originalId;
  const owned = id !== undefined && (id === state.originalId || state.followUpIds.includes(id));
  const message = owned ? ctx.messages.get(id) : undefined;
  if (!message) throw DiscordErrors.unknownMessage();
  return message;
}

function edit(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const message = target(ctx, req);
  return { status: 200, body: toApiMessage(ctx.writer.edit(message, req.body, req.files, req.route)) };
}

function remove(ctx: FakeContext, req: RouteRequest): RouteResponse {
  ctx.messages.delete(target(ctx, req));
  return { status: 204 };
}

function followUp(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const state = interaction(ctx, req);
  const type = state.response?.type;
  if (type === undefined || type === InteractionResponseType.Modal || type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    throw DiscordErrors.unknownWebhook();
  }
  // Discord: at most 5 follow-ups where only the member's install authorized the interaction.
  if (onlyUserInstall(state.place)) {
    if (state.followUpCount >= USER_INSTALL_FOLLOW_UPS) throw DiscordErrors.tooManyFollowUps();
    state.followUpCount += 1;
  }
  const wait = req.query.get("wait") === "true";
  const original = state.originalId ? ctx.messages.get(state.originalId) : undefined;
  let message: FakeMessage;
  if (type === InteractionResponseType.DeferredChannelMessageWithSource && original && (original.flags & MESSAGE_FLAGS.loading) !== 0) {
    // Discord: the first follow-up after a deferred reply replaces the "thinking…" message (keeping its ephemerality).
    const body = { ...asRecord(req.body), flags: undefined };
    message = ctx.writer.edit(original, body, req.files, req.route);
  } else {
    const body = forcedEphemeral(state.place) ? { ...asRecord(req.body), flags: Number(asRecord(req.body).flags ?? 0) | MESSAGE_FLAGS.ephemeral } : req.body;
    message = ctx.writer.create(body, req.files, replyMeta(ctx, state, "follow-up", req.route));
    state.followUpIds.push(message.id);
  }
  return wait ? { status: 200, body: toApiMessage(message) } : { status: 204 };
}
