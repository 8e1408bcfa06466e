// English: the source of every message. Each namespace is one feature's words; every other language has the same
// namespaces with the same keys and placeholders (the compiler checks the keys, test/unit/i18n.test.ts the rest).
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

export const messages = { common, assetCommand, assets, catalog, commands, contests, describe, generation, install, job, models, options, preferences, result, settings, usage };
