// The result JSON of a successful run, shaped per endpoint family, with images rendered and put on the fake CDN.
import { epochNow } from "./clock.js";
import { randomInt } from "node:crypto";
import { basename } from "node:path";
import {
  EXTREME_RATIOS,
  FIRERED_IMAGE_SIZES,
  type FalEndpointId,
  GEMINI_RATIOS,
  outputFamily,
} from "./schemas.js";
import type { InputImage } from "./inputs.js";
import {
  cutOutSubject,
  geminiSize,
  type ImageFormat,
  nearestRatio,
  type RenderedImage,
  renderImage,
  renderNoise,
  renderSized,
  type Size,
} from "./render.js";
import type { FakeStorage } from "./storage.js";
import type { FakeFalJob } from "./types.js";

const DEFAULT_LARGE_OUTPUT_BYTES = 12 * 1024 * 1024;

export interface OutputImage {
  url: string;
  content_type: string;
  file_name: string;
  width: number;
  height: number;
  file_size: number;
}

/** `outputBytes`: when set, normal outputs are images of about that many bytes (see FakeFalOptions.outputBytes). */
export async function buildOutput(
  job: FakeFalJob,
  inputs: InputImage[],
  storage: FakeStorage,
  outputBytes?: number,
): Promise<Record<string, unknown>> {
  const endpoint = job.endpoint as FalEndpointId;
  const family = outputFamily(endpoint);
  const p = job.params;
  const prompt = String(p.prompt);
  const failure = job.failure;
  if (family === "vision") return visionOutput(p, inputs, failure?.kind === "text-only" ? failure.description : undefined);

  if (family === "seedvr") return upscaled(p, inputs[0], storage);
  if (family === "bria") return { image: publish(await cutOutSubject(inputs[0]!.data), storage, p.sync_mode === true) };

  const refusal =
    failure?.kind === "text-only"
      ? (failure.description ?? "I can't create that image, but here is what I would say about it instead.")
      : failure?.kind === "nsfw" && family !== "firered"
        ? "I can't generate that image because it may go against the content policy. Try a different prompt."
        : undefined;
  if (refusal !== undefined) {
    if (family === "gemini-single") return { description: refusal };
    if (family === "firered") return { images: [], seed: seedOf(p), prompt, has_nsfw_concepts: [], timings: { inference: 0 } };
    return { images: [], description: refusal };
  }

  const count = family === "gemini-single" ? 1 : Number(p.num_images ?? 1);
  const size = outputSize(endpoint, p, inputs[0]);
  const format = (p.output_format ?? "png") as ImageFormat;
  const flaggedAt = (position: number) => failure?.kind === "nsfw" && (failure.images?.includes(position) ?? true);
  const render = async (nsfw: boolean) =>
    failure?.kind === "large-output"
      ? await renderNoise(failure.bytes ?? DEFAULT_LARGE_OUTPUT_BYTES, size)
      : outputBytes !== undefined && !nsfw
        ? await renderSized(size, format, outputBytes)
        : await renderImage(size, format, nsfw && p.enable_safety_checker !== false ? "black" : "normal");
  const flags = Array.from({ length: count }, (_, i) => flaggedAt(i + 1));
  const rendered = await render(flags.some(Boolean) && flags.every(Boolean));
  // Only some flagged: those are black, the others as usual.
  const renderedFor = flags.some(Boolean) && !flags.every(Boolean) ? await Promise.all(flags.map(render)) : undefined;
  const published = Array.from({ length: count }, (_, i) => publish(renderedFor?.[i] ?? rendered, storage, p.sync_mode === true));
  // The files are gone from the CDN by the time anyone downloads them.
  if (failure?.kind === "output-missing") for (const image of published) storage.remove(image.url);
  const images = failure?.kind === "output-url" ? published.map((image) => ({ ...image, url: failure.url })) : published;

  if (family === "firered") {
    const inference = job.startedAt ? (epochNow() - job.startedAt) / 1000 : 0;
    return { images, seed: seedOf(p), prompt, has_nsfw_concepts: images.map((_, i) => flags[i] === true), timings: { inference } };
  }
  const description = count === 1 ? `Here is your image of "${clip(prompt)}".` : `Here are ${count} images of "${clip(prompt)}".`;
  return family === "gemini-single" ? { image: images[0], description } : { images, description };
}

/** SeedVR2's short side in "target" mode. */
const TARGET_SHORT_SIDE: Record<string, number> = { "720p": 720, "1080p": 1080, "1440p": 1440, "2160p": 2160 };

/** SeedVR2: the input image larger by the factor (or to the target resolution's short side), as { image, seed }. */
async function upscaled(p: Record<string, unknown>, input: Size | undefined, storage: FakeStorage): Promise<Record<string, unknown>> {
  const source = input ?? { width: 1024, height: 1024 };
  const factor =
    p.upscale_mode === "target"
      ? (TARGET_SHORT_SIDE[String(p.target_resolution)] ?? 1080) / Math.min(source.width, source.height)
      : Number(p.upscale_factor ?? 2);
  const size = { width: Math.round(source.width * factor), height: Math.round(source.height * factor) };
  const format: ImageFormat = p.output_format === "png" ? "png" : p.output_format === "webp" ? "webp" : "jpeg";
  const image = publish(await renderImage(size, format), storage, p.sync_mode === true);
  return { image, seed: seedOf(p) };
}

function outputSize(endpoint: FalEndpointId, p: Record<string, unknown>, firstInput: Size | undefined): Size {
  if (outputFamily(endpoint) === "firered") {
    const requested = p.image_size;
    if (typeof requested === "string" && requested in FIRERED_IMAGE_SIZES) {
      return FIRERED_IMAGE_SIZES[requested as keyof typeof FIRERED_IMAGE_SIZES];
    }
    if (typeof requested === "object" && requested !== null) {
      const { width, height } = requested as Size;
      return { width, height };
    }
    return firstInput ?? { width: 1024, height: 1024 };
  }
  const allowed: readonly string[] = endpoint.startsWith("fal-ai/nano-banana-2")
    ? [...GEMINI_RATIOS, ...EXTREME_RATIOS]
    : GEMINI_RATIOS;
  const requested = String(p.aspect_ratio ?? "auto");
  const ratio = requested !== "auto" ? requested : firstInput ? nearestRatio(firstInput, allowed) : "1:1";
  return geminiSize(ratio, String(p.resolution ?? "1K"));
}

function publish(image: RenderedImage, storage: FakeStorage, syncMode: boolean): OutputImage {
  const url = syncMode
    ? `data:${image.contentType};base64,${image.data.toString("base64")}`
    : storage.put(image.data, image.contentType, image.ext);
  return {
    url,
    content_type: image.contentType,
    file_name: syncMode ? `output.${image.ext}` : basename(new URL(url).pathname),
    width: image.width,
    height: image.height,
    file_size: image.data.length,
  };
}

function seedOf(p: Record<string, unknown>): number {
  return typeof p.seed === "number" ? p.seed : randomInt(0, 2 ** 31 - 1);
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A vision model's answer: when asked for numbered prompts ("1. <prompt>" in the question), as many numbered prompts
 * as the question's format shows, made from what the fake can see of the images (their size and shape); otherwise
 * one caption; with failNext({ kind: "text-only", description }), that description word for word (what a model might
 * read off an image). With token usage priced as OpenRouter prices Gemini 2.5 Flash.
 */
function visionOutput(p: Record<string, unknown>, inputSizes: Size[], answer?: string): Record<string, unknown> {
  const question = String(p.prompt);
  const size = inputSizes[0] ?? { width: 1024, height: 1024 };
  const shape = size.width > size.height ? "wide landscape" : size.width < size.height ? "tall portrait" : "square";
  const seen = `a ${shape} picture, ${size.width}×${size.height}`;
  const asked = [...question.matchAll(/^\s*(\d+)\.\s*<prompt>/gm)].length;
  const styles = ["faithful photograph", "moody cinematic still", "watercolour painting", "detailed macro study"];
  const output =
    answer !== undefined
      ? answer
      : asked > 0
      ? Array.from({ length: asked }, (_, i) => `${i + 1}. A ${styles[i % styles.length]} of ${seen}, soft light, balanced composition`).join("\n")
      : `A caption of ${seen}.`;
  const promptTokens = 1290 * inputSizes.length + Math.ceil(question.length / 4) + Math.ceil(String(p.system_prompt ?? "").length / 4);
  const completionTokens = Math.ceil(output.length / 4);
  const cost = Math.round((promptTokens * 0.3 + completionTokens * 2.5)) / 1_000_000;
  return {
    output,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, cost },
  };
}
