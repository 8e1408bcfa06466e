// Text a member (or a model) wrote, shown inside the bot's own messages: on one line, its markdown escaped and its
// writing direction isolated, so it can neither format nor reorder what the bot writes around it.
import { escapeMarkdown } from "discord.js";

const FIRST_STRONG_ISOLATE = "\u2068";
const POP_DIRECTIONAL_ISOLATE = "\u2069";
// Explicit embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): an unmatched one would close
// the isolate early and let an override run on over the bot's own words. Marks (LRM, RLM, ALM) reach no further
// than themselves and stay.
const explicitBidi = /[\u202A-\u202E\u2066-\u2069]/g;

/** Cuts escaped text to `max` characters with an ellipsis, never between a backslash and what it escapes, nor inside a surrogate pair. */
function cut(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let head = escaped.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const trailingBackslashes = /\\*$/.exec(head)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) head = head.slice(0, -1);
  return `${head}…`;
}

/** `text` as a quotation inside the bot's message, at most `max` characters long. */
export function userText(text: string, max: number): string {
  const oneLine = text.replace(explicitBidi, "").replace(/\s+/g, " ").trim();
  const escaped = escapeMarkdown(oneLine, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    // escapeMarkdown leaves a block quote and subtext alone.
    .replace(/^(>|-#)/, "\\$1");
  return `${FIRST_STRONG_ISOLATE}${cut(escaped, max - 2)}${POP_DIRECTIONAL_ISOLATE}`;
}

const ZERO_WIDTH_SPACE = "\u200B";

/**
 * Text written by a model (which may have read it off an image) with nothing in it Discord would make clickable: a
 * zero-width space breaks every "://" (no link) and follows every "<" (no user, role, channel or command mention, no
 * emoji, no timestamp). What it looks like is unchanged.
 */
export function inertText(text: string): string {
  return text.replaceAll("://", `:${ZERO_WIDTH_SPACE}//`).replaceAll("<", `<${ZERO_WIDTH_SPACE}`);
}
