// Each member's defaults and styles as the store adapter keeps them, read back through this feature's schema; also
// what /imagine and /edit read of them (MemberPreferences).
import type { MemberDefaults, MemberPreferences } from "../generation/index.js";
import type { Logger } from "../log.js";
import type { Db } from "../store/database.js";
import { createPreferencesStore, type PreferencesStore } from "../store/preferences.js";
import { readStoredDefaults } from "./schema.js";

export type PreferencesRepository = PreferencesStore<MemberDefaults> & MemberPreferences;

export function createMemberPreferences(db: Db, log: Logger, now?: () => number): PreferencesRepository {
  const store = createPreferencesStore(db, readStoredDefaults, log, now);
  return { ...store, defaultsOf: (userId) => store.defaults(userId), styleOf: (userId, name) => store.style(userId, name) };
}
