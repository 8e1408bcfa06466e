// Per-server settings: stored as JSON, always read back through the schema (so new settings get defaults).
import { defaultGuildSettings, guildSettingsSchema, type GuildSettings } from "../policy/settings.js";
import type { Db } from "./database.js";

export interface SettingsRepository {
  get(guildId: string): Promise<GuildSettings>;
  /** Validates and stores the whole settings object; returns what was stored. */
  save(guildId: string, settings: GuildSettings, updatedBy: string): Promise<GuildSettings>;
}

export function createSettingsRepository(db: Db, now: () => number = Date.now): SettingsRepository {
  // Read on every command, written rarely, by this process only: kept in memory after the first read.
  const cache = new Map<string, GuildSettings>();
  return {
    async get(guildId) {
      const cached = cache.get(guildId);
      if (cached) return cached;
      const row = await db.selectFrom("guild_settings").select("settings_json").where("guild_id", "=", guildId).executeTakeFirst();
      const parsed = guildSettingsSchema.safeParse(row ? JSON.parse(row.settings_json) : {});
      // A row an older or newer version wrote that no longer fits falls back to the defaults rather than locking the server out.
      const settings = parsed.success ? parsed.data : defaultGuildSettings;
      cache.set(guildId, settings);
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
      cache.set(guildId, valid);
      return valid;
    },
  };
}
