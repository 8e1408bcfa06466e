// Each member's defaults and styles as the store adapter keeps them, read back through this feature's schema; also
// what /imagine and /edit read of them (MemberPreferences).
import type { MemberDefaults, MemberPreferences } from "../generation/index.js";
import type { Logger } from "../log.js";
import type { Db } from "../store/database.js";
import { createPreferencesStore, type PreferencesStore } from "../store/preferences.js";
import { readStoredDefaults } from "./schema.js";

export type PreferencesRepository = PreferencesStore<MemberDefaults> & MemberPreferences;

/** `isFalStorageUrl`: a style's images are read back only from fal storage, where saving one keeps them. */
export function createMemberPreferences(db: Db, isFalStorageUrl: (url: string) => boolean, log: Logger, now?: () => number): PreferencesRepository {
  const store = createPreferencesStore(db, readStoredDefaults, isFalStorageUrl, log, now);
  return { ...store, defaultsOf: (userId) => store.defaults(userId), styleOf: (userId, name) => store.style(userId, name) };
}
