// Whether the server has room for an asset of a kind: a free emoji or sticker slot at its boost level, and a banner only
// where it may show one. Read fresh from Discord (a boost, an emoji added in the app since). A server with Discord's
// extra slots (MORE_EMOJI, MORE_STICKERS) has more than its level gives: Discord itself answers there (30008, 30039).
import type { Guild } from "discord.js";
import { bannerFeature, emojiSlotsByTier, stickerSlotsByTier, type AssetKind } from "../discord/expression-rules.js";
import type { MessageKey } from "../i18n/index.js";

export type Room = { ok: true } | { ok: false; message: MessageKey; values: { slots?: number; tier: number } };

const moreEmoji = "MORE_EMOJI";
const moreStickers = "MORE_STICKERS";

export async function roomFor(guild: Guild, kind: AssetKind): Promise<Room> {
  if (kind !== "emoji" && kind !== "sticker" && kind !== "banner") return { ok: true };
  const fresh = await guild.fetch();
  const tier = fresh.premiumTier;
  // Discord sends features its typings do not all name (MORE_EMOJI is not documented): read them as the strings they are.
  const features: readonly string[] = fresh.features;
  if (kind === "banner") return features.includes(bannerFeature) ? { ok: true } : { ok: false, message: "assets.add.bannerNeedsBoost", values: { tier } };
  if (kind === "emoji") {
    if (features.includes(moreEmoji)) return { ok: true };
    const slots = emojiSlotsByTier[tier] ?? emojiSlotsByTier[0];
    const used = (await guild.emojis.fetch()).filter((emoji) => !emoji.animated).size;
    return used < slots ? { ok: true } : { ok: false, message: "assets.add.emojiSlotsFull", values: { slots, tier } };
  }
  if (features.includes(moreStickers)) return { ok: true };
  const slots = stickerSlotsByTier[tier] ?? stickerSlotsByTier[0];
  const used = (await guild.stickers.fetch()).size;
  return used < slots ? { ok: true } : { ok: false, message: "assets.add.stickerSlotsFull", values: { slots, tier } };
}
