// /imagine: make images from a text prompt.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { addModelOptions, addPrivateOption, addPromptOption, addStyleOption, addWebSearchOption, readOrder, startGeneration } from "../src/generation/index.js";
import { localize } from "../src/i18n/index.js";
import { catalog } from "../src/models/index.js";
import { styleChoices } from "../src/preferences/index.js";

const builder = localize(new SlashCommandBuilder(), "imagine", "imagine")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);
addPromptOption(builder, catalog.list("text-to-image"), "imagine.prompt");
addModelOptions(builder, catalog, "text-to-image");
addStyleOption(builder);
addWebSearchOption(builder, catalog, "text-to-image");
addPrivateOption(builder);

export const data = builder.toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  await startGeneration(interaction, readOrder(interaction, ctx.catalog, "text-to-image", []), ctx);
}

/** The style option: the member's saved styles matching what they typed. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  await styleChoices(interaction, ctx);
}
