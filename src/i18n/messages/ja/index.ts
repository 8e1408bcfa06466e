import type { Catalog } from "../types.js";
import { catalog } from "./catalog.js";
import { common } from "./common.js";
import { settings } from "./settings.js";
import { contests } from "./contests.js";
import { preferences } from "./preferences.js";
import { usage } from "./usage.js";

export const messages: Catalog = { common, usage, preferences, contests, catalog, settings };
