// A server's scheduled events, and Modify Guild Scheduled Event for what the fake keeps of one: its cover
// (resources/guild-scheduled-event.mdx; an EXTERNAL event's permissions: Manage Events, or Create Events for one the
// bot scheduled itself).
import {
  GatewayIntentBits,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  type APIGuildScheduledEvent,
} from "discord-api-types/v10";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import { imageHash, type GuildAssets } from "../guild-assets.js";
import { botRoute, type RouteDef, type RouteRequest, type RouteResponse } from "../http/router.js";
import type { FakeScheduledEvent } from "../types.js";
import { asRecord } from "../util.js";
import type { World } from "../world.js";
import { FormErrors } from "../validation/form-errors.js";
import { imageData } from "../validation/image-data.js";
import { auditReason, botGuild } from "./guild-access.js";

const EVENTS = "/guilds/:guild/scheduled-events";
const HOUR_MS = 3_600_000;

export function scheduledEventRoutes(ctx: FakeContext): RouteDef[] {
  const payload = (assets: GuildAssets, event: FakeScheduledEvent, req: RouteRequest) =>
    apiScheduledEvent(ctx.world, assets.guildId, event, req.query.get("with_user_count") === "true");
  return [
    botRoute("GET", EVENTS, (req) => {
      const assets = botGuild(ctx, req);
      return { status: 200, body: assets.events.map((event) => payload(assets, event, req)) };
    }),
    botRoute("GET", `${EVENTS}/:event`, (req) => {
      const assets = botGuild(ctx, req);
      return { status: 200, body: payload(assets, scheduledEvent(assets, req), req) };
    }),
    botRoute("PATCH", `${EVENTS}/:event`, (req) => modifyEvent(ctx, req)),
  ];
}

export function apiScheduledEvent(world: World, guildId: string, event: FakeScheduledEvent, withUserCount = false): APIGuildScheduledEvent {
  const creator = event.creatorId === world.botUser.id ? world.botUser : world.apiUser(world.findUser(event.creatorId)!);
  return {
    id: event.id,
    guild_id: guildId,
    channel_id: null,
    creator_id: event.creatorId,
    creator,
    name: event.name,
    description: null,
    scheduled_start_time: event.startsAt,
    scheduled_end_time: new Date(Date.parse(event.startsAt) + HOUR_MS).toISOString(),
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    status: GuildScheduledEventStatus.Scheduled,
    entity_type: GuildScheduledEventEntityType.External,
    entity_id: null,
    entity_metadata: { location: "The town hall" },
    image: event.cover?.hash ?? null,
    recurrence_rule: null,
    ...(withUserCount ? { user_count: 0 } : {}),
  };
}

function scheduledEvent(assets: GuildAssets, req: RouteRequest): FakeScheduledEvent {
  const event = assets.events.find((e) => e.id === req.params.event);
  if (!event) throw DiscordErrors.unknownScheduledEvent();
  return event;
}

/** The cover is replaced (null removes it); other fields are taken and left as they were. */
function modifyEvent(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const assets = botGuild(ctx, req);
  const event = scheduledEvent(assets, req);
  const permissions = ctx.world.botPermissionsIn(assets.guildId);
  const own = event.creatorId === ctx.world.botUser.id;
  const allowed = PermissionFlagsBits.ManageEvents | (own ? PermissionFlagsBits.CreateEvents : 0n);
  if ((permissions & allowed) === 0n) throw DiscordErrors.missingPermissions();
  const body = asRecord(req.body);
  if (body.image !== undefined) {
    const errors = new FormErrors();
    const image = body.image === null ? null : imageData(body.image, ["image"], errors, ["png", "jpeg", "gif"]);
    errors.throwIfAny();
    const reason = auditReason(req);
    event.cover = image ? { hash: imageHash(image.data, image.animated), image: image.data, contentType: image.contentType, ...(reason ? { auditReason: reason } : {}) } : null;
    announceScheduledEvent(ctx, assets, event, "GUILD_SCHEDULED_EVENT_UPDATE");
  }
  return { status: 200, body: apiScheduledEvent(ctx.world, assets.guildId, event) };
}

export function announceScheduledEvent(ctx: FakeContext, assets: GuildAssets, event: FakeScheduledEvent, t: string): void {
  ctx.dispatch(t, apiScheduledEvent(ctx.world, assets.guildId, event), GatewayIntentBits.GuildScheduledEvents);
}
