// English: the source of every message. Each namespace is one feature's words; every other language has the same
// namespaces with the same keys and placeholders (the compiler checks the keys, test/unit/i18n.test.ts the rest).
import { common } from "./common.js";
import { result } from "./result.js";

export const messages = { common, result };
