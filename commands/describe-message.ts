// "Describe": a message context-menu command. Prompts that would make an image like the message's first image.
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
} from "discord.js";
import type { AppContext } from "../src/context.js";
import { localizations } from "../src/i18n/index.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { imagesOfMessage, startDescribe } from "../src/generation/index.js";
import { resolveLocale, t } from "../src/i18n/index.js";

export const data = new ContextMenuCommandBuilder()
  .setName("Describe")
  .setNameLocalizations(localizations("commands.menu.describe"))
  .setType(ApplicationCommandType.Message)
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: AppContext): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const [image] = imagesOfMessage(interaction.targetMessage, locale);
  if (!image) {
    await interaction.reply({
      content: t(locale, "describe.noImages"),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await startDescribe(interaction, image, null, ctx);
}
