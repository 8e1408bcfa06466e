// Who runs contests: members with Manage Server, or with one of the server's contest moderator roles.
import type { ButtonInteraction, ChatInputCommandInteraction } from "discord.js";
import { canManageServer, memberRoleIds } from "../discord/manage-server.js";
import type { GuildSettings } from "../settings/index.js";

export function canModerateContests(interaction: ChatInputCommandInteraction | ButtonInteraction, settings: GuildSettings): boolean {
  return canManageServer(interaction) || memberRoleIds(interaction).some((id) => settings.contestModeratorRoleIds.includes(id));
}

export function moderatorWords(settings: GuildSettings): string {
  const roles = settings.contestModeratorRoleIds.map((id) => `<@&${id}>`).join(" or ");
  return roles ? `members with Manage Server or the ${roles} role` : "members with Manage Server";
}
