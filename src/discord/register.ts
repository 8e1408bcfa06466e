// Registers the slash and context-menu commands, only when Discord's copy differs from ours.
import { ApplicationIntegrationType, InteractionContextType, type APIApplicationCommand, type Client } from "discord.js";
import type { Logger } from "../log.js";
import type { Command } from "./command.js";

export type RegistrationOutcome = "unchanged" | "registered";

export async function registerCommands(
  client: Client<true>,
  commands: Iterable<Pick<Command<unknown>, "data">>,
  log: Logger,
  guildId?: string,
): Promise<RegistrationOutcome> {
  // The JSON round trip drops keys the builders leave as undefined (nsfw, …); equals() would count them as changes.
  let definitions = [...commands].map((command) => JSON.parse(JSON.stringify(command.data)) as Command<unknown>["data"]);
  if (!(await userInstallOn(client)) && definitions.some(offeredToUserInstalls)) {
    log.warn(
      "User Install is off for this application (Developer Portal → Installation → Installation Contexts): the commands are offered in servers and the bot's DMs only",
    );
    definitions = definitions.map(forServerInstallsOnly);
  }
  const manager = client.application.commands;
  // Without withLocalizations Discord leaves out the commands' localizations, and every command would look changed.
  const existing = guildId ? await manager.fetch({ guildId, withLocalizations: true }) : await manager.fetch({ withLocalizations: true });
  const unchanged =
    existing.size === definitions.length &&
    definitions.every((definition) =>
      existing.some(
        (command) => command.name === definition.name && command.type === (definition.type ?? 1) && // equals() reads both the API (snake_case) and the builder (camelCase) forms.
          command.equals(definition as APIApplicationCommand, true),
      ),
    );
  const scope = guildId ? `guild ${guildId}` : "global";
  if (unchanged) {
    log.info({ scope, count: definitions.length }, "commands unchanged; not registering");
    return "unchanged";
  }
  await (guildId ? manager.set(definitions, guildId) : manager.set(definitions));
  log.info({ scope, commands: definitions.map((d) => d.name) }, "commands registered");
  return "registered";
}

/** Whether the application's Installation settings offer it to members' own installs. */
async function userInstallOn(client: Client<true>): Promise<boolean> {
  const application = await client.application.fetch();
  return application.integrationTypesConfig?.[ApplicationIntegrationType.UserInstall] !== undefined;
}

type Definition = Command<unknown>["data"];

function offeredToUserInstalls(definition: Definition): boolean {
  return definition.integration_types?.includes(ApplicationIntegrationType.UserInstall) ?? false;
}

/** A command for an app whose User Install is off: a server's install only, and not in group DMs (which only a member's own install reaches). */
function forServerInstallsOnly(definition: Definition): Definition {
  if (!offeredToUserInstalls(definition)) return definition;
  return {
    ...definition,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(definition.contexts ? { contexts: definition.contexts.filter((context) => context !== InteractionContextType.PrivateChannel) } : {}),
  };
}
