// A message's files as Discord serves them now, read with the bot token: each read signs fresh links.
import type { Client } from "discord.js";

/** The links of the message's attachments, in order; undefined when its channel holds no messages. */
export async function attachmentUrls(client: Client, channelId: string, messageId: string): Promise<string[] | undefined> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isTextBased()) return undefined;
  // Forced: a cached copy's links may have expired.
  const message = await channel.messages.fetch({ message: messageId, force: true });
  return [...message.attachments.values()].map((file) => file.url);
}
