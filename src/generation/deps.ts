// What starting a job and answering its buttons take from the app; the app's context has all of it.
import type { Logger } from "../log.js";
import type { Catalog } from "../models/index.js";
import type { SettingsRepository } from "../settings/index.js";
import type { UserInstallLimits } from "../usage/index.js";
import type { LedgerRepository } from "../store/ledger.js";
import type { JobRepository } from "./job.js";
import type { MemberPreferences } from "./personal.js";
import type { JobRunner } from "./runner.js";

export interface GenerationDeps {
  log: Logger;
  catalog: Catalog;
  jobs: JobRepository;
  ledger: LedgerRepository;
  /** Each server's settings. */
  settings: SettingsRepository;
  runner: JobRunner;
  /** Each member's own defaults and saved styles. */
  preferences: MemberPreferences;
  /** The operator's limits where no server installed the bot (a member's own install). */
  userInstall: UserInstallLimits;
}
