// A server's custom emoji and stickers: listing them, and uploading new ones as Discord checks an upload
// (resources/emoji.mdx "Create Guild Emoji", resources/sticker.mdx "Create Guild Sticker").
import { GatewayIntentBits, PermissionFlagsBits } from "discord-api-types/v10";
import {
  emojiNamePattern,
  emojiSlotsByTier,
  stickerDescriptionLength,
  stickerNameLength,
  stickerSlotsByTier,
  stickerTagsMaxLength,
} from "../../../../src/discord/expression-rules.js";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { GuildAssets } from "../guild-assets.js";
import { botRoute, type RouteDef, type RouteRequest, type RouteResponse } from "../http/router.js";
import { imageSize } from "../image-size.js";
import { snowflake } from "../snowflake.js";
import { asRecord } from "../util.js";
import { FormErrors } from "../validation/form-errors.js";
import { contentTypeOf, imageData, imageFormat, type DecodedImage } from "../validation/image-data.js";
import { auditReason, botGuild, requireBotPermission } from "./guild-access.js";

const KiB = 1024;
/** "Emojis and animated emojis have a maximum file size of 256 KiB." */
export const EMOJI_MAX_BYTES = 256 * KiB;
/** A sticker's file: "max 512 KiB". */
export const STICKER_MAX_BYTES = 512 * KiB;
/** "Uploaded stickers are constrained to … 320 x 320 pixels": the fake takes only that size, not one to resize. */
export const STICKER_SIDE = 320;

export function expressionRoutes(ctx: FakeContext): RouteDef[] {
  return [
    ...readRoutes(ctx, "emojis", (assets) => assets.emojis, (assets, emoji) => assets.apiEmoji(emoji), DiscordErrors.unknownEmoji),
    botRoute("POST", "/guilds/:guild/emojis", (req) => createEmoji(ctx, req)),
    ...readRoutes(ctx, "stickers", (assets) => assets.stickers, (assets, sticker) => assets.apiSticker(sticker), DiscordErrors.unknownSticker),
    botRoute("POST", "/guilds/:guild/stickers", (req) => createSticker(ctx, req)),
  ];
}

/** GET of a guild's whole list, and of one of it by id (an unknown id answers `unknown`'s 404). */
function readRoutes<T extends { id: string }>(
  ctx: FakeContext,
  list: string,
  items: (assets: GuildAssets) => T[],
  toApi: (assets: GuildAssets, item: T) => unknown,
  unknown: () => Error,
): RouteDef[] {
  return [
    botRoute("GET", `/guilds/:guild/${list}`, (req) => {
      const assets = botGuild(ctx, req);
      return { status: 200, body: items(assets).map((item) => toApi(assets, item)) };
    }),
    botRoute("GET", `/guilds/:guild/${list}/:id`, (req) => {
      const assets = botGuild(ctx, req);
      const item = items(assets).find((i) => i.id === req.params.id);
      if (!item) throw unknown();
      return { status: 200, body: toApi(assets, item) };
    }),
  ];
}

/** GUILD_EMOJIS_UPDATE / GUILD_STICKERS_UPDATE carry the guild's whole list, to a bot with the expressions intent. */
export function announceEmojis(ctx: FakeContext, assets: GuildAssets): void {
  ctx.dispatch("GUILD_EMOJIS_UPDATE", { guild_id: assets.guildId, emojis: assets.emojis.map((e) => assets.apiEmoji(e)) }, GatewayIntentBits.GuildExpressions);
}

export function announceStickers(ctx: FakeContext, assets: GuildAssets): void {
  ctx.dispatch("GUILD_STICKERS_UPDATE", { guild_id: assets.guildId, stickers: assets.stickers.map((s) => assets.apiSticker(s)) }, GatewayIntentBits.GuildExpressions);
}

function createEmoji(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const assets = botGuild(ctx, req);
  requireBotPermission(ctx, assets.guildId, PermissionFlagsBits.CreateGuildExpressions);
  const body = asRecord(req.body);
  const errors = new FormErrors();
  const { name } = body;
  if (typeof name !== "string") errors.required(["name"]);
  else if (name.length < 2 || name.length > 32) errors.lengthBetween(["name"], name, 2, 32);
  else if (!emojiNamePattern.test(name)) errors.add(["name"], "STRING_TYPE_REGEX", "String value did not match validation regex.");
  let image: DecodedImage | undefined;
  if (body.image === undefined || body.image === null) errors.required(["image"]);
  else image = imageData(body.image, ["image"], errors, ["png", "jpeg", "gif"]);
  const roles = emojiRoles(ctx, assets.guildId, body.roles, errors);
  errors.throwIfAny();
  if (!image || typeof name !== "string") throw new Error("fake discord: unreachable after form checks");
  if (image.data.length > EMOJI_MAX_BYTES) throw DiscordErrors.assetTooLarge(EMOJI_MAX_BYTES);
  if (assets.emojiCount(image.animated) >= emojiSlotsByTier[assets.premiumTier]) throw DiscordErrors.maxEmojis();
  const reason = auditReason(req);
  const emoji = { id: snowflake(), name, animated: image.animated, roles, image: image.data, contentType: image.contentType, ...(reason ? { auditReason: reason } : {}) };
  assets.emojis.push(emoji);
  announceEmojis(ctx, assets);
  return { status: 201, body: assets.apiEmoji(emoji) };
}

/** The roles that may use an emoji: none given is everyone; each must be a role of the guild. */
function emojiRoles(ctx: FakeContext, guildId: string, value: unknown, errors: FormErrors): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(["roles"], "BASE_TYPE_ARRAY", "Must be an array.");
    return [];
  }
  const known = new Set(ctx.world.rolesOf(guildId).map((r) => r.id));
  value.forEach((id, i) => {
    if (typeof id !== "string" || !known.has(id)) errors.add(["roles", i], "SNOWFLAKE_TYPE_INVALID", "Value is not a role of this guild.");
  });
  return value.filter((id): id is string => typeof id === "string");
}

/** A multipart form: name, description, tags as plain fields (discord.js appends them so), the image as `file`. */
function createSticker(ctx: FakeContext, req: RouteRequest): RouteResponse {
  const assets = botGuild(ctx, req);
  requireBotPermission(ctx, assets.guildId, PermissionFlagsBits.CreateGuildExpressions);
  const fields = asRecord(req.body);
  const errors = new FormErrors();
  const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
  const name = text("name");
  const description = text("description") ?? "";
  const tags = text("tags");
  if (name === undefined) errors.required(["name"]);
  else errors.lengthBetween(["name"], name, stickerNameLength.min, stickerNameLength.max);
  if (description !== "") errors.lengthBetween(["description"], description, stickerDescriptionLength.min, stickerDescriptionLength.max);
  if (tags === undefined || tags === "") errors.required(["tags"]);
  else errors.maxLength(["tags"], tags, stickerTagsMaxLength);
  const file = req.files.find((f) => f.field === "file");
  if (!file) errors.required(["file"]);
  errors.throwIfAny();
  if (!file || name === undefined || tags === undefined) throw new Error("fake discord: unreachable after form checks");
  if (file.data.length > STICKER_MAX_BYTES) throw DiscordErrors.fileTooLarge();
  // PNG (APNG too) or GIF, whatever the part's label; Lottie JSON only for verified or partnered servers, which the fake has none of.
  const format = imageFormat(file.data);
  const size = imageSize(file.data);
  if ((format !== "png" && format !== "gif") || size?.width !== STICKER_SIDE || size.height !== STICKER_SIDE) throw DiscordErrors.invalidFile();
  if (assets.stickers.length >= stickerSlotsByTier[assets.premiumTier]) throw DiscordErrors.maxStickers();
  const reason = auditReason(req);
  const sticker = { id: snowflake(), name, description, tags, image: file.data, contentType: contentTypeOf(format), ...(reason ? { auditReason: reason } : {}) };
  assets.stickers.push(sticker);
  announceStickers(ctx, assets);
  return { status: 201, body: assets.apiSticker(sticker) };
}
