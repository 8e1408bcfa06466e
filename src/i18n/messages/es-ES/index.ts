import type { Catalog } from "../types.js";
import { common } from "./common.js";
import { install } from "./install.js";

export const messages: Catalog = { common, install };
