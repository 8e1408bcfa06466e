// The services a command or handler may use. Passed explicitly; there are no module-level singletons.
import type { Config } from "./config.js";
import type { ContestEngine } from "./contests/engine.js";
import type { FalClient } from "./fal/client.js";
import type { RunTimes } from "./generation/eta.js";
import type { JobRunner } from "./generation/runner.js";
import type { Logger } from "./log.js";
import type { Catalog } from "./models/catalog.js";
import type { ContestRepository } from "./store/contests.js";
import type { FormRepository } from "./store/forms.js";
import type { JobRepository } from "./store/jobs.js";
import type { LedgerRepository } from "./store/ledger.js";
import type { SettingsRepository } from "./store/settings.js";

export interface AppContext {
  config: Config;
  log: Logger;
  fal: FalClient;
  catalog: Catalog;
  /** Recent generation times per model, for progress ETAs. */
  runTimes: RunTimes;
  jobs: JobRepository;
  /** Open modals' payloads, by the id in their custom_id. */
  forms: FormRepository;
  /** Per-server policy. */
  settings: SettingsRepository;
  /** Reserved and settled cost per job. */
  ledger: LedgerRepository;
  runner: JobRunner;
  contests: ContestRepository;
  /** Contest entries, phases and their timers. */
  contestEngine: ContestEngine;
}
