// Where each command is offered (issue 18): the generation actions and the member's own commands everywhere and
// through either install; a server's administration (settings, contests, assets) only in a server that added the bot.
// A command added without an entry here fails, so each new one is placed on purpose.
import { ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from "discord.js";
import { describe, expect, it } from "vitest";
import { loadCommands } from "../../src/discord/load-commands.js";

const registered = [...(await loadCommands()).values()].map((command) => command.data);

const anywhere = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
};
const serverOnly = { contexts: [InteractionContextType.Guild], integration_types: [ApplicationIntegrationType.GuildInstall] };

const { ChatInput: slash, Message: messageMenu } = ApplicationCommandType;

/** Every command by its kind and name, and where Discord should offer it. */
const expected: readonly [type: ApplicationCommandType, name: string, where: typeof anywhere][] = [
  [slash, "imagine", anywhere],
  [slash, "edit", anywhere],
  [slash, "describe", anywhere],
  [messageMenu, "Describe", anywhere],
  [messageMenu, "Edit with AI", anywhere],
  [slash, "models", anywhere],
  [slash, "usage", anywhere],
  [slash, "preferences", anywhere],
  [slash, "style", anywhere],
  [slash, "settings", serverOnly],
  [slash, "contest", serverOnly],
  [slash, "asset", serverOnly],
];

const key = (type: number | undefined, name: string) => `${type ?? slash} ${name}`;

describe("where each command is offered", () => {
  it("every registered command has an entry, and every entry a registered command", () => {
    const names = (list: readonly string[]) => [...list].sort();
    expect(names(registered.map((command) => key(command.type, command.name)))).toEqual(names(expected.map(([type, name]) => key(type, name))));
  });

  const labelled = expected.map(([type, name, where]) => ({ label: type === messageMenu ? `the message menu ${name}` : `/${name}`, type, name, where }));
  it.each(labelled)("$label: its contexts and integration_types", ({ type, name, where }) => {
    const command = registered.find((c) => key(c.type, c.name) === key(type, name));
    expect(command, `${name} is not registered`).toBeDefined();
    const sorted = (values: readonly number[] | null | undefined) => [...(values ?? [])].sort((a, b) => a - b);
    expect({ contexts: sorted(command!.contexts), integration_types: sorted(command!.integration_types) }).toEqual(where);
  });
});
