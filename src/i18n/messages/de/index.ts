import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { assetCommand } from "./assetCommand.js";
import { assets } from "./assets.js";
import { catalog } from "./catalog.js";
import { commands } from "./commands.js";
import { contests } from "./contests.js";
import { describe } from "./describe.js";
import { generation } from "./generation.js";
import { install } from "./install.js";
import { job } from "./job.js";
import { models } from "./models.js";
import { options } from "./options.js";
import { preferences } from "./preferences.js";
import { result } from "./result.js";
import { settings } from "./settings.js";
import { usage } from "./usage.js";

export const messages: Catalog = { common, assetCommand, assets, catalog, commands, contests, describe, generation, install, job, models, options, preferences, result, settings, usage };
