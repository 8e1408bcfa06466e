// /imagine: make images from a text prompt.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { addModelOptions, addPrivateOption, addPromptOption, addStyleOption, addWebSearchOption, readOrder, startGeneration } from "../src/generation/index.js";
import { catalog } from "../src/models/index.js";
import { styleChoices } from "../src/preferences/index.js";

const builder = new SlashCommandBuilder()
  .setName("imagine")
  .setDescription("Make images from a text prompt")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);
addPromptOption(builder, catalog.list("text-to-image"), "What to make, in your own words");
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
