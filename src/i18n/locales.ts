// The languages falcord speaks, and which one a member gets: their Discord locale when we have it, else the
// same language in another region (es-419 → es-ES, en-GB → English), else English.
import { Locale } from "discord.js";

/** The languages shipped, English first (the fallback and the commands' default). */
export const supportedLocales = ["en-US", "zh-CN", "es-ES", "ja", "de", "fr", "pt-BR"] as const;

export type SupportedLocale = (typeof supportedLocales)[number];

export const fallbackLocale: SupportedLocale = "en-US";

const byLanguage = new Map<string, SupportedLocale>(
  supportedLocales.map((locale) => [locale.split("-")[0]!, locale]),
);

/** Traditional Chinese readers get English rather than Simplified Chinese they did not choose. */
const notByLanguage = new Set<string>([Locale.ChineseTW]);

/** The language for a Discord locale (an interaction's `locale` or `guild_locale`, a guild's preferred locale). */
export function resolveLocale(discordLocale: string | null | undefined): SupportedLocale {
  if (!discordLocale) return fallbackLocale;
  const exact = supportedLocales.find((locale) => locale === discordLocale);
  if (exact) return exact;
  if (notByLanguage.has(discordLocale)) return fallbackLocale;
  return byLanguage.get(discordLocale.split("-")[0]!) ?? fallbackLocale;
}

/** Discord locales a localization is registered under: each shipped language, and its other regions Discord knows. */
export const discordLocales: Readonly<Record<SupportedLocale, readonly Locale[]>> = {
  "en-US": [Locale.EnglishUS, Locale.EnglishGB],
  "zh-CN": [Locale.ChineseCN],
  "es-ES": [Locale.SpanishES, Locale.SpanishLATAM],
  ja: [Locale.Japanese],
  de: [Locale.German],
  fr: [Locale.French],
  "pt-BR": [Locale.PortugueseBR],
};
