// An answer only the member sees: what they did wrong, or why a button or command cannot help them now.
import { MessageFlags, type RepliableInteraction } from "discord.js";

/** Replies ephemerally, cut to Discord's 2000 characters. */
export async function replyPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  await interaction.reply({ content: content.slice(0, 2000), flags: MessageFlags.Ephemeral });
}
