// What the assets' buttons and forms take from the app: generation's (a cutout is a job like any other), and the
// bot's downloads (a result's image to fit, an asset's file to add).
import type { Config } from "../config.js";
import type { GenerationDeps } from "../generation/index.js";
import type { Download } from "../media/download.js";

export interface AssetDeps extends GenerationDeps {
  config: Pick<Config, "DOWNLOAD_TIMEOUT_MS">;
  /** Fetches images, from the hosts the bot downloads from only. */
  download: Download;
}
