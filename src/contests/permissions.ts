// Who runs contests: members with Manage Server, or with one of the server's contest moderator roles.
import type { ButtonInteraction, ChatInputCommandInteraction } from "discord.js";
import { canManageServer, memberRoleIds } from "../discord/manage-server.js";
import type { GuildSettings } from "../settings/index.js";
import { listOr, type SupportedLocale, translator } from "../i18n/index.js";

export function canModerateContests(interaction: ChatInputCommandInteraction | ButtonInteraction, settings: GuildSettings): boolean {
  return canManageServer(interaction) || memberRoleIds(interaction).some((id) => settings.contestModeratorRoleIds.includes(id));
}

/** Who may run contests here, in `locale`: "members with Manage Server or the @Host role". */
export function moderatorWords(settings: GuildSettings, locale: SupportedLocale): string {
  const say = translator(locale);
  const ids = settings.contestModeratorRoleIds;
  if (!ids.length) return say("contests.moderatorsManage");
  return say("contests.moderatorsWithRoles", { roles: listOr(locale, ids.map((id) => `<@&${id}>`)) });
}
