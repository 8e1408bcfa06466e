// Where a command may be used: the commands a member may use anywhere (their own install in DMs, group DMs and other
// servers, as well as a server's install) and those that belong to a server that installed the bot.
import { ApplicationIntegrationType, InteractionContextType } from "discord.js";

/** Installed to a server or to the member themselves. */
export const anyInstall = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall] as const;

/** Servers, the bot's DM, group DMs and other DMs. */
export const anywhere = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel] as const;
