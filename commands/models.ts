// /models: the catalog as a member sees it.
import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { localize } from "../src/i18n/index.js";
import { describeModel } from "../src/models/index.js";

export const data = localize(new SlashCommandBuilder(), "models", "models")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const embed = new EmbedBuilder()
    .setTitle("Models")
    .setDescription(
      "Use `/imagine` to make an image from text, `/edit` to change images you attach, `/describe` (or a message's Apps → Describe) to get prompts for an image; the Upscale buttons under a result use SeedVR2.",
    )
    .addFields(ctx.catalog.all().map((model) => ({ name: model.name, value: describeModel(model) })));
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
