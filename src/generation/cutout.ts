// An asset without its background (emoji and stickers from /asset) takes two requests at fal: the model's picture, then
// the background removal of it. The job runs both in one slot (see the runner's steps) and costs both.
import type { Catalog, GenerationRequest, ModelDefinition, NormalizedOutput } from "../models/index.js";
import type { JobRecord } from "./job.js";

/** The background removal that follows the model's request, for a request that asks for it; undefined for the others. */
export function cutoutModelFor(catalog: Pick<Catalog, "list">, model: ModelDefinition, request: Pick<GenerationRequest, "asset">): ModelDefinition | undefined {
  if (!request.asset?.transparent || model.kind === "background-removal") return undefined;
  return catalog.list("background-removal")[0];
}

/** What the background removal costs, reserved with the model's cost when the job is admitted (a price per image). */
export function cutoutCost(cutout: ModelDefinition | undefined): number {
  return cutout ? cutout.estimateCost({}).usd : 0;
}

/** The background removal's input: the first request's picture, on fal's CDN. */
export function cutoutInput(cutout: ModelDefinition, job: JobRecord): Record<string, unknown> {
  const picture = job.firstResult?.images[0];
  if (!picture) throw new Error(`job ${job.ref} reached its background removal without a picture`);
  const built = cutout.buildInput({ prompt: job.request.prompt, imageUrls: [picture.url] });
  if (!built.ok) throw new Error(`the background removal refused job ${job.ref}'s picture: ${built.problems.map((p) => p.message).join("; ")}`);
  return built.input;
}

/**
 * The cut-out as the job's result: it keeps what the model said of its picture (Gemini's description, the seed), and an
 * image the model flagged stays flagged (the background removal checks nothing), so the server's NSFW policy applies.
 */
export function cutOutPicture(cutout: NormalizedOutput, picture: NormalizedOutput): NormalizedOutput {
  const { description, seed } = picture;
  return {
    ...cutout,
    images: cutout.images.map((image, index) => ({ ...image, nsfw: image.nsfw || (picture.images[index]?.nsfw ?? false) })),
    ...(description !== undefined ? { description } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}
