// Languages: which one a member gets, their messages (ICU MessageFormat), and commands' localizations.
export { resolveLocale, supportedLocales, fallbackLocale, type SupportedLocale } from "./locales.js";
export { t, translator, hasMessage, listOr, type Translate, type MessageValues } from "./translate.js";
export {
  localizations,
  localize,
  modelChoice,
  modelLabel,
  valueChoice,
  type CommandName,
  type CommandDescription,
  type LocalizedValues,
} from "./localizations.js";
export type { MessageKey } from "./catalog.js";
