// A member's own defaults as they are kept, and the limits on their saved styles.
import { z } from "zod";
import type { MemberDefaults } from "../generation/index.js";

/** Discord's autocomplete shows at most 25 choices: a member keeps at most that many styles. */
export const MAX_STYLES = 25;
export const STYLE_NAME_MAX = 32;
export const PROMPT_ADDITION_MAX = 500;
/** Reference images one style keeps. */
export const STYLE_IMAGES_MAX = 3;

/** Each field on its own: a stored row keeps every field that still reads. Ids and values are checked against the catalog when used. */
const fields = {
  imagineModel: z.string().min(1).max(100),
  editModel: z.string().min(1).max(100),
  aspectRatio: z.string().min(1).max(20),
  resolution: z.string().min(1).max(20),
  private: z.boolean(),
} as const;

export const memberDefaultsSchema = z.object(fields).partial();

type Key = keyof typeof fields;

/**
 * The defaults in a stored row's JSON (none stored: none set), field by field. A field that does not read is left
 * unset, which is the server's default: a member's default never loosens anything, so dropping one is always safe.
 */
export function readStoredDefaults(json: string | undefined): { defaults: MemberDefaults; invalid: Key[] } {
  let stored: unknown = {};
  let unreadable = false;
  try {
    if (json !== undefined) stored = JSON.parse(json);
  } catch {
    unreadable = true;
  }
  const record = typeof stored === "object" && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : undefined;
  if (unreadable || !record) return { defaults: {}, invalid: Object.keys(fields) as Key[] };
  const defaults: Record<string, unknown> = {};
  const invalid: Key[] = [];
  for (const key of Object.keys(fields) as Key[]) {
    if (record[key] === undefined) continue;
    const parsed = fields[key].safeParse(record[key]);
    if (parsed.success) defaults[key] = parsed.data;
    else invalid.push(key);
  }
  return { defaults: defaults as MemberDefaults, invalid };
}
