// Each server's settings as the store adapter keeps them, read back through this feature's schema.
import type { Db } from "../store/database.js";
import { createSettingsRepository, type SettingsRepository as StoredSettings } from "../store/settings.js";
import { guildSettingsSchema, type GuildSettings } from "./schema.js";

export type SettingsRepository = StoredSettings<GuildSettings>;

export function createGuildSettings(db: Db, now?: () => number): SettingsRepository {
  return createSettingsRepository(db, guildSettingsSchema, now);
}
