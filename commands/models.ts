// /models: the catalog as a member sees it.
import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { localize } from "../src/i18n/index.js";
import { describeModel } from "../src/models/index.js";
import { resolveLocale, translator } from "../src/i18n/index.js";

export const data = localize(new SlashCommandBuilder(), "models", "models")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const say = translator(resolveLocale(interaction.locale));
  const embed = new EmbedBuilder()
    .setTitle(say("catalog.title"))
    .setDescription(say("catalog.intro"))
    .addFields(ctx.catalog.all().map((model) => ({ name: model.name, value: describeModel(model, say) })));
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
