// The services a command or handler may use. Passed explicitly; there are no module-level singletons.
import type { Config } from "./config.js";
import type { FalClient } from "./fal/client.js";
import type { RunTimes } from "./jobs/eta.js";
import type { Logger } from "./log.js";
import type { Catalog } from "./models/catalog.js";

export interface AppContext {
  config: Config;
  log: Logger;
  fal: FalClient;
  catalog: Catalog;
  /** Recent generation times per model, for progress ETAs. */
  runTimes: RunTimes;
}
