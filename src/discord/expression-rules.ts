// Discord's rules for the images a server shows as its own: custom emoji, stickers, the server icon, the banner and
// an event's cover. From Discord's developer docs (discord-api-docs: resources/emoji.mdx "Create Guild Emoji",
// resources/sticker.mdx "Create Guild Sticker", resources/guild.mdx "Modify Guild" and the BANNER feature,
// resources/guild-scheduled-event.mdx, topics/permissions.mdx, topics/opcodes-and-status-codes.mdx); where the docs
// are silent (slots per boost level, the banner's and cover's smallest sizes, icon and banner bytes), from Discord's
// help centre, as its apps apply them.
import { PermissionFlagsBits } from "discord.js";
import type { MessageKey } from "../i18n/index.js";

export const assetKinds = ["emoji", "sticker", "icon", "banner", "cover"] as const;
export type AssetKind = (typeof assetKinds)[number];

export function isAssetKind(value: string | undefined): value is AssetKind {
  return (assetKinds as readonly (string | undefined)[]).includes(value);
}

export type AssetFormat = "png" | "jpeg";

export interface AssetRule {
  /** The shape, width : height. */
  aspect: readonly [number, number];
  /** The width falcord makes: at least `minWidth` (a smaller image is enlarged), at most `maxWidth`. */
  minWidth: number;
  maxWidth: number;
  /** The largest file Discord takes. */
  maxBytes: number;
  /** The formats Discord takes, the preferred first (PNG keeps transparency). */
  formats: readonly AssetFormat[];
  /** Whether the background may be removed, leaving the subject on transparency (emoji and stickers). */
  transparency: boolean;
  /** The aspect ratios to ask a model for, the best first: the image is then cropped to `aspect`. */
  ask: readonly string[];
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const assetRules: Record<AssetKind, AssetRule> = {
  // "Emojis and animated emojis have a maximum file size of 256 KiB"; Discord shows them at 128 × 128 at most.
  emoji: { aspect: [1, 1], minWidth: 128, maxWidth: 128, maxBytes: 256 * KiB, formats: ["png"], transparency: true, ask: ["1:1"] },
  // "must be a PNG, APNG, GIF, or Lottie JSON file, max 512 KiB"; "constrained to … 320 x 320 pixels".
  sticker: { aspect: [1, 1], minWidth: 320, maxWidth: 320, maxBytes: 512 * KiB, formats: ["png"], transparency: true, ask: ["1:1"] },
  // Modify Guild: "base64 1024x1024 png/jpeg/gif image for the guild icon"; the apps take files up to 10 MB.
  icon: { aspect: [1, 1], minWidth: 1024, maxWidth: 1024, maxBytes: 10 * MiB, formats: ["png", "jpeg"], transparency: false, ask: ["1:1"] },
  // Modify Guild: "16:9 png/jpeg image for the guild banner"; the apps ask for at least 960 × 540.
  banner: { aspect: [16, 9], minWidth: 960, maxWidth: 1920, maxBytes: 10 * MiB, formats: ["png", "jpeg"], transparency: false, ask: ["16:9"] },
  // An event's cover shows at 5 : 2; the apps ask for at least 800 × 320. 21:9 loses the least to the crop.
  cover: { aspect: [5, 2], minWidth: 800, maxWidth: 1600, maxBytes: 10 * MiB, formats: ["png", "jpeg"], transparency: false, ask: ["21:9", "16:9"] },
};

/** The file name an asset of this kind goes by, in a result and on upload. */
export function assetFileName(kind: AssetKind, format: AssetFormat): string {
  return `${kind}.${format === "jpeg" ? "jpg" : "png"}`;
}

/**
 * What a member (and the bot) must be allowed to do for each kind: creating emoji and stickers takes Create
 * Expressions (Administrator implies every permission); the icon and banner are the server's settings (Manage
 * Server); an event's cover is set on an event, any of the server's (Manage Events).
 */
export const assetPermission: Record<AssetKind, bigint> = {
  emoji: PermissionFlagsBits.CreateGuildExpressions,
  sticker: PermissionFlagsBits.CreateGuildExpressions,
  icon: PermissionFlagsBits.ManageGuild,
  banner: PermissionFlagsBits.ManageGuild,
  cover: PermissionFlagsBits.ManageEvents,
};

/** Each permission an asset takes, by the name Discord's apps show for it (a message in every language). */
const permissionNames = new Map<bigint, MessageKey>([
  [PermissionFlagsBits.CreateGuildExpressions, "assets.permission.createExpressions"],
  [PermissionFlagsBits.ManageGuild, "assets.permission.manageServer"],
  [PermissionFlagsBits.ManageEvents, "assets.permission.manageEvents"],
]);

/** The message naming the permission, as Discord shows it. */
export function permissionName(permission: bigint): MessageKey {
  const key = permissionNames.get(permission);
  if (!key) throw new Error(`no name for permission ${permission}`);
  return key;
}

/** Custom emoji a server may have, static and animated counted apart, by boost level (premium tier 0–3). */
export const emojiSlotsByTier = [50, 100, 150, 250] as const;
/** Stickers a server may have, by boost level ("five free sticker slots by default"). */
export const stickerSlotsByTier = [5, 15, 30, 60] as const;

/** An emoji's name: 2 to 32 letters, digits and underscores. */
export const emojiNamePattern = /^[A-Za-z0-9_]{2,32}$/;
/** A sticker's name is 2–30 characters, its description empty or 2–100, its tags (a related emoji's name) at most 200. */
export const stickerNameLength = { min: 2, max: 30 } as const;
export const stickerDescriptionLength = { min: 2, max: 100 } as const;
export const stickerTagsMaxLength = 200;

/** A server shows a banner only with the BANNER feature (boost level 2, or a verified or partnered server). */
export const bannerFeature = "BANNER";
