// A result's images as its message shows them (in the order of its attachments), and which of them the actions on a
// result (Upscale, Vary, Zoom out, Pan) are offered for: not the ones the model flagged, outside NSFW channels.
import type { OutputImage } from "../models/index.js";
import type { JobRecord } from "./job.js";

type ShownJob = Pick<JobRecord, "result" | "channelNsfw" | "nsfwPolicy">;

/** The images in the result's message, in order: flagged ones are missing where they were withheld. */
export function displayedImages(job: ShownJob): OutputImage[] {
  const withhold = !job.channelNsfw && (job.nsfwPolicy ?? "withhold") === "withhold";
  return job.result?.images.filter((image) => !(withhold && image.nsfw)) ?? [];
}

/** Whether the actions are offered for an image: a flagged one shown behind a spoiler is not (their results would not be). */
export function isOffered(job: ShownJob, image: OutputImage): boolean {
  return job.channelNsfw || !image.nsfw;
}

/** The positions (1-based, as in the message) of the images the actions are offered for. */
export function offeredPositions(job: ShownJob): number[] {
  return displayedImages(job).flatMap((image, i) => (isOffered(job, image) ? [i + 1] : []));
}

/** The image at a position of the message, when the actions are offered for it. */
export function offeredImage(job: ShownJob, position: number): OutputImage | undefined {
  const image = Number.isInteger(position) && position >= 1 ? displayedImages(job)[position - 1] : undefined;
  return image && isOffered(job, image) ? image : undefined;
}
