// The language of what contests post on their own (phase changes, entries, results, a direct message when the
// member's own is not known): the server's preferred locale, else the one it had when the contest was made (the
// process running the phases may not have the server in its cache), else English.
import type { Client } from "discord.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
import type { ContestRecord } from "../store/contests.js";

export function serverTranslator(client: Client, contest: Pick<ContestRecord, "guildId" | "locale">): Translate {
  return translator(resolveLocale(client.guilds.cache.get(contest.guildId)?.preferredLocale ?? contest.locale));
}
