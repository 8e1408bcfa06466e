// A result's images as its message shows them (in the order of its attachments), and which of them the actions on a
// result (Upscale, Vary, Zoom out, Pan) are offered for: never the ones the model flagged, in any channel (their
// upscaled or varied copies would come back unflagged).
import type { OutputImage } from "../models/index.js";
import type { JobRecord } from "./job.js";

type ShownJob = Pick<JobRecord, "result" | "channelNsfw" | "nsfwPolicy">;

/** The images in the result's message, in order: flagged ones are missing where they were withheld. */
export function displayedImages(job: ShownJob): OutputImage[] {
  const withhold = !job.channelNsfw && (job.nsfwPolicy ?? "withhold") === "withhold";
  return job.result?.images.filter((image) => !(withhold && image.nsfw)) ?? [];
}

/**
 * Whether the actions are offered for an image: not for one the model flagged, even where it is shown (an NSFW
 * channel, or behind a spoiler). The upscaler and the edit models do not flag what they return, so a copy would lose the flag.
 */
export function isOffered(image: OutputImage): boolean {
  return !image.nsfw;
}

/** The positions (1-based, as in the message) of the images the actions are offered for. */
export function offeredPositions(job: ShownJob): number[] {
  return displayedImages(job).flatMap((image, i) => (isOffered(image) ? [i + 1] : []));
}

/** The image at a position of the message, when the actions are offered for it. */
export function offeredImage(job: ShownJob, position: number): OutputImage | undefined {
  const image = Number.isInteger(position) && position >= 1 ? displayedImages(job)[position - 1] : undefined;
  return image && isOffered(image) ? image : undefined;
}
