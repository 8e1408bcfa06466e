import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { describe } from "./describe.js";
import { generation } from "./generation.js";
import { job } from "./job.js";
import { options } from "./options.js";

export const messages: Catalog = { common, describe, generation, job, options };
