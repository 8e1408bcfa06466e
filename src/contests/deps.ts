// What the contest machinery (entries, phases, schedule) takes from the app.
import type { Client } from "discord.js";
import type { JobRepository } from "../generation/index.js";
import type { Logger } from "../log.js";
import type { Download } from "../media/download.js";
import type { Catalog } from "../models/index.js";
import type { ContestRepository } from "../store/contests.js";

export interface ContestDeps {
  client: Client;
  contests: ContestRepository;
  jobs: JobRepository;
  catalog: Catalog;
  log: Logger;
  /** Fetches entry images, from the hosts the bot downloads from only. */
  download: Download;
  now?: () => number;
}
