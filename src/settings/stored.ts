// Reading a stored settings row field by field: a row an older or newer version wrote, or one edited by hand, keeps
// every field that still fits. A field that does not falls back without loosening the server's limits: a number
// out of range is brought into range, and an unreadable limit whose default is "no limit" (the daily quota and
// budget, the cooldown) becomes its strictest value, so a broken row pauses a server rather than opening it up; an
// admin sees the value in /settings and sets it again. A list keeps its entries that fit; a list of channels or
// premium roles with none left (empty would open the server to all) pauses the server the same way.
import type { z } from "zod";
import { defaultGuildSettings, guildSettingsSchema, type GuildSettings } from "./schema.js";

type Key = keyof GuildSettings;

/** Limits: their range, and which end is the strict one. */
const limits: Partial<Record<Key, { min: number; max: number; strict: "min" | "max"; integer: boolean }>> = {
  dailyImageQuota: { min: 0, max: 10_000, strict: "min", integer: true },
  dailyBudgetUsd: { min: 0, max: 100_000, strict: "min", integer: false },
  cooldownSeconds: { min: 0, max: 86_400, strict: "max", integer: true },
  maxJobsInFlight: { min: 1, max: 50, strict: "min", integer: true },
  premiumCountAbove: { min: 1, max: 4, strict: "min", integer: true },
};

function fallback(key: Key, value: unknown): unknown {
  const limit = limits[key];
  if (limit) {
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof number !== "number" || !Number.isFinite(number)) return limit.strict === "min" ? limit.min : limit.max;
    const rounded = limit.integer ? (limit.strict === "min" ? Math.floor(number) : Math.ceil(number)) : number;
    return Math.min(limit.max, Math.max(limit.min, rounded));
  }
  const field = guildSettingsSchema.shape[key] as z.ZodType;
  if (Array.isArray(value)) {
    // A list of ids: the entries that fit, and no more than the schema's cap (the first ones: a shorter list of
    // channels or premium roles is the stricter one).
    const kept = value.filter((entry) => field.safeParse([entry]).success);
    for (const candidate of [kept, kept.slice(0, listCap)]) {
      const parsed = field.safeParse(candidate);
      if (parsed.success && candidate.length > 0) return parsed.data;
    }
  }
  // Nothing usable: models fall back to none turned on; the channel and premium-role lists have no strict value
  // (empty means open to all), so readStoredSettings pauses the server instead.
  return key === "enabledModels" ? [] : defaultGuildSettings[key];
}

/** The most entries a list setting takes (channels, premium roles). */
const listCap = 25;

/** Lists whose fallback opens the server up: when one of them is unreadable, the daily quota becomes 0. */
const opensWhenLost: readonly Key[] = ["allowedChannelIds", "premiumRoleIds"];

export interface StoredSettings {
  settings: GuildSettings;
  /** The fields that did not fit, for the warning. */
  invalid: Key[];
}

/** Stands for every field of a row whose JSON does not parse at all: none of them fits. */
const unreadable = Symbol("unreadable");

/** The settings in a stored row's JSON (none stored: the defaults), field by field. */
export function readStoredSettings(json: string | undefined): StoredSettings {
  let stored: unknown = {};
  try {
    if (json !== undefined) stored = JSON.parse(json);
  } catch {
    stored = unreadable;
  }
  const record: Record<string, unknown> =
    typeof stored === "object" && stored !== null && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : Object.fromEntries(Object.keys(guildSettingsSchema.shape).map((key) => [key, unreadable]));
  const invalid: Key[] = [];
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(guildSettingsSchema.shape) as Key[]) {
    const field = guildSettingsSchema.shape[key] as z.ZodType;
    const parsed = field.safeParse(record[key]);
    if (parsed.success) {
      settings[key] = parsed.data;
      continue;
    }
    invalid.push(key);
    settings[key] = fallback(key, record[key]);
  }
  if (opensWhenLost.some((key) => invalid.includes(key) && (settings[key] as unknown[]).length === 0)) settings.dailyImageQuota = 0;
  return { settings: guildSettingsSchema.parse(settings), invalid };
}
