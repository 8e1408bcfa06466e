// A server's own images as the fake keeps them: its boost level and the features that come with it, its custom
// emoji and stickers, its icon and banner. The routes in routes/expressions.ts and routes/guild.ts change them.
import { createHash } from "node:crypto";
import { StickerFormatType, StickerType, type APIEmoji, type APISticker, type APIUser } from "discord-api-types/v10";
import { isAnimated } from "./animation.js";
import { snowflake } from "./snowflake.js";
import type { FakeEmoji, FakeGuildImage, FakeScheduledEvent, FakeSticker } from "./types.js";

export type BoostTier = 0 | 1 | 2 | 3;

/** Boosts a server needs for each level (Discord's help centre: 2, 7 and 14). */
const BOOSTS_FOR_TIER = [0, 2, 7, 14] as const;

/** The features a boost level brings, as far as the fake's rules go. */
function featuresOfTier(tier: BoostTier): string[] {
  return [...(tier >= 1 ? ["ANIMATED_ICON"] : []), ...(tier >= 2 ? ["BANNER"] : []), ...(tier >= 3 ? ["ANIMATED_BANNER"] : [])];
}

/** Discord's hash of an uploaded image: 32 hex digits, "a_" first for an animated one. */
export function imageHash(data: Buffer, animated: boolean): string {
  return `${animated ? "a_" : ""}${createHash("md5").update(data).update(snowflake()).digest("hex")}`;
}

/** A 1×1 transparent PNG: the bytes of emoji and stickers a test only needs to exist. */
const FILLER_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

export class GuildAssets {
  premiumTier: BoostTier = 0;
  features: string[] = [];
  readonly emojis: FakeEmoji[] = [];
  readonly stickers: FakeSticker[] = [];
  readonly events: FakeScheduledEvent[] = [];
  icon: FakeGuildImage | null = null;
  banner: FakeGuildImage | null = null;

  constructor(
    readonly guildId: string,
    private readonly author: APIUser,
  ) {}

  setBoost(tier: BoostTier): void {
    this.premiumTier = tier;
    this.features = featuresOfTier(tier);
  }

  get boosts(): number {
    return BOOSTS_FOR_TIER[this.premiumTier];
  }

  /** Custom emoji of one kind (static or animated: each has its own slots). */
  emojiCount(animated: boolean): number {
    return this.emojis.filter((e) => e.animated === animated).length;
  }

  /** Static emoji and stickers put there before the test, as members' uploads. */
  fill(kind: "emojis" | "stickers", count: number): void {
    for (let i = 0; i < count; i++) {
      const id = snowflake();
      const image = FILLER_PNG;
      if (kind === "emojis") this.emojis.push({ id, name: `filler_${this.emojis.length + 1}`, animated: false, roles: [], image, contentType: "image/png" });
      else this.stickers.push({ id, name: `filler ${this.stickers.length + 1}`, description: "", tags: "smile", image, contentType: "image/png" });
    }
  }

  apiEmoji(emoji: FakeEmoji): APIEmoji {
    return { id: emoji.id, name: emoji.name, roles: emoji.roles, user: this.author, require_colons: true, managed: false, animated: emoji.animated, available: true };
  }

  apiSticker(sticker: FakeSticker): APISticker {
    return {
      id: sticker.id,
      name: sticker.name,
      description: sticker.description === "" ? null : sticker.description,
      tags: sticker.tags,
      type: StickerType.Guild,
      format_type: stickerFormat(sticker),
      available: true,
      guild_id: this.guildId,
      user: this.author,
    };
  }
}

function stickerFormat(sticker: FakeSticker): StickerFormatType {
  if (sticker.contentType === "image/gif") return StickerFormatType.GIF;
  return isAnimated(sticker.image) ? StickerFormatType.APNG : StickerFormatType.PNG;
}
