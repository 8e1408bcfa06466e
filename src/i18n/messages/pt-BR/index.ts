import type { Catalog } from "../types.js";
import { commands } from "./commands.js";
import { common } from "./common.js";

export const messages: Catalog = { common, commands };
