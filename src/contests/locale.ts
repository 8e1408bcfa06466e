// The language of what contests post on their own (phase changes, entries, results, a direct message when the
// member's own is not known): the server's preferred locale, else English.
import type { Client } from "discord.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";

export function serverTranslator(client: Client, guildId: string): Translate {
  return translator(resolveLocale(client.guilds.cache.get(guildId)?.preferredLocale));
}
