// The images a message carries, for commands that act on a message: image attachments, then embed images.
import type { Embed, Message } from "discord.js";
import { fromAttachment, type InputImage } from "./input-images.js";
import { t, type SupportedLocale } from "../i18n/index.js";

/** `locale`: the language an embedded image is named in, should it need naming to the member. */
export function imagesOfMessage(message: Message, locale: SupportedLocale): InputImage[] {
  const attachments = [...message.attachments.values()]
    .filter((attachment) => attachment.contentType?.toLowerCase().startsWith("image/"))
    .map((attachment) => fromAttachment(attachment.name, attachment));
  const embedded = message.embeds.flatMap(embedImageUrls).map((url, i) => ({ label: t(locale, "generation.image.embedded", { n: i + 1 }), url }));
  const seen = new Set<string>();
  return [...attachments, ...embedded].filter((image) => !seen.has(image.url) && seen.add(image.url));
}

// Discord's media proxy copy is preferred: the original host may refuse other fetchers or be gone by now.
function embedImageUrls(embed: Embed): string[] {
  return [embed.image, embed.thumbnail].flatMap((asset) => {
    const url = asset?.proxyURL ?? asset?.url;
    return url ? [url] : [];
  });
}
