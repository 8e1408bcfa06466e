// Zoom out and Pan, just before the job goes to fal: the result's image is downloaded, put on its larger canvas
// (media/canvas.ts) and uploaded to fal storage, and the canvas's link replaces the image in the input.
import type { FalClient } from "../fal/client.js";
import { imageUrlsOf, MAX_INPUT_IMAGE_BYTES, withImageUrls } from "../fal/rehost.js";
import { makeCanvas } from "../media/canvas.js";
import type { Download } from "../media/download.js";
import type { CanvasExpansion, ModelDefinition } from "../models/index.js";

/** The image to put on a canvas could not be downloaded, or was not an image. */
export class SourceUnavailableError extends Error {
  constructor(readonly url: string, cause: unknown) {
    super(`could not put ${url} on a canvas`, { cause });
    this.name = "SourceUnavailableError";
  }
}

export async function canvasInput(
  fal: FalClient,
  download: Download,
  model: ModelDefinition,
  input: Record<string, unknown>,
  expansion: CanvasExpansion,
): Promise<Record<string, unknown>> {
  const field = model.inputImages?.field;
  const [source, ...others] = field ? imageUrlsOf(input, field) : [];
  if (!field || source === undefined) return input;
  let canvas;
  try {
    const file = await download(source, { maxBytes: MAX_INPUT_IMAGE_BYTES, timeoutMs: 30_000 });
    canvas = await makeCanvas(file.bytes, expansion);
  } catch (error) {
    throw new SourceUnavailableError(source, error);
  }
  const url = await fal.storage.upload(new Blob([canvas.bytes], { type: "image/png" }));
  return withImageUrls(input, field, [url, ...others]);
}
