// Nano Banana Pro (Gemini 3 Pro Image): adds 1K/2K/4K output and web search; 4K costs double.
// The edit follows fal's saved page for fal-ai/nano-banana-pro/edit, which lists no seed and no safety_tolerance;
// the text-to-image endpoint (no saved page) follows fal's API reference, which lists both.
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

const aspectRatios = ["auto", ...geminiAspectRatios] as const;
const textToImageAspect = { values: aspectRatios, default: "1:1" } as const satisfies Choice;
const editAspect = { values: aspectRatios, default: "auto" } as const satisfies Choice;
const resolution = { values: ["1K", "2K", "4K"], default: "1K" } as const satisfies Choice;
const outputFormat = { values: geminiOutputFormats, default: "png" } as const satisfies Choice;

/**
 * fal publishes no cap on image_urls. Google documents up to 14 reference images for Gemini 3 Pro Image,
 * so that is the most we send.
 */
const MAX_IMAGES = 14;

const proFields = {
  ...geminiCommonFields,
  output_format: outputFormatField(outputFormat),
  resolution: z.enum(resolution.values).default(resolution.default),
  enable_web_search: z.boolean().optional(),
  limit_generations: z.boolean().optional(),
};

const textToImageSchema = z.strictObject({
  ...proFields,
  seed: seedField,
  safety_tolerance: safetyToleranceField,
  aspect_ratio: z.enum(textToImageAspect.values).default(textToImageAspect.default),
});

const editSchema = z.strictObject({
  ...proFields,
  aspect_ratio: z.enum(editAspect.values).default(editAspect.default),
  image_urls: imageUrlsField(MAX_IMAGES),
});

const shared = {
  resolution,
  outputFormat,
  webSearch: true,
  price: {
    usd: 0.15,
    published: true,
    resolutionMultipliers: { "1K": 1, "2K": 1, "4K": 2 },
    webSearch: { usd: 0.015, published: true },
  } satisfies PerImagePrice,
};

export const nanoBananaProModels: ModelFamily = (lookup) => [
  geminiModel(
    {
      ...shared,
      id: "nano-banana-pro",
      endpoint: "fal-ai/nano-banana-pro",
      name: "Nano Banana Pro",
      summary: "Google's most capable image model: precise detail and legible text, up to 4K, can search the web.",
      inputSchema: textToImageSchema,
      aspectRatio: textToImageAspect,
      seed: true,
      safetyTolerance: true,
      editCounterpart: "nano-banana-pro-edit",
    },
    lookup,
  ),
  geminiModel(
    {
      ...shared,
      id: "nano-banana-pro-edit",
      endpoint: "fal-ai/nano-banana-pro/edit",
      name: "Nano Banana Pro (edit)",
      summary: "Careful, detailed edits and compositions from up to 14 of your images, up to 4K.",
      inputSchema: editSchema,
      aspectRatio: editAspect,
      seed: false,
      safetyTolerance: false,
      maxImages: MAX_IMAGES,
    },
    lookup,
  ),
];
