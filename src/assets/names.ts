// An asset's name and a sticker's fields: the suggestion made from the prompt (the form shows it, the member may change
// it) and the checks against Discord's rules before anything is sent.
import {
  emojiNamePattern,
  stickerDescriptionLength,
  stickerNameLength,
  stickerTagsMaxLength,
} from "../discord/expression-rules.js";

const emojiNameMax = 32;

/** The prompt's words in plain letters: accents dropped, anything else a separator. */
function asciiWords(prompt: string): string[] {
  return prompt
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words joined by `separator`, as many whole words as fit in `max` characters (the first word cut if it alone is longer). */
function joinWithin(words: readonly string[], separator: string, max: number): string {
  let name = "";
  for (const word of words) {
    const next = name ? `${name}${separator}${word}` : word;
    if (next.length > max) return name || word.slice(0, max);
    name = next;
  }
  return name;
}

/** An emoji name from the prompt: its words in letters, digits and underscores, 2–32 long; "emoji" when none fit. */
export function suggestEmojiName(prompt: string): string {
  const name = joinWithin(asciiWords(prompt), "_", emojiNameMax);
  return emojiNamePattern.test(name) ? name : "emoji";
}

/** A sticker name from the prompt: its first words as written, 2–30 characters; "sticker" when too short. */
export function suggestStickerName(prompt: string): string {
  const name = joinWithin(prompt.trim().split(/\s+/), " ", stickerNameLength.max);
  return name.length >= stickerNameLength.min ? name : "sticker";
}

export function isEmojiName(name: string): boolean {
  return emojiNamePattern.test(name);
}

export interface StickerFields {
  name: string;
  /** The related emoji: a Unicode emoji or its name ("smile"), Discord's `tags`. */
  tags: string;
  description: string;
}

export type StickerProblem = "name" | "tags" | "description";

/** The fields as sent: trimmed, a related emoji's name without its colons (":smile:" → "smile"). */
export function cleanStickerFields(fields: StickerFields): StickerFields {
  return {
    name: fields.name.trim(),
    tags: fields.tags.trim().replace(/^:(.+):$/u, "$1"),
    description: fields.description.trim(),
  };
}

/** What breaks Discord's rules in a sticker's fields (already cleaned), the first found. */
export function stickerProblem({ name, tags, description }: StickerFields): StickerProblem | undefined {
  if (name.length < stickerNameLength.min || name.length > stickerNameLength.max) return "name";
  if (tags.length < 1 || tags.length > stickerTagsMaxLength) return "tags";
  if (description !== "" && (description.length < stickerDescriptionLength.min || description.length > stickerDescriptionLength.max)) return "description";
  return undefined;
}
