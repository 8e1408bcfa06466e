// Nano Banana 2 (Gemini 3.1 Flash Image): extreme aspect ratios, 0.5K–4K output, optional thinking, web search.
// As fal's API reference lists it (no saved page): both endpoints take a seed and safety_tolerance.
import { z } from "zod";
import type { ModelFamily } from "./lookup.js";
import { imageUrlsField, seedField, type Choice } from "./fields.js";
import {
  geminiAspectRatios,
  geminiCommonFields,
  geminiModel,
  geminiOutputFormats,
  outputFormatField,
  safetyToleranceField,
} from "./gemini.js";
import type { PerImagePrice } from "./pricing.js";

const aspectRatio = {
  values: ["auto", ...geminiAspectRatios, "4:1", "1:4", "8:1", "1:8"],
  default: "auto",
} as const satisfies Choice;
const resolution = { values: ["0.5K", "1K", "2K", "4K"], default: "1K" } as const satisfies Choice;
const thinkingLevels = ["minimal", "high"] as const;
const outputFormat = { values: geminiOutputFormats, default: "png" } as const satisfies Choice;

/**
 * fal publishes no cap on image_urls. Google documents up to 14 reference images for its Gemini 3 image
 * models, Nano Banana 2 included, so that is the most we send.
 */
const MAX_IMAGES = 14;

const fields = {
  ...geminiCommonFields,
  output_format: outputFormatField(outputFormat),
  seed: seedField,
  safety_tolerance: safetyToleranceField,
  aspect_ratio: z.enum(aspectRatio.values).default(aspectRatio.default),
  resolution: z.enum(resolution.values).default(resolution.default),
  enable_web_search: z.boolean().optional(),
  // Leaving it out disables thinking, so there is no default.
  thinking_level: z.enum(thinkingLevels).optional(),
  limit_generations: z.boolean().default(true),
};

const textToImageSchema = z.strictObject(fields);
const editSchema = z.strictObject({ ...fields, image_urls: imageUrlsField(MAX_IMAGES) });

const shared = {
  aspectRatio,
  outputFormat,
  seed: true,
  safetyTolerance: true,
  resolution,
  webSearch: true,
  thinking: thinkingLevels,
  price: {
    usd: 0.08,
    published: true,
    resolutionMultipliers: { "0.5K": 0.75, "1K": 1, "2K": 1.5, "4K": 2 },
    // fal's pricing for Nano Banana 2 names the same $0.015 web-search fee as Pro's (and $0.002 for high
    // thinking, which members cannot choose here).
    webSearch: { usd: 0.015, published: true },
  } satisfies PerImagePrice,
};

export const nanoBanana2Models: ModelFamily = (lookup) => [
  geminiModel(
    {
      ...shared,
      id: "nano-banana-2",
      endpoint: "fal-ai/nano-banana-2",
      name: "Nano Banana 2",
      summary: "Near-Pro quality at Flash speed, with extra-wide and extra-tall shapes and optional thinking.",
      inputSchema: textToImageSchema,
      editCounterpart: "nano-banana-2-edit",
    },
    lookup,
  ),
  geminiModel(
    {
      ...shared,
      id: "nano-banana-2-edit",
      endpoint: "fal-ai/nano-banana-2/edit",
      name: "Nano Banana 2 (edit)",
      summary: "Fast, high-quality edits and compositions from up to 14 of your images, up to 4K.",
      inputSchema: editSchema,
      maxImages: MAX_IMAGES,
    },
    lookup,
  ),
];
