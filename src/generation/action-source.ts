// Where an action (Upscale, Vary, Zoom out, Pan) takes a result's image from. fal guarantees its output files for 7
// days only: for a public result delivered more than 6 days ago, the image is its message's own attachment at the
// image's position (a result's message carries its shown images only, in order), as Discord serves it now. A private result cannot be read with the bot token: its fal link is tried.
import type { Client } from "discord.js";
import { attachmentUrls } from "../discord/message-files.js";
import type { Logger } from "../log.js";
import type { OutputImage } from "../models/index.js";
import type { JobRecord } from "./job.js";

/** How long fal's link is used: a day within fal's 7. */
export const FAL_LINK_TRUSTED_MS = 6 * 24 * 60 * 60 * 1000;

type SourceJob = Pick<JobRecord, "ephemeral" | "deliveredAt" | "channelId" | "replyMessageId">;

export async function actionSourceUrl(client: Client<true>, log: Logger, job: SourceJob, image: OutputImage, position: number, now = Date.now()): Promise<string> {
  const old = job.deliveredAt !== null && now - job.deliveredAt > FAL_LINK_TRUSTED_MS;
  if (!old || job.ephemeral || !job.replyMessageId) return image.url;
  try {
    const urls = await attachmentUrls(client, job.channelId, job.replyMessageId);
    const url = urls?.[position - 1];
    if (url) return url;
    log.warn({ position }, "the result's message has no image at that position; trying fal's link");
  } catch (error) {
    log.warn({ err: error }, "could not read the result's message for its image; trying fal's link");
  }
  return image.url;
}
