// /style: a member's saved styles — save, list, delete — used with the style option of /imagine and /edit. Every answer is private.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { localize } from "../src/i18n/index.js";
import { addStyleSubcommands, runStyle, styleChoices } from "../src/preferences/index.js";

const builder = localize(new SlashCommandBuilder(), "style", "style")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);

export const data = addStyleSubcommands(builder).toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  await runStyle(interaction, ctx);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  await styleChoices(interaction, ctx);
}
