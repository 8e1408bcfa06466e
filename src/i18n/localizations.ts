// Command names, descriptions and choices in every shipped language, as discord.js builders take them
// (setNameLocalizations, setDescriptionLocalizations, a choice's name_localizations).
import type { LocalizationMap } from "discord.js";
import type { MessageKey } from "./catalog.js";
import { discordLocales, fallbackLocale, supportedLocales } from "./locales.js";
import { t } from "./translate.js";

/** `key` in every language but English (the command's default), under each Discord locale that language serves. */
export function localizations(key: MessageKey): LocalizationMap {
  const map: LocalizationMap = {};
  for (const locale of supportedLocales) {
    if (locale === fallbackLocale) continue;
    for (const discordLocale of discordLocales[locale]) map[discordLocale] = t(locale, key);
  }
  return map;
}
