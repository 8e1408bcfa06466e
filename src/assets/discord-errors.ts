// Discord's refusals of an upload (emoji, sticker, icon, banner, an event's cover) in plain words: the JSON error codes of
// topics/opcodes-and-status-codes.mdx that these endpoints answer, and for an invalid form body the field it names.
import { z } from "zod";
import type { MessageKey, Translate } from "../i18n/index.js";

/** What an API error carries that matters here: discord.js's DiscordAPIError has both. */
export interface ApiErrorLike {
  code: number | string;
  rawError: unknown;
}

// Invalid Form Body: `errors` nests objects by field (and index) down to `_errors: [{ code, message }]`.
const fieldError = z.object({ code: z.string(), message: z.string() });
const formBody = z.object({ errors: z.record(z.string(), z.unknown()) });
const leaf = z.object({ _errors: z.array(fieldError).min(1) });

/** The first field an Invalid Form Body names ("name", "image", …) and Discord's words for what is wrong with it. */
export function invalidField(rawError: unknown): { field: string; message: string } | undefined {
  const parsed = formBody.safeParse(rawError);
  if (!parsed.success) return undefined;
  const walk = (node: unknown, path: string[]): { field: string; message: string } | undefined => {
    const found = leaf.safeParse(node);
    if (found.success) return { field: path.join(".") || "?", message: found.data._errors[0]!.message };
    if (typeof node !== "object" || node === null) return undefined;
    for (const [key, child] of Object.entries(node)) {
      const hit = walk(child, [...path, key]);
      if (hit) return hit;
    }
    return undefined;
  };
  return walk(parsed.data.errors, []);
}

/** Discord's refusals that have words of their own. */
const refusals = new Map<number, MessageKey>([
  [30008, "assets.error.emojiSlotsFull"],
  [30039, "assets.error.stickerSlotsFull"],
  [50013, "assets.error.missingPermissions"],
  [10070, "assets.error.unknownEvent"],
  [50045, "assets.error.fileTooLarge"],
  [50138, "assets.error.emojiTooLarge"],
]);

/** The member's words for Discord's refusal. */
export function uploadErrorText(error: ApiErrorLike, say: Translate): string {
  const known = typeof error.code === "number" ? refusals.get(error.code) : undefined;
  if (known) return say(known);
  if (error.code === 50035) {
    const field = invalidField(error.rawError);
    return field ? say("assets.error.invalidField", { field: field.field, problem: field.message }) : say("assets.error.invalidForm");
  }
  return say("assets.error.other", { code: String(error.code) });
}
