// The services the app hands every command and handler: the union of what each feature asks for in its deps.
// Passed explicitly; there are no module-level singletons. Features never import this file, only the app and
// commands/ do.
import type { AssetDeps } from "./assets/index.js";
import type { Config } from "./config.js";
import type { ContestButtonDeps, ContestEngine } from "./contests/index.js";
import type { FalClient } from "./fal/client.js";
import type { GenerationDeps, RunTimes } from "./generation/index.js";
import type { Catalog } from "./models/index.js";
import type { PreferencesDeps, PreferencesRepository } from "./preferences/index.js";
import type { ContestRepository } from "./store/contests.js";
import type { FormRepository } from "./store/forms.js";

export interface AppContext extends GenerationDeps, ContestButtonDeps, PreferencesDeps, AssetDeps {
  config: Config;
  fal: FalClient;
  catalog: Catalog;
  /** Recent generation times per model, for progress ETAs. */
  runTimes: RunTimes;
  /** Open modals' payloads, by the id in their custom_id. */
  forms: FormRepository;
  contests: ContestRepository;
  /** Contest entries, phases and their timers. */
  contestEngine: ContestEngine;
  /** Members' own defaults and styles (what generation reads of them, and /preferences and /style). */
  preferences: PreferencesRepository;
}
