import { InteractionResponseType, InteractionType } from "discord-api-types/v10";
import { LIMITS, MESSAGE_FLAGS } from "../constants.js";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";
import { forcedEphemeral } from "../interactions/payloads.js";
import { replyMeta } from "../interactions/replies.js";
import type { InteractionState } from "../interactions/state.js";
import { toApiMessage } from "../messages.js";
import type { FakeMessage } from "../types.js";
import { asArray, asRecord, now, optionalString, type JsonObject } from "../util.js";
import { FormErrors } from "../validation/form-errors.js";
import { validateModal } from "../validation/modal.js";

const ALLOWED: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ApplicationCommandAutocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

export function callbackRoutes(ctx: FakeContext): RouteDef[] {
  return [
    {
      method: "POST",
      template: "/interactions/:id/:token/callback",
      auth: "none",
      bucket: "interaction-callback",
      handle: (req) => respond(ctx, req),
    },
  ];
}

function respond(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const state = ctx.interactions.get(req.params.id ?? "");
  if (!state || state.token !== req.params.token) throw DiscordErrors.unknownInteraction();
  if (state.response) throw DiscordErrors.alreadyAcknowledged();
  if (now() - state.dispatchedAt > ctx.settings.interactionDeadlineMs) throw DiscordErrors.unknownInteraction();
  const body = asRecord(req.body);
  const type = body.type;
  const data = asRecord(body.data);
  const allowed = ALLOWED[state.type] ?? [];
  const canUpdate = state.sourceMessageId !== undefined;
  if (typeof type !== "number" || !allowed.includes(type) || ((type === 6 || type === 7) && !canUpdate)) {
    const errors = new FormErrors();
    errors.add(["type"], "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is not valid for this interaction");
    errors.throwIfAny();
  }
  const message = apply(ctx, state, type as number, forcedEphemeral(state.place) ? ephemeralData(type as number, data) : data, req);
  state.response = { type: type as number, data, at: now() };
  ctx.recorder.events.emit("interaction-response", state);
  if (req.query.get("with_response") !== "true") return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: state.id,
        type: state.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (message.flags & MESSAGE_FLAGS.loading) !== 0,
              response_message_ephemeral: (message.flags & MESSAGE_FLAGS.ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: toApiMessage(message) } : {}) },
    },
  };
}

/** The reply Discord makes ephemeral whatever the app asked (see forcedEphemeral). */
function ephemeralData(type: number, data: JsonObject): JsonObject {
  if (type !== InteractionResponseType.ChannelMessageWithSource && type !== InteractionResponseType.DeferredChannelMessageWithSource) return data;
  const flags = typeof data.flags === "number" ? data.flags : 0;
  return { ...data, flags: flags | MESSAGE_FLAGS.ephemeral };
}

/** Performs the callback; returns the message it created or touched. Validation errors leave the interaction un-acked. */
function apply(ctx: FakeContext, state: InteractionState, type: number, data: JsonObject, req: RouteRequest): FakeMessage | undefined {
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      const message = ctx.writer.create(data, req.files, replyMeta(ctx, state, "interaction", req.route));
      state.originalId = message.id;
      return message;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const flags = typeof data.flags === "number" ? data.flags & MESSAGE_FLAGS.ephemeral : 0;
      const message = ctx.writer.createLoading(replyMeta(ctx, state, "interaction", req.route), flags);
      state.originalId = message.id;
      return message;
    }
    case InteractionResponseType.DeferredMessageUpdate: {
      state.originalId = state.sourceMessageId;
      return sourceMessage(ctx, state);
    }
    case InteractionResponseType.UpdateMessage: {
      const message = ctx.writer.edit(sourceMessage(ctx, state), data, req.files, req.route);
      state.originalId = message.id;
      return message;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      validateChoices(data);
      return undefined;
    case InteractionResponseType.Modal:
      validateModal(data);
      state.modal = data;
      return undefined;
    default:
      return undefined;
  }
}

function sourceMessage(ctx: FakeContext, state: InteractionState): FakeMessage {
  const message = state.sourceMessageId ? ctx.messages.get(state.sourceMessageId) : undefined;
  if (!message) throw DiscordErrors.unknownMessage();
  return message;
}

function validateChoices(data: JsonObject): void {
  const errors = new FormErrors();
  const choices = asArray(data.choices);
  if (choices.length > LIMITS.autocompleteChoices) {
    errors.add(["data", "choices"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.autocompleteChoices} or fewer in length.`);
  }
  choices.forEach((raw, i) => {
    const choice = asRecord(raw);
    const name = optionalString(choice.name);
    if (name === undefined) errors.required(["data", "choices", i, "name"]);
    else errors.lengthBetween(["data", "choices", i, "name"], name, 1, LIMITS.choiceName);
    const value = choice.value;
    if (typeof value === "string") errors.maxLength(["data", "choices", i, "value"], value, LIMITS.choiceValue);
    else if (typeof value !== "number") errors.required(["data", "choices", i, "value"]);
  });
  errors.throwIfAny();
}
