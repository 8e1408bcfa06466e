// Every shipped language's messages, typed against English so a missing or extra key does not compile.
import type { SupportedLocale } from "./locales.js";
import { messages as en } from "./messages/en/index.js";
import { messages as zhCN } from "./messages/zh-CN/index.js";
import { messages as esES } from "./messages/es-ES/index.js";
import { messages as ja } from "./messages/ja/index.js";
import { messages as de } from "./messages/de/index.js";
import { messages as fr } from "./messages/fr/index.js";
import { messages as ptBR } from "./messages/pt-BR/index.js";

import type { Catalog } from "./messages/types.js";

export type { MessageKey } from "./messages/types.js";

export const catalogs: Readonly<Record<SupportedLocale, Catalog>> = {
  "en-US": en,
  "zh-CN": zhCN,
  "es-ES": esES,
  ja,
  de,
  fr,
  "pt-BR": ptBR,
};
