// fal-ai/seedvr/upscale/image: ByteDance's SeedVR2, a dedicated upscaler that keeps the image's pixels (it restores
// detail instead of re-drawing the picture), priced per megapixel of output. Behind Upscale (2K and 4K) on results.
//
// Input and output as fal publishes them (https://fal.ai/models/fal-ai/seedvr/upscale/image/llms.txt and
// https://fal.ai/docs/model-api-reference/image-generation-api/seedvr-upscale-image): image_url (required);
// upscale_mode "target" | "factor" (default "factor"); upscale_factor 1–10 (default 2), multiplying both sides in
// "factor" mode; target_resolution 720p | 1080p | 1440p | 2160p (default 1080p, "target" mode only); noise_scale 0–1
// (default 0.1); output_format png | jpg | webp (default jpg); seed; sync_mode. Output: { image: File, seed }.
// Price: $0.001 per megapixel (of output).
import { z } from "zod";
import type { ModelFamily } from "./lookup.js";
import { seedField } from "./fields.js";
import { falImageSchema, parseOutput, toOutputImage } from "./output.js";
import { checkedInput, imageOnlyFields, imageOnlyProblems, type ImageOnlyWords } from "./image-only.js";
import { fallbackLocale, t, type SupportedLocale } from "../i18n/index.js";
import { formatUsd, roundUsd } from "./pricing.js";
import type { CostEstimate, GenerationRequest, ModelDefinition, NormalizedOutput } from "./types.js";
import { countOf } from "../wording.js";

const ENDPOINT = "fal-ai/seedvr/upscale/image";
const NAME = "SeedVR2 Upscale";

export const upscaleFactorBounds = { min: 1, max: 10 } as const;

const inputSchema = z.strictObject({
  image_url: z.string().min(1),
  upscale_mode: z.enum(["target", "factor"]).default("factor"),
  upscale_factor: z.number().min(upscaleFactorBounds.min).max(upscaleFactorBounds.max).default(2),
  target_resolution: z.enum(["720p", "1080p", "1440p", "2160p"]).default("1080p"),
  noise_scale: z.number().min(0).max(1).default(0.1),
  output_format: z.enum(["png", "jpg", "webp"]).default("jpg"),
  seed: seedField,
  sync_mode: z.boolean().optional(),
});

export type SeedvrUpscaleInput = z.input<typeof inputSchema>;

const outputSchema = z.object({ image: falImageSchema, seed: z.number().nullish() });

function normalizeOutput(raw: unknown): NormalizedOutput {
  const output = parseOutput(outputSchema, raw, ENDPOINT);
  return { images: [toOutputImage(output.image, false)], ...(output.seed != null && { seed: output.seed }) };
}

const USD_PER_MEGAPIXEL = 0.001;

/** Before running, the source's size is not in the input: a 1-megapixel source (Gemini's 1K) is assumed. */
const ASSUMED_SOURCE_MP = 1;

const formatMegapixels = (mp: number) => `${Math.round(mp * 100) / 100} MP`;

/** fal bills the output's megapixels; the estimate is settled with the size of the image that came back. */
function estimateCost(input: SeedvrUpscaleInput, output?: NormalizedOutput): CostEstimate {
  const factor = input.upscale_factor ?? 2;
  const expected = ASSUMED_SOURCE_MP * factor * factor;
  let mp: number;
  let detail: string;
  if (output) {
    mp = output.images.reduce((sum, image) => sum + (image.width && image.height ? (image.width * image.height) / 1_000_000 : expected), 0);
    detail = `${countOf(output.images.length, "image")} returned, ${formatMegapixels(mp)}`;
  } else {
    mp = expected;
    detail = `1 image upscaled ×${Math.round(factor * 100) / 100} (from about ${formatMegapixels(ASSUMED_SOURCE_MP)}) = about ${formatMegapixels(mp)}`;
  }
  const usd = mp * USD_PER_MEGAPIXEL;
  return { usd: roundUsd(usd), published: true, breakdown: `${detail} × ${formatUsd(USD_PER_MEGAPIXEL)} per MP = ${formatUsd(usd)}` };
}

const WORDS: ImageOnlyWords = { oneImage: "options.upscaleOneImage", noOption: "options.upscaleNoOption", notAccepted: "options.upscaleNotAccepted" };

function buildInput(request: GenerationRequest, locale: SupportedLocale = fallbackLocale) {
  const problems = imageOnlyProblems(request, NAME, WORDS, locale);
  const factor = request.upscaleFactor ?? 2;
  if (!(factor > upscaleFactorBounds.min && factor <= upscaleFactorBounds.max)) {
    problems.push({ option: "images", message: t(locale, "options.upscaleFactor", { model: NAME, factor: String(factor) }) });
  }
  if (problems.length > 0) return { ok: false as const, problems };
  const input: SeedvrUpscaleInput = { image_url: request.imageUrls![0]!, upscale_mode: "factor", upscale_factor: factor };
  return checkedInput(inputSchema, input, NAME, WORDS, locale);
}

export const seedvrUpscaleModels: ModelFamily = () => [
  {
    id: "seedvr-upscale",
    endpoint: ENDPOINT,
    name: NAME,
    summary: "Faithful upscaling (Upscale 2K and 4K on results): sharper and larger, without re-drawing the picture.",
    kind: "upscale",
    ...imageOnlyFields,
    inputSchema,
    buildInput,
    normalizeOutput,
    estimateCost,
    priceLabel: `${formatUsd(USD_PER_MEGAPIXEL)} per megapixel of output`,
  } satisfies ModelDefinition<SeedvrUpscaleInput>,
];
