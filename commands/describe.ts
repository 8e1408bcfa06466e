// /describe: prompts that would make an image like the one attached, each with a button that runs it.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { localize } from "../src/i18n/index.js";
import { addPrivateOption, fromAttachment, startDescribe } from "../src/generation/index.js";

const builder = localize(new SlashCommandBuilder(), "describe", "describe")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .addAttachmentOption((o) => localize(o, "image", "describe.image").setRequired(true));
addPrivateOption(builder);

export const data = builder.toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const image = fromAttachment("image", interaction.options.getAttachment("image", true));
  await startDescribe(interaction, image, interaction.options.getBoolean("private"), ctx);
}
