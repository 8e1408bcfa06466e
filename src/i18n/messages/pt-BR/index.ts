import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { commands } from "./commands.js";
import { describe } from "./describe.js";
import { generation } from "./generation.js";
import { install } from "./install.js";
import { job } from "./job.js";
import { options } from "./options.js";

export const messages: Catalog = { common, commands, describe, generation, install, job, options };
