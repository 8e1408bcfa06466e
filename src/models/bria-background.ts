// fal-ai/bria/background/remove: Bria's RMBG 2.0, which cuts the subject out of an image and returns it on
// transparency. Run before an emoji or a sticker is made from an image (/asset and Make asset), at a flat price.
//
// Input and output as fal publishes them (https://fal.ai/models/fal-ai/bria/background/remove/llms.txt): image_url
// (required); sync_mode (optional, default false). Output: { image: Image }, a PNG with transparency.
// Price: $0.018 per generation.
import { z } from "zod";
import type { ModelFamily } from "./lookup.js";
import { falImageSchema, parseOutput, toOutputImage } from "./output.js";
import { checkedInput, imageOnlyFields, imageOnlyProblems, type ImageOnlyWords } from "./image-only.js";
import { fallbackLocale, type SupportedLocale } from "../i18n/index.js";
import { formatUsd } from "./pricing.js";
import type { CostEstimate, GenerationRequest, ModelDefinition, NormalizedOutput } from "./types.js";

const ENDPOINT = "fal-ai/bria/background/remove";
const NAME = "Bria RMBG 2.0";

const inputSchema = z.strictObject({
  image_url: z.string().min(1),
  sync_mode: z.boolean().optional(),
});

export type BriaBackgroundInput = z.input<typeof inputSchema>;

const outputSchema = z.object({ image: falImageSchema });

function normalizeOutput(raw: unknown): NormalizedOutput {
  const output = parseOutput(outputSchema, raw, ENDPOINT);
  return { images: [toOutputImage(output.image, false)] };
}

const USD_PER_IMAGE = 0.018;

function estimateCost(): CostEstimate {
  return { usd: USD_PER_IMAGE, published: true, breakdown: `1 image × ${formatUsd(USD_PER_IMAGE)} = ${formatUsd(USD_PER_IMAGE)}` };
}

const WORDS: ImageOnlyWords = { oneImage: "options.backgroundOneImage", noOption: "options.backgroundNoOption", notAccepted: "options.backgroundNotAccepted" };

function buildInput(request: GenerationRequest, locale: SupportedLocale = fallbackLocale) {
  const problems = imageOnlyProblems(request, NAME, WORDS, locale);
  if (problems.length > 0) return { ok: false as const, problems };
  const input: BriaBackgroundInput = { image_url: request.imageUrls![0]! };
  return checkedInput(inputSchema, input, NAME, WORDS, locale);
}

export const briaBackgroundModels: ModelFamily = () => [
  {
    id: "bria-background-removal",
    endpoint: ENDPOINT,
    name: NAME,
    summary: "Cuts the subject out of an image onto a transparent background (for emoji and stickers).",
    kind: "background-removal",
    ...imageOnlyFields,
    inputSchema,
    buildInput,
    normalizeOutput,
    estimateCost,
    priceLabel: `${formatUsd(USD_PER_IMAGE)} per image`,
  } satisfies ModelDefinition<BriaBackgroundInput>,
];
