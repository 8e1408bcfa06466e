// Who runs contests: members with Manage Server, or with one of the server's contest moderator roles.
import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { GuildSettings } from "../policy/settings.js";

export function memberRoleIds(interaction: ChatInputCommandInteraction | ButtonInteraction): string[] {
  const roles = interaction.member?.roles;
  return Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
}

export function canModerateContests(interaction: ChatInputCommandInteraction | ButtonInteraction, settings: GuildSettings): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  return memberRoleIds(interaction).some((id) => settings.contestModeratorRoleIds.includes(id));
}

export function moderatorWords(settings: GuildSettings): string {
  const roles = settings.contestModeratorRoleIds.map((id) => `<@&${id}>`).join(" or ");
  return roles ? `members with Manage Server or the ${roles} role` : "members with Manage Server";
}
