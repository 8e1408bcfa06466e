// Who may run the admin side of the bot: members with Manage Server (the server owner and admins have it too).
import { PermissionFlagsBits, type BaseInteraction, type GuildMember } from "discord.js";

/** The bit /settings is registered with as `default_member_permissions`. */
export const manageServerPermission = PermissionFlagsBits.ManageGuild;

/** Discord hides the command from others by default, but a server can grant it to anyone, so the check runs again here. */
export function canManageServer(interaction: Pick<BaseInteraction, "memberPermissions">): boolean {
  return interaction.memberPermissions?.has(manageServerPermission) ?? false;
}

/** The same for a member seen in a message (Manage Server is a server-wide permission: no channel changes it). */
export function memberCanManageServer(member: GuildMember | null): boolean {
  return member?.permissions.has(manageServerPermission) ?? false;
}

/** The ids of the member's roles, whether discord.js resolved the member or left the raw payload. */
export function memberRoleIds(interaction: Pick<BaseInteraction, "member">): string[] {
  const roles = interaction.member?.roles;
  return Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
}
