// fal-ai/gemini-flash-edit: the older Gemini editor. One image (image_url), a prompt, nothing else; its output
// is a single `image` rather than images[].
import { z } from "zod";
import { defineModel } from "./define-model.js";
import { type ModelFamily } from "./lookup.js";
import { promptField } from "./fields.js";
import { GEMINI_MAX_PROMPT_LENGTH, type GeminiInput } from "./gemini.js";
import { descriptionOf, falImageSchema, parseOutput, toOutputImage } from "./output.js";
import { estimatePerImage, perImagePriceLabel, type PerImagePrice } from "./pricing.js";
import type { NormalizedOutput } from "./types.js";

const ENDPOINT = "fal-ai/gemini-flash-edit";

const inputSchema = z.strictObject({
  prompt: promptField(GEMINI_MAX_PROMPT_LENGTH),
  image_url: z.string().min(1),
});

const outputSchema = z
  .object({
    // Published as required; missing or null when Gemini answers in words only.
    image: falImageSchema.nullish(),
    description: z.string().nullish(),
  })
  .refine((output) => output.image || output.description?.trim(), "neither an image nor a description");

function normalizeOutput(raw: unknown): NormalizedOutput {
  const output = parseOutput(outputSchema, raw, ENDPOINT);
  const description = descriptionOf(output.description);
  return {
    images: output.image ? [toOutputImage(output.image, false)] : [],
    ...(description !== undefined && { description }),
  };
}

// fal publishes no price for this endpoint; we estimate it at Gemini 2.5 Flash Image's $0.039 per image.
const price: PerImagePrice = { usd: 0.039, published: false };

export const geminiFlashEditModels: ModelFamily = (lookup) => [
  defineModel<GeminiInput>(
    {
      id: "gemini-flash-edit",
      endpoint: ENDPOINT,
      name: "Gemini Flash Edit (legacy)",
      summary: "The older Gemini editor: one image and an instruction, no other settings.",
      kind: "edit",
      inputImages: { min: 1, max: 1, field: "image_url" },
      options: { seed: false, negativePrompt: false, safetyChecker: false, webSearch: false },
      maxPromptLength: GEMINI_MAX_PROMPT_LENGTH,
      inputSchema,
      normalizeOutput,
      estimateCost: (input, output) => estimatePerImage(price, input, output),
      priceLabel: perImagePriceLabel(price),
    },
    lookup,
  ),
];
