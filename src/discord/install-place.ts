// Where an interaction comes from, as the installs that reach it tell: whether a server's install (and so its
// settings) applies, whether the bot is a member of the channel, and whether Discord forces the replies private.
import { InteractionContextType, PermissionFlagsBits, type BaseInteraction } from "discord.js";

export interface InstallPlace {
  /** The server that installed the bot and whose settings apply; null for a member's own install or a DM. */
  serverId: string | null;
  /** The bot is not a member here (another server reached by the member's own install, a group DM): only the token reaches. */
  tokenOnly: boolean;
  /**
   * Discord makes every reply ephemeral: only the member's install reaches this server and they lack Use External
   * Apps in the channel (permission 1 << 50, "responses will be ephemeral for the end user").
   */
  forcedPrivate: boolean;
}

export function installPlace(interaction: BaseInteraction): InstallPlace {
  const owners = interaction.authorizingIntegrationOwners;
  const inServer = interaction.guildId !== null && interaction.context !== InteractionContextType.BotDM && interaction.context !== InteractionContextType.PrivateChannel;
  // In a server the guild install's value is the server's id; in the bot's DM it is "0".
  const serverInstalled = inServer && owners.guildId !== null && owners.guildId === interaction.guildId;
  const botAbsentFromServer = inServer && !serverInstalled;
  const tokenOnly = botAbsentFromServer || interaction.context === InteractionContextType.PrivateChannel;
  const forcedPrivate = botAbsentFromServer && !(interaction.memberPermissions?.has(PermissionFlagsBits.UseExternalApps) ?? false);
  return { serverId: serverInstalled ? interaction.guildId : null, tokenOnly, forcedPrivate };
}
