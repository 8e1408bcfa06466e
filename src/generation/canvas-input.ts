// Zoom out and Pan, just before the job goes to fal: the result's image (the request's canvas source) is downloaded,
// put on its larger canvas (media/canvas.ts) and uploaded to fal storage, and the canvas's link is the input's image.
// The download takes the output cap (it is a result's image, shrunk to 2048 px on the canvas); the download and the
// upload each have the deadline of the bot's downloads, so neither can hold the job's fal slot for ever.
import type { FalClient } from "../fal/client.js";
import { MAX_OUTPUT_IMAGE_BYTES, withImageUrls } from "../fal/rehost.js";
import { uploadWithin } from "../fal/upload.js";
import { makeCanvas } from "../media/canvas.js";
import type { Download } from "../media/download.js";
import type { GenerationRequest, ModelDefinition } from "../models/index.js";

/** The image to put on a canvas could not be downloaded, was not an image, or its canvas could not be uploaded in time. */
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
  { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal },
): Promise<Record<string, unknown>> {
  const field = model.inputImages?.field;
  if (!field) return input;
  const { source, ...expansion } = request;
  let canvas;
  try {
    const file = await download(source, { maxBytes: MAX_OUTPUT_IMAGE_BYTES, timeoutMs });
    canvas = await makeCanvas(file.bytes, expansion);
  } catch (error) {
    throw new SourceUnavailableError(source, error);
  }
  let url;
  try {
    url = await uploadWithin(fal, new Blob([canvas.bytes], { type: "image/png" }), timeoutMs, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SourceUnavailableError(source, error);
  }
  return withImageUrls(input, field, [url]);
}
