// An entry's image bytes: from the first of its sources that answers (the entry message's attachment as Discord
// links it now, fal's CDN, the job's delivered attachment), so a contest does not depend on one link staying valid.
import type { Client } from "discord.js";
import { attachmentUrls } from "../discord/message-files.js";
import type { Download, Downloaded } from "../media/download.js";
import type { JobRecord } from "../generation/index.js";

const limits = { maxBytes: 25 * 1024 * 1024, timeoutMs: 30_000 };

export async function firstDownload(download: Download, urls: readonly string[]): Promise<Downloaded> {
  let last: unknown = new Error("the image has no source left");
  for (const url of new Set(urls)) {
    try {
      return await download(url, limits);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** The attachment of the job's delivered reply (public replies only: the bot cannot read private ones). */
export async function deliveredAttachmentUrl(client: Client, job: JobRecord | undefined, index: number): Promise<string | undefined> {
  if (!job?.replyMessageId || job.ephemeral) return undefined;
  return attachmentUrls(client, job.channelId, job.replyMessageId).then(
    (urls) => urls?.[index],
    () => undefined,
  );
}
