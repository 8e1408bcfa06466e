// "Describe": a message context-menu command. Prompts that would make an image like the message's first image.
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
} from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { imagesOfMessage, startDescribe } from "../src/generation/index.js";

export const data = new ContextMenuCommandBuilder()
  .setName("Describe")
  .setType(ApplicationCommandType.Message)
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: AppContext): Promise<void> {
  const [image] = imagesOfMessage(interaction.targetMessage);
  if (!image) {
    await interaction.reply({
      content: "That message has no images to describe. Use Describe on a message with an attached image or an embedded picture.",
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await startDescribe(interaction, image, null, ctx);
}
