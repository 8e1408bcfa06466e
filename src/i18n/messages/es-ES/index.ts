import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { job } from "./job.js";

export const messages: Catalog = { common, job };
