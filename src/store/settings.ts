// Per-server settings: stored as JSON, always read back through the schema (so new settings get defaults).
import { defaultGuildSettings, guildSettingsSchema, type GuildSettings } from "../settings/schema.js";
import type { Db } from "./database.js";

export interface SettingsRepository {
  get(guildId: string): Promise<GuildSettings>;
  /** Validates and stores the whole settings object; returns what was stored. */
  save(guildId: string, settings: GuildSettings, updatedBy: string): Promise<GuildSettings>;
  /** Reads these servers' settings at once (at start-up), so their first commands find them in memory. */
  preload(guildIds: Iterable<string>): Promise<void>;
}

/** A row an older or newer version wrote that no longer fits (or no longer parses) falls back to the defaults rather than locking the server out. */
function settingsOf(json: string | undefined): GuildSettings {
  let stored: unknown = {};
  try {
    if (json !== undefined) stored = JSON.parse(json);
  } catch {
    return defaultGuildSettings;
  }
  const parsed = guildSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultGuildSettings;
}

export function createSettingsRepository(db: Db, now: () => number = Date.now): SettingsRepository {
  // Read on every command, written rarely, by this process only: kept in memory after the first read. The
  // read itself is kept while it runs, so a burst of a server's first commands reads once.
  const cache = new Map<string, Promise<GuildSettings>>();
  const read = async (guildId: string) => {
    const row = await db.selectFrom("guild_settings").select("settings_json").where("guild_id", "=", guildId).executeTakeFirst();
    return settingsOf(row?.settings_json);
  };
  return {
    get(guildId) {
      let settings = cache.get(guildId);
      if (!settings) {
        settings = read(guildId);
        cache.set(guildId, settings);
        // A failed read is not kept: the next command reads again.
        settings.catch(() => cache.get(guildId) === settings && cache.delete(guildId));
      }
      return settings;
    },
    async save(guildId, settings, updatedBy) {
      const valid = guildSettingsSchema.parse(settings);
      const values = { settings_json: JSON.stringify(valid), updated_by: updatedBy, updated_at: now() };
      await db
        .insertInto("guild_settings")
        .values({ guild_id: guildId, ...values })
        .onConflict((oc) => oc.column("guild_id").doUpdateSet(values))
        .execute();
      cache.set(guildId, Promise.resolve(valid));
      return valid;
    },
    async preload(guildIds) {
      // Only servers that changed a setting have a row: all of them, in one read.
      const rows = await db.selectFrom("guild_settings").select(["guild_id", "settings_json"]).execute();
      const stored = new Map(rows.map((row) => [row.guild_id, row.settings_json]));
      // A read or a save that started meanwhile has the newer word.
      for (const id of guildIds) if (!cache.has(id)) cache.set(id, Promise.resolve(settingsOf(stored.get(id))));
    },
  };
}
