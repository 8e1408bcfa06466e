// Nano Banana 2 (Gemini 3.1 Flash Image): extreme aspect ratios, 0.5K–4K output, optional thinking, web search.
import { z } from "zod";
import type { ModelFamily } from "./lookup.js";
import { imageUrlsField, type Choice } from "./fields.js";
import { geminiAspectRatios, geminiCommonFields, geminiModel } from "./gemini.js";
import type { PerImagePrice } from "./pricing.js";

const aspectRatio = {
  values: ["auto", ...geminiAspectRatios, "4:1", "1:4", "8:1", "1:8"],
  default: "auto",
} as const satisfies Choice;
const resolution = { values: ["0.5K", "1K", "2K", "4K"], default: "1K" } as const satisfies Choice;
const thinkingLevels = ["minimal", "high"] as const;

/**
 * fal publishes no cap on image_urls. Google documents up to 14 reference images for its Gemini 3 image
 * models, Nano Banana 2 included, so that is the most we send.
 */
const MAX_IMAGES = 14;

const fields = {
  ...geminiCommonFields,
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
  resolution,
  webSearch: true,
  thinking: thinkingLevels,
  price: {
    usd: 0.08,
    published: true,
    resolutionMultipliers: { "0.5K": 0.75, "1K": 1, "2K": 1.5, "4K": 2 },
    // fal publishes a web-search fee for Nano Banana Pro only; we assume Nano Banana 2 charges the same.
    webSearch: { usd: 0.015, published: false },
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
