// The guild object, and Modify Guild for what the fake keeps of it: the icon and banner (resources/guild.mdx
// "Modify Guild"; the BANNER, ANIMATED_ICON and ANIMATED_BANNER features).
import { GatewayIntentBits, PermissionFlagsBits } from "discord-api-types/v10";
import type { FakeContext } from "../context.js";
import { guildPayload } from "../gateway/payloads.js";
import { imageHash, type GuildAssets } from "../guild-assets.js";
import { botRoute, type RouteDef, type RouteRequest, type RouteResponse } from "../http/router.js";
import type { FakeGuildImage } from "../types.js";
import { asRecord } from "../util.js";
import { FormErrors } from "../validation/form-errors.js";
import { imageData, type ImageFormat } from "../validation/image-data.js";
import { auditReason, botGuild, requireBotPermission } from "./guild-access.js";

/** "base64 1024x1024 png/jpeg/gif image for the guild icon": the fake takes a square no larger than that, not one to crop. */
export const ICON_MAX_SIDE = 1024;

export function guildRoutes(ctx: FakeContext): RouteDef[] {
  return [
    botRoute("GET", "/guilds/:guild", (req) => ({ status: 200, body: guildPayload(ctx.world, botGuild(ctx, req).guildId) })),
    botRoute("PATCH", "/guilds/:guild", (req) => modifyGuild(ctx, req)),
  ];
}

/** GUILD_UPDATE with the guild object, to a bot with the Guilds intent. */
export function announceGuild(ctx: FakeContext, guildId: string): void {
  ctx.dispatch("GUILD_UPDATE", guildPayload(ctx.world, guildId), GatewayIntentBits.Guilds);
}

/** Each given image replaces the old one; null removes it. Other fields are taken and left as they were. */
function modifyGuild(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const assets = botGuild(ctx, req);
  requireBotPermission(ctx, assets.guildId, PermissionFlagsBits.ManageGuild);
  const body = asRecord(req.body);
  const errors = new FormErrors();
  const reason = auditReason(req);
  const icon = body.icon === undefined ? undefined : iconOf(assets, body.icon, errors, reason);
  const banner = body.banner === undefined ? undefined : bannerOf(assets, body.banner, errors, reason);
  errors.throwIfAny();
  if (icon !== undefined) assets.icon = icon;
  if (banner !== undefined) assets.banner = banner;
  if (icon !== undefined || banner !== undefined) announceGuild(ctx, assets.guildId);
  return { status: 200, body: guildPayload(ctx.world, assets.guildId) };
}

function iconOf(assets: GuildAssets, value: unknown, errors: FormErrors, reason: string | undefined): FakeGuildImage | null | undefined {
  if (value === null) return null;
  const image = imageData(value, ["icon"], errors, ["png", "jpeg", "gif"]);
  if (!image) return undefined;
  const { width, height } = image.size;
  if (width !== height || width > ICON_MAX_SIDE) {
    errors.add(["icon"], "IMAGE_INVALID", `The icon must be square and at most ${ICON_MAX_SIDE}x${ICON_MAX_SIDE}.`);
  } else if (image.animated && !assets.features.includes("ANIMATED_ICON")) {
    errors.add(["icon"], "ANIMATED_ICON_FEATURE_REQUIRED", "An animated icon needs the ANIMATED_ICON feature.");
  } else return stored(image.data, image.contentType, image.animated, reason);
  return undefined;
}

/** A banner needs the BANNER feature to set (not to remove); "16:9 png/jpeg", a GIF only with ANIMATED_BANNER. */
function bannerOf(assets: GuildAssets, value: unknown, errors: FormErrors, reason: string | undefined): FakeGuildImage | null | undefined {
  if (value === null) return null;
  if (!assets.features.includes("BANNER")) {
    errors.add(["banner"], "BANNER_FEATURE_REQUIRED", "The server needs the BANNER feature (boost level 2) for a banner.");
    return undefined;
  }
  const formats: ImageFormat[] = assets.features.includes("ANIMATED_BANNER") ? ["png", "jpeg", "gif"] : ["png", "jpeg"];
  const image = imageData(value, ["banner"], errors, formats);
  return image ? stored(image.data, image.contentType, image.animated, reason) : undefined;
}

function stored(image: Buffer, contentType: string, animated: boolean, reason: string | undefined): FakeGuildImage {
  return { hash: imageHash(image, animated), image, contentType, ...(reason ? { auditReason: reason } : {}) };
}
