// Per-server settings: stored as JSON, always read back through the schema the caller gives (so new settings get
// defaults).
import type { Db } from "./database.js";

/** How stored settings are checked: a zod schema fits. */
export interface SettingsSchema<Settings> {
  parse(value: unknown): Settings;
  safeParse(value: unknown): { success: true; data: Settings } | { success: false };
}

export interface SettingsRepository<Settings> {
  get(guildId: string): Promise<Settings>;
  /** Validates and stores the whole settings object; returns what was stored. */
  save(guildId: string, settings: Settings, updatedBy: string): Promise<Settings>;
  /** Reads these servers' settings at once (at start-up), so their first commands find them in memory. */
  preload(guildIds: Iterable<string>): Promise<void>;
}

/** A row an older or newer version wrote that no longer fits (or no longer parses) falls back to the defaults rather than locking the server out. */
function settingsOf<Settings>(schema: SettingsSchema<Settings>, defaults: Settings, json: string | undefined): Settings {
  let stored: unknown = {};
  try {
    if (json !== undefined) stored = JSON.parse(json);
  } catch {
    return defaults;
  }
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : defaults;
}

export function createSettingsRepository<Settings>(
  db: Db,
  schema: SettingsSchema<Settings>,
  now: () => number = Date.now,
): SettingsRepository<Settings> {
  const defaults = schema.parse({});
  // Read on every command, written rarely, by this process only: kept in memory after the first read. The
  // read itself is kept while it runs, so a burst of a server's first commands reads once.
  const cache = new Map<string, Promise<Settings>>();
  const read = async (guildId: string) => {
    const row = await db.selectFrom("guild_settings").select("settings_json").where("guild_id", "=", guildId).executeTakeFirst();
    return settingsOf(schema, defaults, row?.settings_json);
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
      const valid = schema.parse(settings);
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
      for (const id of guildIds) if (!cache.has(id)) cache.set(id, Promise.resolve(settingsOf(schema, defaults, stored.get(id))));
    },
  };
}
