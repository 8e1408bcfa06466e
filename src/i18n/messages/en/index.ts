// English: the source of every message. Each namespace is one feature's words; every other language has the same
// namespaces with the same keys and placeholders (the compiler checks the keys, test/unit/i18n.test.ts the rest).
import { catalog } from "./catalog.js";
import { common } from "./common.js";
import { settings } from "./settings.js";
import { contests } from "./contests.js";
import { preferences } from "./preferences.js";
import { usage } from "./usage.js";

export const messages = { common, usage, preferences, contests, catalog, settings };
