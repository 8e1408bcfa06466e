// Per-server settings: stored as JSON, always read back through the codec the caller gives (so new settings get
// defaults, and a row that no longer fits keeps what still does).
import type { Logger } from "../log.js";
import type { Db } from "./database.js";

/** How stored settings are read and checked. */
export interface SettingsCodec<Settings> {
  /** A stored row's JSON (undefined: none stored), with the names of the fields that did not fit. */
  read(json: string | undefined): { settings: Settings; invalid: readonly string[] };
  /** Checks settings about to be stored; throws when they do not fit. */
  parse(value: unknown): Settings;
}

export interface SettingsRepository<Settings> {
  get(guildId: string): Promise<Settings>;
  /** Validates and stores the whole settings object; returns what was stored. */
  save(guildId: string, settings: Settings, updatedBy: string): Promise<Settings>;
  /**
   * Reads the server's settings, hands them to `edit` and stores what it returns (nothing when it returns
   * undefined); one server's updates run one after another, so two admins' changes at once both land.
   */
  update(guildId: string, updatedBy: string, edit: (current: Settings) => Settings | undefined): Promise<Settings>;
  /** Reads these servers' settings at once (at start-up), so their first commands find them in memory. */
  preload(guildIds: Iterable<string>): Promise<void>;
}

export function createSettingsRepository<Settings>(
  db: Db,
  codec: SettingsCodec<Settings>,
  log: Logger,
  now: () => number = Date.now,
): SettingsRepository<Settings> {
  // Read on every command, written rarely, by this process only: kept in memory after the first read. The
  // read itself is kept while it runs, so a burst of a server's first commands reads once.
  const cache = new Map<string, Promise<Settings>>();
  /** Each server's last update, which the next one waits for. */
  const updates = new Map<string, Promise<unknown>>();
  const settingsOf = (guildId: string, json: string | undefined) => {
    const { settings, invalid } = codec.read(json);
    if (invalid.length) {
      log.warn({ guild: guildId, fields: invalid }, "stored settings did not fit; kept the rest, these fell back without loosening a limit");
    }
    return settings;
  };
  const read = async (guildId: string) => {
    const row = await db.selectFrom("guild_settings").select("settings_json").where("guild_id", "=", guildId).executeTakeFirst();
    return settingsOf(guildId, row?.settings_json);
  };
  const repository: SettingsRepository<Settings> = {
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
      const valid = codec.parse(settings);
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
      for (const id of guildIds) if (!cache.has(id)) cache.set(id, Promise.resolve(settingsOf(id, stored.get(id))));
    },
    update(guildId, updatedBy, edit) {
      const run = async () => {
        const current = await repository.get(guildId);
        const next = edit(current);
        return next === undefined ? current : repository.save(guildId, next, updatedBy);
      };
      const done = (updates.get(guildId) ?? Promise.resolve()).then(run, run);
      updates.set(guildId, done);
      void done.finally(() => updates.get(guildId) === done && updates.delete(guildId)).catch(() => {});
      return done;
    },
  };
  return repository;
}
