// Zoom out and Pan, just before the job goes to fal: the result's image (the request's canvas source) is downloaded,
// put on its larger canvas (media/canvas.ts) and uploaded to fal storage, and the canvas's link is the input's image.
import type { FalClient } from "../fal/client.js";
import { MAX_INPUT_IMAGE_BYTES, withImageUrls } from "../fal/rehost.js";
import { makeCanvas } from "../media/canvas.js";
import type { Download } from "../media/download.js";
import type { GenerationRequest, ModelDefinition } from "../models/index.js";

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
  request: NonNullable<GenerationRequest["canvas"]>,
): Promise<Record<string, unknown>> {
  const field = model.inputImages?.field;
  if (!field) return input;
  const { source, ...expansion } = request;
  let canvas;
  try {
    const file = await download(source, { maxBytes: MAX_INPUT_IMAGE_BYTES, timeoutMs: 30_000 });
    canvas = await makeCanvas(file.bytes, expansion);
  } catch (error) {
    throw new SourceUnavailableError(source, error);
  }
  const url = await fal.storage.upload(new Blob([canvas.bytes], { type: "image/png" }));
  return withImageUrls(input, field, [url]);
}
