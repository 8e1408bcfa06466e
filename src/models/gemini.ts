// What Google's Gemini image endpoints on fal have in common: their shared input fields, the options they
// offer, their images[] output and per-image pricing. Each family file adds only what sets it apart, as fal
// publishes it for that endpoint (the output format's default, and whether it takes a seed or a safety tolerance).
import { z } from "zod";
import { defineModel } from "./define-model.js";
import { type CatalogLookup } from "./lookup.js";
import { imageCountRange, numImagesField, promptField, type Choice } from "./fields.js";
import { descriptionOf, falImageSchema, parseOutput, toOutputImage } from "./output.js";
import { estimatePerImage, perImagePriceLabel, type PerImagePrice } from "./pricing.js";
import type { ModelDefinition, ModelOptions, NormalizedOutput } from "./types.js";

/**
 * fal publishes no prompt limit for these endpoints, and Google's image models read tens of thousands of input
 * tokens, so the cap is ours: 5,000 characters is above the 4,000 a Discord modal allows (every "Edit with AI"
 * prompt fits) and short enough to echo the prompt back in the result.
 */
export const GEMINI_MAX_PROMPT_LENGTH = 5000;

export const geminiAspectRatios = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"] as const;

export const geminiOutputFormats = ["jpeg", "png", "webp"] as const;
const safetyTolerance = { values: ["1", "2", "3", "4", "5", "6"], default: "4" } as const satisfies Choice;

/** The fields every images[] Gemini endpoint takes, with fal's published defaults. */
export const geminiCommonFields = {
  prompt: promptField(GEMINI_MAX_PROMPT_LENGTH),
  num_images: numImagesField,
  sync_mode: z.boolean().optional(),
};

/** An output_format field with the endpoint's published default. */
export const outputFormatField = (format: Choice) => z.enum(format.values).default(format.default);

/** safety_tolerance, for the endpoints whose published schema has it ("1" strictest … "6" least strict). */
export const safetyToleranceField = z.enum(safetyTolerance.values).default(safetyTolerance.default);

/**
 * Every Gemini endpoint's fields, all optional but the prompt: any one endpoint's input fits it.
 * A type alias, not an interface, so that it satisfies ModelDefinition's Record<string, unknown> constraint.
 */
export type GeminiInput = {
  prompt: string;
  image_urls?: string[];
  image_url?: string;
  aspect_ratio?: string;
  resolution?: string;
  num_images?: number;
  output_format?: string;
  seed?: number;
  safety_tolerance?: string;
  enable_web_search?: boolean;
  thinking_level?: string;
  sync_mode?: boolean;
  limit_generations?: boolean;
};

const imagesOutputSchema = z.object({
  images: z.array(falImageSchema),
  // Published as required; tolerated when missing, since a picture without words is still a result.
  description: z.string().nullish(),
});

export function normalizeGeminiImages(raw: unknown, endpoint: string): NormalizedOutput {
  const output = parseOutput(imagesOutputSchema, raw, endpoint);
  const description = descriptionOf(output.description);
  return {
    images: output.images.map((image) => toOutputImage(image, false)),
    ...(description !== undefined && { description }),
  };
}

export interface GeminiModelSpec {
  id: string;
  endpoint: string;
  name: string;
  summary: string;
  inputSchema: z.ZodType<GeminiInput>;
  /** Edit endpoints only: the most input images we send (fal publishes no cap; each family says why). */
  maxImages?: number;
  aspectRatio: Choice;
  outputFormat: Choice;
  /** True when the endpoint's published schema takes a seed (its inputSchema then has `seed`). */
  seed: boolean;
  /** True when the endpoint's published schema takes safety_tolerance. */
  safetyTolerance: boolean;
  resolution?: Choice;
  webSearch?: boolean;
  thinking?: readonly string[];
  price: PerImagePrice;
  editCounterpart?: string;
}

function geminiOptions(spec: GeminiModelSpec): ModelOptions {
  return {
    aspectRatios: spec.aspectRatio.values,
    defaultAspectRatio: spec.aspectRatio.default,
    ...(spec.resolution && { resolutions: spec.resolution.values, defaultResolution: spec.resolution.default }),
    count: { ...imageCountRange },
    formats: spec.outputFormat.values,
    defaultFormat: spec.outputFormat.default,
    seed: spec.seed,
    negativePrompt: false,
    safetyChecker: false,
    ...(spec.safetyTolerance && { safetyTolerance: safetyTolerance.values }),
    webSearch: spec.webSearch ?? false,
    ...(spec.thinking && { thinking: spec.thinking }),
  };
}

/** A Gemini endpoint with images[] output: text-to-image, or edit when `maxImages` is given. */
export function geminiModel(spec: GeminiModelSpec, lookup: CatalogLookup): ModelDefinition<GeminiInput> {
  return defineModel<GeminiInput>(
    {
      id: spec.id,
      endpoint: spec.endpoint,
      name: spec.name,
      summary: spec.summary,
      kind: spec.maxImages ? "edit" : "text-to-image",
      inputImages: spec.maxImages ? { min: 1, max: spec.maxImages, field: "image_urls" } : null,
      options: geminiOptions(spec),
      maxPromptLength: GEMINI_MAX_PROMPT_LENGTH,
      inputSchema: spec.inputSchema,
      normalizeOutput: (raw) => normalizeGeminiImages(raw, spec.endpoint),
      estimateCost: (input, output) =>
        estimatePerImage(spec.price, { ...input, resolution: input.resolution ?? spec.resolution?.default }, output),
      priceLabel: perImagePriceLabel(spec.price),
      ...(spec.editCounterpart !== undefined && { editCounterpart: spec.editCounterpart }),
    },
    lookup,
  );
}
