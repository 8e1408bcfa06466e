import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { result } from "./result.js";

export const messages: Catalog = { common, result };
