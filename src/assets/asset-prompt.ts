// What /asset asks the model for: the member's words framed for the kind, so the picture survives Discord's crop and
// size (a subject that reads at 32 pixels for an emoji, a composition that takes a circle for an icon, a wide one for
// a banner) and, where the background goes, a plain background the removal can tell from the subject. The
// instructions are English, the language the models follow best; the member's words are kept as they wrote them.
import type { AssetKind } from "../discord/expression-rules.js";

const framing: Record<AssetKind, string> = {
  emoji:
    "A single custom emoji of the subject below: one bold, simple subject, centred and filling most of the square frame, clean thick outlines and flat colours that still read at 32 pixels; no text, no border.",
  sticker:
    "A sticker illustration of the subject below: one expressive subject, centred with a little room around it, clean outlines and vivid colours; no text, no border, no frame.",
  icon: "A server icon of the subject below: a bold, centred composition that still reads when cropped to a circle and shown small; no text.",
  banner: "A wide banner picture of the subject below: a panoramic composition with the main subject off-centre and calm space around it; no text.",
  cover: "A wide event cover picture of the subject below: a panoramic composition with the subject in the middle band, as the top and bottom may be cropped; no text.",
};

const plainBackground = " Put it on a plain, flat, light background with nothing else in the picture, so that it can be cut out.";

export function assetPrompt(kind: AssetKind, words: string, transparent: boolean): string {
  return `${framing[kind]}${transparent ? plainBackground : ""}\nThe subject: ${words.trim()}`;
}
