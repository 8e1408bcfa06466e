// Who may run the admin side of the bot: members with Manage Server (the server owner and admins have it too).
import { PermissionFlagsBits, type ChatInputCommandInteraction } from "discord.js";

/** The bit /settings is registered with as `default_member_permissions`. */
export const manageServerPermission = PermissionFlagsBits.ManageGuild;

/** Discord hides the command from others by default, but a server can grant it to anyone, so the check runs again here. */
export function canManageServer(interaction: ChatInputCommandInteraction): boolean {
  return interaction.memberPermissions?.has(manageServerPermission) ?? false;
}
