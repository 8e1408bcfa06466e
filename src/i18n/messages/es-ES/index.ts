import type { Catalog } from "../types.js";
import { common } from "./common.js";

export const messages: Catalog = { common };
