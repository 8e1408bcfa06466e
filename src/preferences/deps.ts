// What /preferences and /style take from the app.
import type { FalClient } from "../fal/client.js";
import type { Logger } from "../log.js";
import type { Download } from "../media/download.js";
import type { Catalog } from "../models/index.js";
import type { SettingsRepository } from "../settings/index.js";
import type { PreferencesRepository } from "./store.js";

export interface PreferencesDeps {
  log: Logger;
  catalog: Catalog;
  /** Each server's settings: the bounds a member's defaults apply within. */
  settings: SettingsRepository;
  preferences: PreferencesRepository;
  /** Keeps styles' images on fal storage. */
  fal: FalClient;
  /** Whether a link is on fal storage (where a style's images are kept). */
  isFalStorageUrl: (url: string) => boolean;
  /** Fetches attachments, from the hosts the bot downloads from only. */
  download: Download;
}
