// Copies input images onto fal storage, for when fal cannot fetch the original links (expired or refused).
import type { FalClient } from "./client.js";
import type { Download } from "../media/download.js";
import { uploadWithin } from "./upload.js";

export const MAX_INPUT_IMAGE_BYTES = 20 * 1024 * 1024;
/** The most an image fal made may weigh when the bot downloads it (to deliver it, or to put it on a canvas). */
export const MAX_OUTPUT_IMAGE_BYTES = 64 * 1024 * 1024;

export class InputUnavailableError extends Error {
  constructor(readonly url: string, cause: unknown) {
    super(`could not download input image ${url}`, { cause });
    this.name = "InputUnavailableError";
  }
}

/** Each image downloaded and uploaded to fal storage, each step within `timeoutMs` (a stalled upload is abandoned). */
export async function rehostImages(fal: FalClient, download: Download, urls: readonly string[], timeoutMs = 30_000): Promise<string[]> {
  return Promise.all(
    urls.map(async (url) => {
      let file;
      try {
        file = await download(url, { maxBytes: MAX_INPUT_IMAGE_BYTES, timeoutMs });
      } catch (error) {
        throw new InputUnavailableError(url, error);
      }
      return uploadWithin(fal, new Blob([file.bytes], { type: file.contentType }), timeoutMs);
    }),
  );
}

/** The same input with its image links replaced, field by field as the model takes them. */
export function withImageUrls(input: Record<string, unknown>, field: "image_urls" | "image_url", urls: string[]) {
  return { ...input, [field]: field === "image_url" ? urls[0] : urls };
}

export function imageUrlsOf(input: Record<string, unknown>, field: "image_urls" | "image_url"): string[] {
  const value = input[field];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}
