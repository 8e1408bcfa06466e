// Each server's settings as the store adapter keeps them, read back through this feature's schema.
import type { Logger } from "../log.js";
import type { Db } from "../store/database.js";
import { createSettingsRepository, type SettingsRepository as StoredSettings } from "../store/settings.js";
import { guildSettingsSchema, type GuildSettings } from "./schema.js";
import { readStoredSettings } from "./stored.js";

export type SettingsRepository = StoredSettings<GuildSettings>;

export function createGuildSettings(db: Db, log: Logger, now?: () => number): SettingsRepository {
  return createSettingsRepository(db, { read: readStoredSettings, parse: (value) => guildSettingsSchema.parse(value) }, log, now);
}
